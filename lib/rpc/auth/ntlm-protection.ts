/**
 * NTLM as a DCE/RPC security provider once its context is built: the PDU segments of [MS-RPCE]
 * 3.3.1.5.2.2 handed to NTLM session security ([MS-NLMP] 3.4.6-3.4.9) in order, header and
 * sec_trailer marked `sign` only with header signing, the body always signed and sealed at
 * PKT_PRIVACY. With extended session security NTLM signs every buffer anyway (3.4.6.1), so the
 * header is covered either way; without it only the marked buffers enter the CRC32. (Samba's
 * NTLMv1 CRC covers the body alone even with header signing; we follow the spec there, untested
 * against a peer, as no client of ours or of the tests speaks NTLMv1 without ESS to DCE/RPC.)
 */
import { NtlmSessionSecurity, type SecurityBuffer } from '../../auth/ntlm-session-security';
import type { PacketProtection, PduSegments } from './security-provider';

function buffers(segments: PduSegments, headerSigning: boolean, seal: boolean): SecurityBuffer[] {
  return [
    { data: segments.header, sign: headerSigning },
    { data: segments.body, sign: true, seal },
    { data: segments.trailer, sign: headerSigning },
  ];
}

export function ntlmPacketProtection(session: NtlmSessionSecurity): PacketProtection {
  return {
    tokenLength: NtlmSessionSecurity.SIGNATURE_LENGTH,
    integrity: session.canSign,
    confidentiality: session.canSeal,
    sign: (segments, headerSigning) => session.getMic(buffers(segments, headerSigning, false)),
    verify: (segments, headerSigning, token) => session.verifyMic(buffers(segments, headerSigning, false), token),
    seal: (segments, headerSigning) => {
      const out = session.wrap(buffers(segments, headerSigning, true));
      return { body: out.buffers[1] ?? Buffer.alloc(0), token: out.signature };
    },
    unseal: (segments, headerSigning, token) =>
      session.unwrap(buffers(segments, headerSigning, true), token)[1] ?? Buffer.alloc(0),
  };
}
