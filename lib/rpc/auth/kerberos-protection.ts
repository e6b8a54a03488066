/**
 * Kerberos as a DCE/RPC security provider once its context is built — [MS-KILE] 3.4.5.4 and
 * [MS-RPCE] 3.3.1.5.2.2 over RFC 4121 tokens (lib/auth/kerberos/gss-cfx.ts):
 *   PKT_INTEGRITY: a MIC token (28 bytes) over header | body | sec_trailer with header signing,
 *                  over the body alone without (Samba's gssapi_sign_packet does the same);
 *   PKT_PRIVACY:   a DCE-style Wrap token (76 bytes): the body encrypted in place, header and
 *                  sec_trailer only signed with header signing, left out without.
 * Every PDU spends one sequence number per direction; an incoming token must carry the next one
 * (the client's first is its authenticator's seq-number, plus one per mechListMIC it sent).
 */
import { DCE_WRAP_TOKEN_LENGTH, type KerberosGssContext, MIC_TOKEN_LENGTH } from '../../auth/kerberos/gss-cfx';
import type { IovBuffer } from '../../auth/kerberos/aes-iov';
import { KerberosIntegrityError } from '../../auth/kerberos/errors';
import type { PacketProtection, PduSegments } from './security-provider';

function signed(segments: PduSegments, headerSigning: boolean): Buffer {
  return headerSigning ? Buffer.concat([segments.header, segments.body, segments.trailer]) : segments.body;
}

function buffers(segments: PduSegments, headerSigning: boolean): { iov: IovBuffer[]; body: number } {
  if (!headerSigning) return { iov: [{ data: segments.body, seal: true }], body: 0 };
  return {
    iov: [
      { data: segments.header, seal: false },
      { data: segments.body, seal: true },
      { data: segments.trailer, seal: false },
    ],
    body: 1,
  };
}

export function kerberosPacketProtection(context: KerberosGssContext, firstIncomingSeq: number): PacketProtection {
  let expected = BigInt(firstIncomingSeq);
  const inSequence = (seq: bigint): void => {
    if (seq !== expected) throw new KerberosIntegrityError(`sequence number ${seq}, expected ${expected}`);
    expected = (expected + 1n) & 0xffffffffffffffffn;
  };
  return {
    tokenLength: MIC_TOKEN_LENGTH,
    sealedTokenLength: DCE_WRAP_TOKEN_LENGTH,
    integrity: true,
    confidentiality: true,
    sign: (segments, headerSigning) => context.getMic(signed(segments, headerSigning)),
    verify: (segments, headerSigning, token) => inSequence(context.verifyMic(signed(segments, headerSigning), token)),
    seal: (segments, headerSigning) => {
      const { iov, body } = buffers(segments, headerSigning);
      const out = context.wrapDce(iov);
      return { body: out.buffers[body] ?? Buffer.alloc(0), token: out.token };
    },
    unseal: (segments, headerSigning, token) => {
      const { iov, body } = buffers(segments, headerSigning);
      const out = context.unwrapDce(token, iov);
      inSequence(out.seq);
      return out.buffers[body] ?? Buffer.alloc(0);
    },
  };
}
