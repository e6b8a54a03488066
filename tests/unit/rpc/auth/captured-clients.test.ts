// Real clients' PDUs, recorded on loopback (tests/fixtures/rpc-auth/README.md), replayed into
// RpcServerSecurity with the same deterministic NTLM acceptor the recording listener used: our
// answers come out byte for byte as recorded, the clients' rpc_auth_3/alter_context legs are
// accepted as alice, and their signed or sealed requests verify and give the stub each client
// marshalled (built here by hand from the IDL). impacket 0.10.0 speaks raw NTLMSSP without header
// signing; Samba 4.17's client offers PFC_SUPPORT_HEADER_SIGN and a verification trailer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverAcceptors } from '../../../../lib/rpc/auth/providers';
import { RpcSecurityError } from '../../../../lib/rpc/auth/rpc-security-error';
import { RpcServerSecurity } from '../../../../lib/rpc/auth/server-security';
import { PacketType } from '../../../../lib/rpc/constants';
import { decodeAuthVerifier } from '../../../../lib/rpc/pdu/auth-verifier';
import { Bytes, guidBytes } from '../../../helpers/hex';
import { acceptorOptions } from './harness';

interface Recorded {
  readonly from?: 'client' | 'server' | 'epm-client' | 'epm-server';
  readonly hex?: string;
}

const FIXTURES = join(__dirname, '../../../fixtures/rpc-auth');
const load = (name: string): Array<{ from: 'client' | 'server'; pdu: Buffer }> =>
  (JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Recorded[]).flatMap((e) =>
    (e.from === 'client' || e.from === 'server') && e.hex !== undefined
      ? [{ from: e.from, pdu: Buffer.from(e.hex, 'hex') }]
      : [],
  );

// The recording listener's acceptor: server challenge 0123456789abcdef, timestamp 2026-01-01.
const deterministic = () =>
  new RpcServerSecurity({
    acceptor: serverAcceptors(
      acceptorOptions({
        now: () => new Date('2026-01-01T00:00:00Z'),
        randomBytes: (n) => Buffer.from('0123456789abcdef'.repeat(8), 'hex').subarray(0, n),
      }),
    ),
  });

/** A recorded answer with its verifier (and header-sign flag) taken off, for our finisher to redo. */
function bare(answer: Buffer): Buffer {
  const base = Buffer.from(
    answer.subarray(0, answer.readUInt16LE(10) > 0 ? decodeAuthVerifier(answer).bodyOffset : answer.length),
  );
  base.writeUInt16LE(base.length, 8);
  base.writeUInt16LE(0, 10);
  base[3] = base[3]! & ~0x04;
  return base;
}

/** RpcEnumPrinters/RpcAsyncEnumPrinters(PRINTER_ENUM_LOCAL, name, 1, NULL, 0) as NDR20 ([MS-RPRN] 3.1.4.2.1). */
function enumPrintersStub(referent: number, name: string, stringPad: number[]): Buffer {
  const chars = name.length + 1;
  return new Bytes()
    .u32(0x00000002) // Flags: PRINTER_ENUM_LOCAL
    .u32(referent) // Name: unique pointer
    .u32(chars)
    .u32(0)
    .u32(chars) // conformant varying string: max, offset 0, actual (NUL included)
    .utf16z(name)
    .raw(stringPad)
    .u32(1) // Level
    .u32(0) // pPrinterEnum: NULL
    .u32(0) // cbBuf
    .build();
}

// [MS-RPCE] 2.2.2.13: rpc_sec_verification_trailer with SEC_VT_COMMAND_BITMASK_1 (header signing)
// and SEC_VT_COMMAND_PCONTEXT | SEC_VT_COMMAND_END (spoolss 1.0 over NDR 2.0).
const SAMBA_VERIFICATION_TRAILER = new Bytes()
  .raw([0x8a, 0xe3, 0x13, 0x71, 0x02, 0xf4, 0x36, 0x71])
  .u16(0x0001)
  .u16(4)
  .u32(0x00000001)
  .u16(0x4002)
  .u16(0x28)
  .raw(guidBytes('12345678-1234-abcd-ef00-0123456789ab'))
  .u32(1)
  .raw(guidBytes('8a885d04-1ceb-11c9-9fe8-08002b104860'))
  .u32(2)
  .build();

const CAPTURES = [
  ['impacket-par-winnt-privacy', enumPrintersStub(0xdc32, '', [0xbf, 0xbf]), false],
  ['impacket-par-winnt-integrity', enumPrintersStub(0xc8ed, '', [0xbf, 0xbf]), false],
  [
    'samba-spoolss-spnego-privacy',
    Buffer.concat([enumPrintersStub(0x20000, '', [0, 0]), SAMBA_VERIFICATION_TRAILER]),
    true,
  ],
  [
    'samba-spoolss-ntlm-integrity',
    Buffer.concat([enumPrintersStub(0x20000, '', [0, 0]), SAMBA_VERIFICATION_TRAILER]),
    true,
  ],
  [
    'rpcclient-epm-spoolss-ntlm-privacy',
    Buffer.concat([enumPrintersStub(0x20000, '\\\\127.0.0.3', []), SAMBA_VERIFICATION_TRAILER]),
    true,
  ],
] as const;

describe.each(CAPTURES)('%s', (name, expectedStub, headerSigning) => {
  it('answers as recorded, authenticates alice and opens the request', () => {
    const server = deterministic();
    const pdus = load(name);
    let stub: Buffer | undefined;
    let requestPdu: Buffer | undefined;
    for (let i = 0; i < pdus.length; i++) {
      const { from, pdu } = pdus[i]!;
      if (from !== 'client') continue;
      const answer = pdus[i + 1]?.from === 'server' ? pdus[i + 1]!.pdu : undefined;
      switch (pdu[2] ?? -1) {
        case PacketType.BIND: {
          const outcome = server.processBind(pdu);
          if (outcome.result !== 'accept') throw new Error(outcome.message);
          expect(outcome.finishAck(bare(answer!))).toEqual(answer);
          break;
        }
        case PacketType.ALTER_CONTEXT:
          expect(server.processAlterContext(pdu)(bare(answer!))).toEqual(answer);
          break;
        case PacketType.AUTH3:
          server.processAuth3(pdu);
          break;
        case PacketType.REQUEST:
          requestPdu = pdu;
          stub = server.unprotectRequest(pdu);
          break;
        default:
          throw new Error(`unexpected PTYPE ${pdu[2]} from the client`);
      }
    }
    expect(server.user).toMatchObject({ userName: 'alice', isGuest: false });
    expect(server.context!.params.headerSigning).toBe(headerSigning);
    expect(stub).toEqual(expectedStub);
    // The same request again is a replay: its sequence number is spent.
    expect(() => server.unprotectRequest(requestPdu!)).toThrow(RpcSecurityError);
  });
});
