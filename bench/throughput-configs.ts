/**
 * The dialects, signing and encryption of the throughput benchmark, each downloaded by both
 * clients. Encrypted rows offer one cipher: smbclient with --client-protection=encrypt and
 * "client smb3 encryption algorithms" set to it, our client with encryption required and only
 * that cipher; 3.0 has AES-128-CCM alone ([MS-SMB2] 3.1.4.3).
 */
import type { Smb2Dialect } from '../lib/smb2/client/smb2-client';
import { Smb2Cipher } from '../lib/smb2/client/smb2-client';

export interface ThroughputEncryption {
  readonly cipher: Smb2Cipher;
  /** Samba's name of the cipher ("client smb3 encryption algorithms"). */
  readonly sambaName: 'AES-128-GCM' | 'AES-256-GCM' | 'AES-128-CCM' | 'AES-256-CCM';
}

export interface ThroughputConfig {
  readonly name: string;
  /** smbclient -m */
  readonly maxProtocol: 'SMB3_11' | 'SMB3_00' | 'SMB2_10';
  readonly dialect: Smb2Dialect;
  readonly signed: boolean;
  /** Encryption required, with this cipher only. */
  readonly encryption?: ThroughputEncryption;
}

const encrypted = (
  name: string,
  maxProtocol: 'SMB3_11' | 'SMB3_00',
  dialect: Smb2Dialect,
  cipher: Smb2Cipher,
  sambaName: ThroughputEncryption['sambaName'],
): ThroughputConfig => ({ name, maxProtocol, dialect, signed: false, encryption: { cipher, sambaName } });

export const THROUGHPUT_CONFIGS: readonly ThroughputConfig[] = [
  { name: 'SMB 3.1.1 signed', maxProtocol: 'SMB3_11', dialect: 0x0311, signed: true },
  { name: 'SMB 3.1.1 unsigned', maxProtocol: 'SMB3_11', dialect: 0x0311, signed: false },
  { name: 'SMB 2.1 signed', maxProtocol: 'SMB2_10', dialect: 0x0210, signed: true },
  { name: 'SMB 2.1 unsigned', maxProtocol: 'SMB2_10', dialect: 0x0210, signed: false },
  encrypted('SMB 3.1.1 AES-128-GCM', 'SMB3_11', 0x0311, Smb2Cipher.AES_128_GCM, 'AES-128-GCM'),
  encrypted('SMB 3.1.1 AES-256-GCM', 'SMB3_11', 0x0311, Smb2Cipher.AES_256_GCM, 'AES-256-GCM'),
  encrypted('SMB 3.1.1 AES-128-CCM', 'SMB3_11', 0x0311, Smb2Cipher.AES_128_CCM, 'AES-128-CCM'),
  encrypted('SMB 3.1.1 AES-256-CCM', 'SMB3_11', 0x0311, Smb2Cipher.AES_256_CCM, 'AES-256-CCM'),
  encrypted('SMB 3.0 AES-128-CCM', 'SMB3_00', 0x0300, Smb2Cipher.AES_128_CCM, 'AES-128-CCM'),
];

/** The configurations whose name contains one of `rows` (case-insensitive), all when `rows` is empty. */
export function selectThroughputConfigs(rows: readonly string[]): readonly ThroughputConfig[] {
  if (rows.length === 0) return THROUGHPUT_CONFIGS;
  const wanted = rows.map((r) => r.toLowerCase());
  return THROUGHPUT_CONFIGS.filter((c) => wanted.some((w) => c.name.toLowerCase().includes(w)));
}
