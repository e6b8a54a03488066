// An NTLMv2 response whose client challenge does not parse is malformed, not a wrong password:
// STATUS_INVALID_PARAMETER, whoever it names (Samba bug 14932; smbtorture smb2.session.ntlmssp_bug14932
// sends the NetApp diag tool's response below). A well-formed response with a wrong proof stays
// STATUS_LOGON_FAILURE.
import type { UserAccount } from '../../../lib/common/identity';
import { NtStatus } from '../../../lib/common/status/ntstatus';
import { GssAcceptor } from '../../../lib/auth/gss-acceptor';

const h = (...parts: string[]): Buffer => Buffer.from(parts.join('').replace(/\s+/g, ''), 'hex');
const accounts: UserAccount[] = [{ name: 'User', password: 'Password', groups: ['Users'] }];

/** smbtorture's NTLMv2_RESPONSE: 16 bytes of 0xab, a client challenge whose AV pair runs past the end. */
const NETAPP_MAGIC = h(
  'abababababababab abababababababab', // NTProofStr (never checked: the structure fails first)
  '0101000000000000', // RespType, HiRespType, Reserved1, Reserved2
  '3f3f3f3f3f3f3f3f', // TimeStamp
  'b8823af1b3dd0815', // ChallengeFromClient
  '00000000', // Reserved3
  '11a2 0881', // AvId 0xa211, AvLen 0x8108: far more than the 43 bytes that follow
  '50382278 2b9447fe 54947bff 17275ab4 f418badc 2c38fd5b fb0ec185 1ecc92bb 9bb1c4d5 5314ff8c 7649f545 9019a2',
);

/** A raw NTLMSSP AUTHENTICATE (flags UNICODE | NTLM | ALWAYS_SIGN, no version, no MIC), built field by field. */
function authenticate(user: string, lm: Buffer, nt: Buffer): Buffer {
  const domain = Buffer.from('DOMAIN', 'utf16le');
  const name = Buffer.from(user, 'utf16le');
  const ws = Buffer.from('WS', 'utf16le');
  const payload = [domain, name, ws, lm, nt];
  const offsets: number[] = [];
  let at = 64;
  for (const p of payload) {
    offsets.push(at);
    at += p.length;
  }
  const head = Buffer.alloc(64);
  head.write('NTLMSSP\0', 0, 'latin1');
  head.writeUInt32LE(3, 8);
  const field = (pos: number, len: number, off: number): void => {
    head.writeUInt16LE(len, pos);
    head.writeUInt16LE(len, pos + 2);
    head.writeUInt32LE(off, pos + 4);
  };
  field(12, lm.length, offsets[3]!); // LmChallengeResponse
  field(20, nt.length, offsets[4]!); // NtChallengeResponse
  field(28, domain.length, offsets[0]!);
  field(36, name.length, offsets[1]!);
  field(44, ws.length, offsets[2]!);
  field(52, 0, at); // EncryptedRandomSessionKey: none
  head.writeUInt32LE(0x00008201, 60);
  return Buffer.concat([head, ...payload]);
}

function failWith(user: string, nt: Buffer): number | undefined {
  const acc = new GssAcceptor({
    serverName: 'NTPRINT',
    domain: 'NTPRINT',
    lookupUser: (name) => accounts.find((a) => a.name.toLowerCase() === name.toLowerCase()),
    allowNtlmV1: false,
    allowGuest: true,
    allowAnonymous: false,
  });
  // NEGOTIATE: UNICODE | NTLM | ALWAYS_SIGN | EXTENDED_SESSIONSECURITY.
  acc.step(h('4e544c4d53535000 01000000 01820800 0000000000000000 0000000000000000'));
  const step = acc.step(authenticate(user, Buffer.alloc(24), nt));
  return step.state === 'failed' ? step.status : undefined;
}

describe('NTLMv2 responses that do not parse ([MS-NLMP] 2.2.2.7)', () => {
  it("answers smbtorture's ntlmssp_bug14932 response with STATUS_INVALID_PARAMETER, for a known user or not", () => {
    expect(NETAPP_MAGIC.length).toBe(95);
    expect(failWith('User', NETAPP_MAGIC)).toBe(NtStatus.STATUS_INVALID_PARAMETER);
    // Even where an unknown user would become a guest.
    expect(failWith('nobody', NETAPP_MAGIC)).toBe(NtStatus.STATUS_INVALID_PARAMETER);
  });

  it('answers a response too short for its client challenge with STATUS_INVALID_PARAMETER', () => {
    expect(failWith('User', NETAPP_MAGIC.subarray(0, 40))).toBe(NtStatus.STATUS_INVALID_PARAMETER);
  });

  it('still answers a well-formed response with a wrong proof with STATUS_LOGON_FAILURE', () => {
    const wellFormed = Buffer.concat([NETAPP_MAGIC.subarray(0, 44), h('00000000')]); // AV pairs: MsvAvEOL
    expect(failWith('User', wellFormed)).toBe(NtStatus.STATUS_LOGON_FAILURE);
  });
});
