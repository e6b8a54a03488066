/**
 * NEGOTIATE — [MS-SMB2] 3.3.5.4 (SMB2 NEGOTIATE) and 3.3.5.3.1 (the SMB2 answer to an SMB1
 * multi-protocol negotiate). Picks the highest common dialect, answers the 3.1.1 negotiate
 * contexts (preauth integrity SHA-512 with a 32-byte salt, signing algorithm), and starts the
 * connection's preauth hash.
 */
import { randomBytes } from 'node:crypto';
import { BufferReader } from '../../../common/binary/buffer-reader';
import { BufferWriter } from '../../../common/binary/buffer-writer';
import { dateToFiletime } from '../../../common/binary/filetime';
import { NtStatusError } from '../../../common/errors';
import { NtStatus } from '../../../common/status/ntstatus';
import { GssAcceptor } from '../../../auth/gss-acceptor';
import {
  SMB2_PREAUTH_INTEGRITY_SHA512,
  SUPPORTED_DIALECTS,
  Smb2Capabilities,
  Smb2NegotiateContextType,
  Smb2SecurityMode,
  Smb2SigningAlgorithm,
  smb2DialectName,
} from '../../constants';
import type { Smb2DialectValue } from '../../constants';
import type { NegotiateContext, NegotiateRequest, NegotiateResponse } from '../../messages/negotiate';
import {
  decodeNegotiateRequest,
  decodePreauthIntegrityCapabilities,
  decodeU16List,
  encodeNegotiateResponse,
  encodePreauthIntegrityCapabilities,
  encodeU16List,
} from '../../messages/negotiate';
import { Smb2Cipher } from '../../signing/encryption';
import { PreauthIntegrity } from '../../signing/keys';
import type { SigningAlgorithm } from '../../signing/sign';
import type { ServerContext } from '../server-context';
import type { HandlerResponse, RequestContext } from './handler';
import { ownCopy } from '../../../common/binary/own-copy';

/**
 * Ciphers in the order Windows Server 2022 prefers them (its default EncryptionCiphers); the
 * AES-256 ones take 256-bit keys ([MS-SMB2] 3.1.4.2), for clients that offer only those.
 */
const CIPHER_PREFERENCE: readonly Smb2Cipher[] = [
  Smb2Cipher.AES_128_GCM,
  Smb2Cipher.AES_128_CCM,
  Smb2Cipher.AES_256_GCM,
  Smb2Cipher.AES_256_CCM,
];

/** Signing algorithms in the order Windows prefers them. */
const SIGNING_PREFERENCE = [
  Smb2SigningAlgorithm.AES_GMAC,
  Smb2SigningAlgorithm.AES_CMAC,
  Smb2SigningAlgorithm.HMAC_SHA256,
];

/**
 * DFS is announced as Windows does; LARGE_MTU from 2.1 on; ENCRYPTION for 3.0/3.0.2 clients that
 * announce it (3.1.1 negotiates its cipher in a context instead). No leasing or multichannel.
 */
export function serverCapabilities(dialect: number, clientCapabilities = 0): number {
  if (dialect === 0x0202) return Smb2Capabilities.SMB2_GLOBAL_CAP_DFS;
  const encryption =
    (dialect === 0x0300 || dialect === 0x0302) &&
    (clientCapabilities & Smb2Capabilities.SMB2_GLOBAL_CAP_ENCRYPTION) !== 0;
  return (
    Smb2Capabilities.SMB2_GLOBAL_CAP_DFS |
    Smb2Capabilities.SMB2_GLOBAL_CAP_LARGE_MTU |
    (encryption ? Smb2Capabilities.SMB2_GLOBAL_CAP_ENCRYPTION : 0)
  );
}

export function serverSecurityMode(server: ServerContext): number {
  return (
    Smb2SecurityMode.SMB2_NEGOTIATE_SIGNING_ENABLED |
    (server.signingRequired ? Smb2SecurityMode.SMB2_NEGOTIATE_SIGNING_REQUIRED : 0)
  );
}

/** The NEGOTIATE response body for `dialect` (also used for the 0x02FF answer to SMB1). */
export function negotiateResponseFor(
  server: ServerContext,
  dialect: number,
  contexts: readonly NegotiateContext[],
  clientCapabilities = 0,
): NegotiateResponse {
  const limits = server.limits;
  const small = dialect === 0x0202;
  return {
    securityMode: serverSecurityMode(server),
    dialectRevision: dialect,
    serverGuid: server.serverGuid,
    capabilities: serverCapabilities(dialect, clientCapabilities),
    // 2.0.2 has no multi-credit requests: 64 KiB, as Windows answers it.
    maxTransactSize: small ? 65536 : limits.maxTransactSize,
    maxReadSize: small ? 65536 : limits.maxReadSize,
    maxWriteSize: small ? 65536 : limits.maxWriteSize,
    systemTime: dateToFiletime(new Date()),
    serverStartTime: 0n,
    securityBuffer: GssAcceptor.negotiateToken(server.kerberos !== undefined),
    negotiateContexts: contexts,
  };
}

/** The 3.1.1 contexts of the response, and the signing algorithm and cipher they settle. */
interface ContextAnswer {
  readonly contexts: NegotiateContext[];
  readonly signingAlgorithm: SigningAlgorithm | undefined;
  readonly cipher: Smb2Cipher | undefined;
}

function negotiateContexts(request: NegotiateRequest): ContextAnswer {
  const preauth = request.negotiateContexts.filter(
    (c) => c.type === Smb2NegotiateContextType.SMB2_PREAUTH_INTEGRITY_CAPABILITIES,
  );
  if (preauth.length !== 1 || preauth[0] === undefined) {
    throw new NtStatusError(
      NtStatus.STATUS_INVALID_PARAMETER,
      '3.1.1 NEGOTIATE needs exactly one PREAUTH_INTEGRITY_CAPABILITIES',
    );
  }
  const caps = decodePreauthIntegrityCapabilities(new BufferReader(preauth[0].data));
  if (!caps.hashAlgorithms.includes(SMB2_PREAUTH_INTEGRITY_SHA512)) {
    throw new NtStatusError(NtStatus.STATUS_SMB_NO_PREAUTH_INTEGRITY_HASH_OVERLAP);
  }
  const out: NegotiateContext[] = [];
  let signingAlgorithm: SigningAlgorithm | undefined;
  let cipher: Smb2Cipher | undefined;
  const w = new BufferWriter(64);
  encodePreauthIntegrityCapabilities(w, { hashAlgorithms: [SMB2_PREAUTH_INTEGRITY_SHA512], salt: randomBytes(32) });
  out.push({ type: Smb2NegotiateContextType.SMB2_PREAUTH_INTEGRITY_CAPABILITIES, data: w.finish() });

  const signing = request.negotiateContexts.find((c) => c.type === Smb2NegotiateContextType.SMB2_SIGNING_CAPABILITIES);
  if (signing !== undefined) {
    const offered = decodeU16List(new BufferReader(signing.data), 'SigningAlgorithm');
    const chosen = SIGNING_PREFERENCE.find((a) => offered.includes(a)) ?? Smb2SigningAlgorithm.AES_CMAC;
    signingAlgorithm = chosen;
    const sw = new BufferWriter(8);
    encodeU16List(sw, [chosen]);
    out.push({ type: Smb2NegotiateContextType.SMB2_SIGNING_CAPABILITIES, data: sw.finish() });
  }
  const encryption = request.negotiateContexts.find(
    (c) => c.type === Smb2NegotiateContextType.SMB2_ENCRYPTION_CAPABILITIES,
  );
  if (encryption !== undefined) {
    // [MS-SMB2] 3.3.5.4: the server's preferred cipher among the client's, or 0 for none in common.
    const offered = decodeU16List(new BufferReader(encryption.data), 'Cipher');
    const chosen = CIPHER_PREFERENCE.find((c) => offered.includes(c));
    cipher = chosen;
    const ew = new BufferWriter(8);
    encodeU16List(ew, [chosen ?? 0]);
    out.push({ type: Smb2NegotiateContextType.SMB2_ENCRYPTION_CAPABILITIES, data: ew.finish() });
  }
  // No COMPRESSION, NETNAME or RDMA answer: this server does not use them.
  return { contexts: out, signingAlgorithm, cipher };
}

export function handleNegotiate(ctx: RequestContext): Promise<HandlerResponse> {
  const server = ctx.connection.server;
  const request = decodeNegotiateRequest(ctx.body, ctx.base);
  const dialect = SUPPORTED_DIALECTS.find((d) => request.dialects.includes(d));
  if (dialect === undefined) {
    throw new NtStatusError(
      NtStatus.STATUS_NOT_SUPPORTED,
      `no common dialect in ${request.dialects.map(smb2DialectName).join(',')}`,
    );
  }
  let answer: ContextAnswer = { contexts: [], signingAlgorithm: undefined, cipher: undefined };
  let preauth: PreauthIntegrity | undefined;
  if (dialect === 0x0311) {
    answer = negotiateContexts(request);
    preauth = new PreauthIntegrity();
    preauth.update(ctx.message);
  }
  // AES-128-CCM is the only 3.0/3.0.2 cipher.
  const cipher =
    (serverCapabilities(dialect, request.capabilities) & Smb2Capabilities.SMB2_GLOBAL_CAP_ENCRYPTION) !== 0
      ? Smb2Cipher.AES_128_CCM
      : answer.cipher;
  const response = negotiateResponseFor(server, dialect, answer.contexts, request.capabilities);
  ctx.connection.completeNegotiate({
    dialect: dialect satisfies Smb2DialectValue,
    clientGuid: ownCopy(request.clientGuid),
    clientSecurityMode: request.securityMode,
    clientCapabilities: request.capabilities,
    clientDialects: request.dialects,
    serverCapabilities: response.capabilities,
    serverSecurityMode: response.securityMode,
    preauth,
    signingAlgorithm: answer.signingAlgorithm,
    cipher,
  });
  return Promise.resolve({
    status: NtStatus.STATUS_SUCCESS,
    encodeBody: (w, base) => encodeNegotiateResponse(w, base, response),
    noSign: true,
    afterSend: (message) => preauth?.update(message),
  });
}
