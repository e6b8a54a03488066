/**
 * The client's NEGOTIATE — [MS-SMB2] 3.2.4.2.2 (sending it), 3.2.5.2 (its response): the dialects
 * offered, the 3.1.1 PREAUTH_INTEGRITY (SHA-512) and SIGNING_CAPABILITIES contexts, and what the
 * sessions of the connection keep of the answer.
 */
import { randomBytes } from 'node:crypto';
import { BufferReader } from '../../common/binary/buffer-reader';
import { BufferWriter } from '../../common/binary/buffer-writer';
import { guidFromBuffer } from '../../common/binary/guid';
import type { Logger } from '../../common/logger';
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
import type { Smb2ClientConnection } from './client-connection';
import { bodyReader, decodeOrThrow } from './client-messages';
import { Smb2ProtocolError } from './client-errors';
import { expectStatus } from './status';

export const ALL_DIALECTS: readonly Smb2Dialect[] = [0x0202, 0x0210, 0x0300, 0x0302, 0x0311];

/** What NEGOTIATE needs of the client's options. */
export interface NegotiateOptions {
  /** Dialects to offer; default all five. */
  readonly dialects?: readonly Smb2Dialect[];
  /** 'required': announce SIGNING_REQUIRED and sign everything. */
  readonly signing?: 'required' | 'enabled';
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

/** NEGOTIATE on a new connection; the connection learns the dialect, capabilities and signing algorithm. */
export async function negotiate(
  connection: Smb2ClientConnection,
  options: NegotiateOptions,
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
