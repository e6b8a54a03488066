/**
 * The SMB2 client — [MS-SMB2] 3.2: TCP connect and NEGOTIATE (negotiate.ts, up to 3.1.1);
 * logins on top (Smb2Session), trees, files and pipes below. It uses the same codecs as the server.
 *
 *   const client = await Smb2Client.connect({ host, port });
 *   const session = await client.login({ user: 'alice', password: '...' });
 *   const tree = await session.treeConnect('PRINT$');
 *   const { size, stream } = await tree.createReadStream('color/Hpclrlsr.icm');
 */
import { guidFromBuffer } from '../../common/binary/guid';
import type { Logger } from '../../common/logger';
import { createSilentLogger } from '../../common/logger';
import type { Smb2Cipher } from '../signing/encryption';
import type { Smb2Dialect } from '../signing/keys';
import { Smb2ClientConnection } from './client-connection';
import type { Smb2Negotiation } from './negotiate';
import { negotiate } from './negotiate';
import type { Smb2Credentials, Smb2Session } from './smb2-session';
import { loginSession } from './smb2-session';

export type { Smb2Dialect } from '../signing/keys';
export { Smb2Cipher } from '../signing/encryption';
export type { Smb2Negotiation } from './negotiate';
export type { Smb2IoLimits } from './io-limits';
export { Smb2Session } from './smb2-session';
export type { Smb2Credentials } from './smb2-session';
export { Smb2Tree } from './smb2-tree';
export { Smb2File } from './smb2-file';
export { Smb2WritableFile } from './writable-file';
export type { Smb2WriteSource } from './writable-file';
export type { CreateFileOptions, WriteFileOptions } from './smb2-tree';
export type { Smb2DirectoryEntry, Smb2FileStat } from './directory-listing';
export { Smb2Pipe } from './smb2-pipe';
export * from './client-errors';

export interface Smb2ClientOptions {
  /** Where to connect (a name DNS resolves, or an address). */
  readonly host: string;
  /**
   * The server's name as the user wrote it (`NTPRINT` in `\\NTPRINT\HpColor`), used in tree
   * connect paths; `host` when absent. Differs from `host` when the name was mapped to an address.
   */
  readonly serverName?: string;
  /** Default 445. */
  readonly port?: number;
  /** Connect and per-request time limit; default 30 s. */
  readonly timeoutMs?: number;
  readonly logger?: Logger;
  /** Dialects to offer; default all five (2.0.2, 2.1, 3.0, 3.0.2, 3.1.1). */
  readonly dialects?: readonly Smb2Dialect[];
  /** 'enabled' (default): sign when the server requires it; 'required': always sign, refuse guest logons. */
  readonly signing?: 'required' | 'enabled';
  /**
   * 'required': every request after SESSION_SETUP is encrypted (SMB 3.x), and a logon that cannot
   * encrypt fails. 'enabled' (default): encrypt when the server requires it, for a session or a share.
   */
  readonly encryption?: 'required' | 'enabled';
  /** Ciphers offered on 3.1.1, preferred first (default: AES-128-GCM, AES-128-CCM, AES-256-GCM, AES-256-CCM). */
  readonly ciphers?: readonly Smb2Cipher[];
  /** Credits the client tries to hold (default 512); bounds the reads in flight. */
  readonly maxCreditsWanted?: number;
}

/** Reads and transacts are capped here whatever the server announces (memory per call). */
const MAX_IO_SIZE = 8 * 1024 * 1024;
const SMALL_IO_SIZE = 65536;

export class Smb2Client {
  private constructor(
    readonly connection: Smb2ClientConnection,
    readonly negotiation: Smb2Negotiation,
    readonly host: string,
    private readonly options: Smb2ClientOptions,
    private readonly logger: Logger,
  ) {}

  /** TCP connect and NEGOTIATE. */
  static async connect(options: Smb2ClientOptions): Promise<Smb2Client> {
    const port = options.port ?? 445;
    const logger = (options.logger ?? createSilentLogger()).child({
      component: 'smb2-client',
      peer: `${options.host}:${port}`,
    });
    const connection = await Smb2ClientConnection.open(options.host, port, {
      timeoutMs: options.timeoutMs ?? 30000,
      logger,
      maxCreditsWanted: Math.max(8, options.maxCreditsWanted ?? 512),
    });
    try {
      const negotiation = await negotiate(connection, options, logger);
      return new Smb2Client(connection, negotiation, options.host, options, logger);
    } catch (err) {
      connection.close();
      throw err;
    }
  }

  get dialect(): Smb2Dialect {
    return this.negotiation.dialect;
  }

  get serverGuid(): string {
    return guidFromBuffer(this.negotiation.server.serverGuid);
  }

  /** The largest READ this client sends: the server's MaxReadSize, 64 KiB without multi-credit. */
  get maxReadSize(): number {
    return this.ioLimit(this.negotiation.server.maxReadSize);
  }

  get maxTransactSize(): number {
    return this.ioLimit(this.negotiation.server.maxTransactSize);
  }

  get maxWriteSize(): number {
    return this.ioLimit(this.negotiation.server.maxWriteSize);
  }

  private ioLimit(announced: number): number {
    const cap = this.connection.multiCredit ? Math.min(MAX_IO_SIZE, this.connection.maxCreditedPayload) : SMALL_IO_SIZE;
    return Math.max(1, Math.min(announced, cap));
  }

  /** SESSION_SETUP with SPNEGO/NTLMv2; STATUS_LOGON_FAILURE becomes an AuthenticationError. */
  login(credentials: Smb2Credentials): Promise<Smb2Session> {
    return loginSession(
      {
        connection: this.connection,
        negotiation: this.negotiation,
        host: this.options.serverName ?? this.host,
        requireSigning: this.options.signing === 'required',
        requireEncryption: this.options.encryption === 'required',
        limits: {
          maxReadSize: this.maxReadSize,
          maxTransactSize: this.maxTransactSize,
          maxWriteSize: this.maxWriteSize,
        },
        logger: this.logger,
      },
      credentials,
    );
  }

  /** Closes the connection; calls still outstanding fail with Smb2ConnectionError. */
  close(): Promise<void> {
    this.connection.close();
    return Promise.resolve();
  }
}
