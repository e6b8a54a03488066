/**
 * The SMB2 answer to an SMB1 multi-protocol NEGOTIATE — [MS-SMB2] 3.3.5.3.1. A client that offers
 * "SMB 2.???" gets a NEGOTIATE response with the wildcard dialect 0x02FF and must send an SMB2
 * NEGOTIATE next; one that offers only "SMB 2.002" gets 2.0.2 at once. An SMB1-only client
 * loses the connection (this server speaks no SMB1).
 *
 * The response is an SMB2 message: MessageId 0, one credit, no session, never signed.
 */
import { BufferReader } from '../../../common/binary/buffer-reader';
import type { BufferWriter } from '../../../common/binary/buffer-writer';
import { Smb2Command, Smb2Flags } from '../../constants';
import { encodeSmb2Header } from '../../header';
import type { NegotiateResponse } from '../../messages/negotiate';
import { encodeNegotiateResponse } from '../../messages/negotiate';
import {
  SMB1_DIALECT_SMB2_002,
  SMB1_DIALECT_SMB2_WILDCARD,
  decodeSmb1NegotiateRequest,
} from '../../messages/smb1-negotiate';
import type { NegotiatedParameters } from '../connection-context';
import type { ServerContext } from '../server-context';
import { TerminateConnectionError } from './handler';
import { negotiateResponseFor, serverCapabilities, serverSecurityMode } from './negotiate';

export interface Smb1Upgrade {
  readonly response: NegotiateResponse;
  /** 2.0.2: negotiated at once. Undefined for the wildcard: an SMB2 NEGOTIATE must follow. */
  readonly negotiated: NegotiatedParameters | undefined;
}

/** The dialect strings of an SMB1 NEGOTIATE; a malformed one drops the connection. */
export function decodeSmb1Dialects(payload: Buffer): readonly string[] {
  try {
    return decodeSmb1NegotiateRequest(new BufferReader(payload)).dialects;
  } catch (err) {
    throw new TerminateConnectionError(`bad SMB1 NEGOTIATE: ${String(err)}`);
  }
}

export function upgradeSmb1Negotiate(dialects: readonly string[], server: ServerContext): Smb1Upgrade {
  if (dialects.includes(SMB1_DIALECT_SMB2_WILDCARD)) {
    return { response: negotiateResponseFor(server, 0x02ff, []), negotiated: undefined };
  }
  if (dialects.includes(SMB1_DIALECT_SMB2_002)) {
    const negotiated: NegotiatedParameters = {
      dialect: 0x0202,
      clientGuid: Buffer.alloc(16),
      clientSecurityMode: 0,
      clientCapabilities: 0,
      clientDialects: [0x0202],
      serverCapabilities: serverCapabilities(0x0202),
      serverSecurityMode: serverSecurityMode(server),
      preauth: undefined,
      signingAlgorithm: undefined,
      cipher: undefined,
    };
    return { response: negotiateResponseFor(server, 0x0202, []), negotiated };
  }
  throw new TerminateConnectionError(`SMB1-only client (${dialects.join(', ')})`);
}

/** The whole SMB2 response message, granting `credits`. */
export function encodeSmb1UpgradeResponse(w: BufferWriter, credits: number, response: NegotiateResponse): void {
  encodeSmb2Header(w, {
    command: Smb2Command.NEGOTIATE,
    credits,
    flags: Smb2Flags.SMB2_FLAGS_SERVER_TO_REDIR,
    messageId: 0n,
  });
  encodeNegotiateResponse(w, 0, response);
}
