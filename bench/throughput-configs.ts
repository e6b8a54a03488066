/** The dialects and signing of the throughput benchmark, each downloaded by both clients. */
import type { Smb2Dialect } from '../lib/smb2/client/smb2-client';

export interface ThroughputConfig {
  readonly name: string;
  /** smbclient -m */
  readonly maxProtocol: 'SMB3_11' | 'SMB2_10';
  readonly dialect: Smb2Dialect;
  readonly signed: boolean;
}

export const THROUGHPUT_CONFIGS: readonly ThroughputConfig[] = [
  { name: 'SMB 3.1.1 signed', maxProtocol: 'SMB3_11', dialect: 0x0311, signed: true },
  { name: 'SMB 3.1.1 unsigned', maxProtocol: 'SMB3_11', dialect: 0x0311, signed: false },
  { name: 'SMB 2.1 signed', maxProtocol: 'SMB2_10', dialect: 0x0210, signed: true },
  { name: 'SMB 2.1 unsigned', maxProtocol: 'SMB2_10', dialect: 0x0210, signed: false },
];
