/**
 * The client's NEGOTIATE — [MS-SMB2] 3.2.4.2.2 (sending it), 3.2.5.2 (its response): the dialects
 * offered, the 3.1.1 PREAUTH_INTEGRITY (SHA-512), SIGNING_CAPABILITIES and ENCRYPTION_CAPABILITIES
 * contexts (2.2.3.1.2: the ciphers, in the client's order; the server answers one, or 0 for none),
 * SMB2_GLOBAL_CAP_ENCRYPTION for 3.0/3.0.2 (whose only cipher is AES-128-CCM), and what the
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
import { Smb2Cipher, smb2CipherName } from '../signing/encryption';
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
  /** Ciphers offered on 3.1.1, preferred first; default DEFAULT_CIPHERS. Empty: no encryption. */
  readonly ciphers?: readonly Smb2Cipher[];
}

/** Windows 11's default order (Set-SmbClientConfiguration -EncryptionCiphers). */
export const DEFAULT_CIPHERS: readonly Smb2Cipher[] = [
  Smb2Cipher.AES_128_GCM,
  Smb2Cipher.AES_128_CCM,
  Smb2Cipher.AES_256_GCM,
  Smb2Cipher.AES_256_CCM,
];

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
  /** The cipher sessions encrypt with, when the server has one in common with the client. */
  readonly cipher: Smb2Cipher | undefined;
  /** 3.1.1: the connection's preauth hash after NEGOTIATE; sessions fork it. */
  readonly preauth: PreauthIntegrity | undefined;
}

function negotiateContexts(ciphers: readonly Smb2Cipher[]): NegotiateContext[] {
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
    ...(ciphers.length > 0
      ? [{ type: Smb2NegotiateContextType.SMB2_ENCRYPTION_CAPABILITIES, data: u16List(ciphers) }]
      : []),
  ];
}

function u16List(values: readonly number[]): Buffer {
  const w = new BufferWriter(2 + 2 * values.length);
  encodeU16List(w, values);
  return w.finish();
}

/** [MS-SMB2] 3.2.5.2: the server's ENCRYPTION_CAPABILITIES names one offered cipher, or 0 (none in common). */
function readServerCipher(response: NegotiateResponse, offered: readonly Smb2Cipher[]): Smb2Cipher | undefined {
  const context = response.negotiateContexts.find(
    (c) => c.type === Smb2NegotiateContextType.SMB2_ENCRYPTION_CAPABILITIES,
  );
  if (context === undefined) return undefined;
  const chosen = decodeOrThrow('ENCRYPTION_CAPABILITIES', () =>
    decodeU16List(new BufferReader(context.data), 'Cipher'),
  );
  const cipher = chosen[0];
  if (chosen.length !== 1 || cipher === undefined)
    throw new Smb2ProtocolError(`server chose ciphers ${chosen.join(',')}`);
  if (cipher === 0) return undefined;
  const known = offered.find((c) => c === cipher);
  if (known === undefined)
    throw new Smb2ProtocolError(`server chose cipher 0x${cipher.toString(16)}, which was not offered`);
  return known;
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
  const ciphers = [...new Set(options.ciphers ?? DEFAULT_CIPHERS)];
  // LARGE_MTU, and ENCRYPTION when a 3.x dialect could encrypt, as Windows sets it (Samba answers
  // no 3.1.1 cipher to a client without it): no leasing, multichannel or persistent handles here.
  const ccm30 = offered.some((d) => d === 0x0300 || d === 0x0302) && ciphers.includes(Smb2Cipher.AES_128_CCM);
  const encrypts = ccm30 || (offered.includes(0x0311) && ciphers.length > 0);
  const clientCapabilities =
    (offered.some((d) => d >= 0x0210) ? Smb2Capabilities.SMB2_GLOBAL_CAP_LARGE_MTU : 0) |
    (encrypts ? Smb2Capabilities.SMB2_GLOBAL_CAP_ENCRYPTION : 0);
  const with311 = offered.includes(0x0311);
  const response = await connection.call({
    command: Smb2Command.NEGOTIATE,
    encodeBody: (w, base) =>
      encodeNegotiateRequest(w, base, {
        securityMode: clientSecurityMode,
        capabilities: clientCapabilities,
        clientGuid,
        dialects: offered,
        negotiateContexts: with311 ? negotiateContexts(ciphers) : [],
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
  let cipher: Smb2Cipher | undefined;
  if (dialect === 0x0311) {
    signingAlgorithm = readServerContexts(server);
    cipher = readServerCipher(server, ciphers);
    preauth = new PreauthIntegrity();
    preauth.update(response.request);
    preauth.update(response.message);
  }
  connection.dialect = dialect;
  connection.serverCapabilities = server.capabilities;
  if ((dialect === 0x0300 || dialect === 0x0302) && ccm30)
    cipher =
      (server.capabilities & Smb2Capabilities.SMB2_GLOBAL_CAP_ENCRYPTION) !== 0 ? Smb2Cipher.AES_128_CCM : undefined;
  connection.signingAlgorithm = signingAlgorithm;
  connection.cipher = cipher;
  const signingRequired =
    options.signing === 'required' || (server.securityMode & Smb2SecurityMode.SMB2_NEGOTIATE_SIGNING_REQUIRED) !== 0;
  logger.info('negotiated', {
    dialect: smb2DialectName(dialect),
    serverGuid: guidFromBuffer(server.serverGuid),
    signingRequired,
    signingAlgorithm: signingAlgorithm ?? 'default',
    cipher: cipher !== undefined ? smb2CipherName(cipher) : 'none',
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
    cipher,
    preauth,
  };
}
