/**
 * The SMB2 client — [MS-SMB2] 3.2: TCP connect and NEGOTIATE (3.2.4.2.2, 3.2.5.2), up to 3.1.1
 * with the PREAUTH_INTEGRITY (SHA-512) and SIGNING_CAPABILITIES negotiate contexts; logins on
 * top (Smb2Session), trees, files and pipes below. It uses the same codecs as the server.
 *
 *   const client = await Smb2Client.connect({ host, port });
 *   const session = await client.login({ user: 'alice', password: '...' });
 *   const tree = await session.treeConnect('PRINT$');
 *   const { size, stream } = await tree.createReadStream('color/Hpclrlsr.icm');
 */
import { randomBytes } from 'node:crypto';
import { BufferReader } from '../../common/binary/buffer-reader';
import { BufferWriter } from '../../common/binary/buffer-writer';
import { guidFromBuffer } from '../../common/binary/guid';
import type { Logger } from '../../common/logger';
import { createSilentLogger } from '../../common/logger';
import {
  SMB2_PREAUTH_INTEGRITY_SHA512,
  Smb2Capabilities,
  Smb2Command,
  Smb2NegotiateContextType,
  Smb2SecurityMode,
  Smb2SigningAlgorithm,
  smb2DialectName,
} from '../constants';
import type { NegotiateContext, NegotiateResponse } from '../messages/negotiate';
import {
  decodeNegotiateResponse,
  decodePreauthIntegrityCapabilities,
  decodeU16List,
  encodeNegotiateRequest,
  encodePreauthIntegrityCapabilities,
  encodeU16List,
} from '../messages/negotiate';
import type { Smb2Dialect } from '../signing/keys';
import { PreauthIntegrity } from '../signing/keys';
import type { SigningAlgorithm } from '../signing/sign';
import { Smb2ClientConnection, bodyReader, decodeOrThrow } from './client-connection';
import { Smb2ProtocolError } from './client-errors';
import type { Smb2Credentials, Smb2Session } from './smb2-session';
import { loginSession } from './smb2-session';
import { expectStatus } from './status';

export type { Smb2Dialect } from '../signing/keys';
export { Smb2Session } from './smb2-session';
export type { Smb2Credentials } from './smb2-session';
export { Smb2Tree, Smb2File } from './smb2-tree';
export { Smb2WritableFile } from './writable-file';
export type {
  CreateFileOptions,
  Smb2DirectoryEntry,
  Smb2FileStat,
  Smb2WriteSource,
  WriteFileOptions,
} from './smb2-tree';
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
  /** Credits the client tries to hold (default 512); bounds the reads in flight. */
  readonly maxCreditsWanted?: number;
}

/** What NEGOTIATE settled, kept for the sessions (signing, FSCTL_VALIDATE_NEGOTIATE_INFO). */
export interface Smb2Negotiation {
  readonly dialect: Smb2Dialect;
  readonly offeredDialects: readonly Smb2Dialect[];
  readonly clientGuid: Buffer;
  readonly clientSecurityMode: number;
  readonly clientCapabilities: number;
  readonly server: NegotiateResponse;
  readonly signingRequired: boolean;
  readonly signingAlgorithm: SigningAlgorithm | undefined;
  /** 3.1.1: the connection's preauth hash after NEGOTIATE; sessions fork it. */
  readonly preauth: PreauthIntegrity | undefined;
}

const ALL_DIALECTS: readonly Smb2Dialect[] = [0x0202, 0x0210, 0x0300, 0x0302, 0x0311];
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

function negotiateContexts(): NegotiateContext[] {
  const preauth = new BufferWriter(64);
  encodePreauthIntegrityCapabilities(preauth, {
    hashAlgorithms: [SMB2_PREAUTH_INTEGRITY_SHA512],
    salt: randomBytes(32),
  });
  const signing = new BufferWriter(16);
  encodeU16List(signing, [Smb2SigningAlgorithm.AES_GMAC, Smb2SigningAlgorithm.AES_CMAC]);
  return [
    { type: Smb2NegotiateContextType.SMB2_PREAUTH_INTEGRITY_CAPABILITIES, data: preauth.finish() },
    { type: Smb2NegotiateContextType.SMB2_SIGNING_CAPABILITIES, data: signing.finish() },
  ];
}

/** [MS-SMB2] 3.2.5.2: the 3.1.1 contexts the server must answer — one SHA-512 preauth, at most one signing algorithm. */
function readServerContexts(response: NegotiateResponse): SigningAlgorithm | undefined {
  const preauth = response.negotiateContexts.filter(
    (c) => c.type === Smb2NegotiateContextType.SMB2_PREAUTH_INTEGRITY_CAPABILITIES,
  );
  const only = preauth[0];
  if (preauth.length !== 1 || only === undefined)
    throw new Smb2ProtocolError('3.1.1 NEGOTIATE response without one PREAUTH_INTEGRITY context');
  const caps = decodeOrThrow('PREAUTH_INTEGRITY_CAPABILITIES', () =>
    decodePreauthIntegrityCapabilities(new BufferReader(only.data)),
  );
  if (caps.hashAlgorithms.length !== 1 || caps.hashAlgorithms[0] !== SMB2_PREAUTH_INTEGRITY_SHA512) {
    throw new Smb2ProtocolError(`server chose preauth hash ${caps.hashAlgorithms.join(',')}, not SHA-512`);
  }
  const signing = response.negotiateContexts.find((c) => c.type === Smb2NegotiateContextType.SMB2_SIGNING_CAPABILITIES);
  if (signing === undefined) return undefined;
  const chosen = decodeOrThrow('SIGNING_CAPABILITIES', () =>
    decodeU16List(new BufferReader(signing.data), 'SigningAlgorithm'),
  );
  const algorithm = chosen[0];
  if (
    chosen.length !== 1 ||
    (algorithm !== Smb2SigningAlgorithm.AES_GMAC && algorithm !== Smb2SigningAlgorithm.AES_CMAC)
  ) {
    throw new Smb2ProtocolError(`server chose signing algorithm(s) ${chosen.join(',')} that were not offered`);
  }
  return algorithm;
}

async function negotiate(
  connection: Smb2ClientConnection,
  options: Smb2ClientOptions,
  logger: Logger,
): Promise<Smb2Negotiation> {
  const offered = [...new Set(options.dialects ?? ALL_DIALECTS)].sort((a, b) => a - b);
  if (offered.length === 0 || offered.some((d) => !ALL_DIALECTS.includes(d))) {
    throw new RangeError(`dialects must be among ${ALL_DIALECTS.map((d) => smb2DialectName(d)).join(', ')}`);
  }
  const clientGuid = randomBytes(16);
  const clientSecurityMode =
    Smb2SecurityMode.SMB2_NEGOTIATE_SIGNING_ENABLED |
    (options.signing === 'required' ? Smb2SecurityMode.SMB2_NEGOTIATE_SIGNING_REQUIRED : 0);
  // Only LARGE_MTU: no leasing, multichannel, persistent handles or encryption in this client.
  const clientCapabilities = offered.some((d) => d >= 0x0210) ? Smb2Capabilities.SMB2_GLOBAL_CAP_LARGE_MTU : 0;
  const with311 = offered.includes(0x0311);
  const response = await connection.call({
    command: Smb2Command.NEGOTIATE,
    encodeBody: (w, base) =>
      encodeNegotiateRequest(w, base, {
        securityMode: clientSecurityMode,
        capabilities: clientCapabilities,
        clientGuid,
        dialects: offered,
        negotiateContexts: with311 ? negotiateContexts() : [],
      }),
  });
  expectStatus(response, 'refused');
  const server = decodeOrThrow('NEGOTIATE response', () => decodeNegotiateResponse(bodyReader(response), 0));
  const dialect = offered.find((d) => d === server.dialectRevision);
  if (dialect === undefined)
    throw new Smb2ProtocolError(
      `server chose dialect ${smb2DialectName(server.dialectRevision)}, which was not offered`,
    );
  let signingAlgorithm: SigningAlgorithm | undefined;
  let preauth: PreauthIntegrity | undefined;
  if (dialect === 0x0311) {
    signingAlgorithm = readServerContexts(server);
    preauth = new PreauthIntegrity();
    preauth.update(response.request);
    preauth.update(response.message);
  }
  connection.dialect = dialect;
  connection.serverCapabilities = server.capabilities;
  connection.signingAlgorithm = signingAlgorithm;
  const signingRequired =
    options.signing === 'required' || (server.securityMode & Smb2SecurityMode.SMB2_NEGOTIATE_SIGNING_REQUIRED) !== 0;
  logger.info('negotiated', {
    dialect: smb2DialectName(dialect),
    serverGuid: guidFromBuffer(server.serverGuid),
    signingRequired,
    signingAlgorithm: signingAlgorithm ?? 'default',
    maxReadSize: server.maxReadSize,
  });
  return {
    dialect,
    offeredDialects: offered,
    clientGuid,
    clientSecurityMode,
    clientCapabilities,
    server,
    signingRequired,
    signingAlgorithm,
    preauth,
  };
}
