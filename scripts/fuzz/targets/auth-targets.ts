/**
 * Authentication decoders: NTLMSSP ([MS-NLMP] 2.2.1, AV_PAIRs 2.2.2.1), SPNEGO ([RFC 4178] 4.2,
 * with [MS-SPNG]'s NegTokenInit2), and Kerberos: the GSS-framed AP-REQ a client sends in
 * SESSION_SETUP ([RFC 4121] 4.1, [RFC 4120] 5.5.1) and the parts the acceptor decrypts (the
 * Authenticator, the EncTicketPart, the PAC of [MS-PAC] 2.3), the KDC's replies and errors our
 * client reads, and the keytab and ccache files. Seeds come from the project's own initiators
 * and encoders.
 */
import { BufferWriter } from '../../../lib/common/binary/buffer-writer';
import { decodeApReqBytes, decodeAuthenticator, encodeAuthenticator } from '../../../lib/auth/kerberos/ap-messages';
import { decodeCcache } from '../../../lib/auth/kerberos/ccache';
import { der, parseDer } from '../../../lib/auth/kerberos/der';
import { decodeGssKrb5Token } from '../../../lib/auth/kerberos/gss-token';
import { buildApReq } from '../../../lib/auth/kerberos/kerberos-initiator';
import { decodeKeytab, encodeKeytab } from '../../../lib/auth/kerberos/keytab';
import { decodeKrbError, encodeKrbError } from '../../../lib/auth/kerberos/krb-error';
import { decodePac } from '../../../lib/auth/kerberos/pac';
import { decodeEncTicketPart, encodeEncTicketPart, encodeTicket } from '../../../lib/auth/kerberos/ticket';
import { NtlmAcceptor } from '../../../lib/auth/ntlm-acceptor';
import { NtlmInitiator } from '../../../lib/auth/ntlm-initiator';
import {
  decodeAvPairs,
  decodeNtlmAuthenticate,
  decodeNtlmChallenge,
  decodeNtlmNegotiate,
} from '../../../lib/auth/ntlmssp-messages';
import {
  NTLMSSP_OID,
  MS_KERBEROS_V5_OID,
  decodeSpnegoToken,
  encodeNegTokenInit,
  encodeNegTokenInit2,
  encodeNegTokenResp,
} from '../../../lib/auth/spnego';
import { type DecoderTarget, memoSeeds } from '../fuzz-target';

const FIXED_NOW = () => new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
const FIXED_RANDOM = (n: number): Buffer => Buffer.alloc(n, 0x5a);

/** A real NTLM exchange between our initiator and acceptor: NEGOTIATE, CHALLENGE, AUTHENTICATE. */
const ntlmExchange = memoSeeds(() => {
  const initiator = new NtlmInitiator({
    user: 'alice',
    password: 'Passw0rd!',
    domain: 'NTPRINT',
    workstation: 'CLIENT',
    now: FIXED_NOW,
    randomBytes: FIXED_RANDOM,
  });
  const acceptor = new NtlmAcceptor({
    serverName: 'NTPRINT',
    domain: 'NTPRINT',
    dnsName: 'ntprint.local',
    lookupUser: () => undefined,
    allowNtlmV1: false,
    allowGuest: false,
    allowAnonymous: false,
    now: FIXED_NOW,
    randomBytes: FIXED_RANDOM,
  });
  const negotiate = initiator.negotiate();
  const challenge = acceptor.processNegotiate(negotiate);
  const authenticate = initiator.authenticate(challenge).token;
  return [negotiate, challenge, authenticate];
});

const NAME = { nameType: 1, nameString: ['alice'] };
const SERVICE = { nameType: 2, nameString: ['cifs', 'ntprint.local'] };
const SESSION_KEY = { keytype: 18, keyvalue: Buffer.alloc(32, 0x33) };
const TIME = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

const encTicketPart = memoSeeds(() => [
  encodeEncTicketPart({
    flags: 0x40e10000,
    key: SESSION_KEY,
    crealm: 'NTPRINT.LOCAL',
    cname: NAME,
    transited: { trType: 1, contents: Buffer.alloc(0) },
    authtime: TIME,
    endtime: new Date(TIME.getTime() + 36e5),
    authorizationData: [{ adType: 1, adData: Buffer.from('3000', 'hex') }],
  }),
]);

/** KERB_VALIDATION_INFO ([MS-PAC] 2.5) in a type serialization: one group, the domain SID. */
function kerbValidationInfo(): Buffer {
  const w = new BufferWriter(256);
  w.u32(0x20000); // referent of the KERB_VALIDATION_INFO
  w.zeros(6 * 8); // the FILETIMEs
  for (let i = 0; i < 6; i++) w.u16(0).u16(0).u32(0); // names, all null
  w.u16(1).u16(0).u32(1104).u32(513).u32(1).u32(0x20004).u32(0x20).zeros(16);
  for (let i = 0; i < 2; i++) w.u16(0).u16(0).u32(0); // LogonServer, LogonDomainName
  w.u32(0x20008).zeros(8).u32(0x10).u32(0).zeros(16).u32(0).u32(0);
  w.u32(0).u32(0).u32(0).u32(0).u32(0); // no extra SIDs, no resource groups
  w.u32(1).u32(513).u32(7); // GroupIds: MaxCount, RelativeId, Attributes
  w.u32(4)
    .u8(1)
    .u8(4)
    .bytes(Buffer.from([0, 0, 0, 0, 0, 5]))
    .u32(21)
    .u32(1)
    .u32(2)
    .u32(3); // S-1-5-21-1-2-3
  const body = w.finish();
  const head = new BufferWriter(16);
  head.u8(1).u8(0x10).u16(8).u32(0xcccccccc).u32(body.length).u32(0);
  return Buffer.concat([head.finish(), body]);
}

/** A PAC with a KERB_VALIDATION_INFO and the two signatures ([MS-PAC] 2.3, 2.4). */
function minimalPac(): Buffer {
  const logon = kerbValidationInfo();
  const sig = Buffer.concat([Buffer.from([0x10, 0, 0, 0]), Buffer.alloc(12, 0xaa)]);
  const parts: [number, Buffer][] = [
    [1, logon],
    [6, sig],
    [7, sig],
  ];
  const head = Buffer.alloc(8 + 16 * parts.length);
  head.writeUInt32LE(parts.length, 0);
  let offset = head.length;
  const bodies: Buffer[] = [];
  parts.forEach(([type, data], i) => {
    head.writeUInt32LE(type, 8 + 16 * i);
    head.writeUInt32LE(data.length, 12 + 16 * i);
    head.writeBigUInt64LE(BigInt(offset), 16 + 16 * i);
    const padded = Buffer.alloc(Math.ceil(data.length / 8) * 8);
    data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([head, ...bodies]);
}

/** An MIT ccache (version 4) with one credential, laid out by hand ([MIT ccache format]). */
function minimalCcache(): Buffer {
  const principal = (realm: string, names: string[]): Buffer => {
    const parts = [Buffer.alloc(8)];
    parts[0]?.writeUInt32BE(1, 0);
    parts[0]?.writeUInt32BE(names.length, 4);
    for (const s of [realm, ...names]) {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(Buffer.byteLength(s), 0);
      parts.push(len, Buffer.from(s));
    }
    return Buffer.concat(parts);
  };
  const u32 = (v: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(v, 0);
    return b;
  };
  const u16 = (v: number): Buffer => Buffer.from([v >> 8, v & 0xff]);
  const data = (b: Buffer): Buffer => Buffer.concat([u32(b.length), b]);
  const ticket = encodeTicket({
    realm: 'NTPRINT.LOCAL',
    sname: SERVICE,
    encPart: { etype: 18, kvno: 2, cipher: Buffer.alloc(40, 1) },
  });
  return Buffer.concat([
    u16(0x0504),
    u16(0),
    principal('NTPRINT.LOCAL', ['alice']),
    principal('NTPRINT.LOCAL', ['alice']),
    principal('NTPRINT.LOCAL', ['cifs', 'ntprint.local']),
    u16(18),
    data(Buffer.alloc(32, 0x33)),
    u32(1767323045),
    u32(1767323045),
    u32(1767326645),
    u32(0),
    Buffer.from([0]),
    u32(0x40e10000),
    u32(0),
    u32(0),
    data(ticket),
    data(Buffer.alloc(0)),
  ]);
}

export const AUTH_TARGETS: readonly DecoderTarget[] = [
  { name: 'ntlmssp/negotiate', decode: decodeNtlmNegotiate, seeds: () => ntlmExchange().slice(0, 1) },
  { name: 'ntlmssp/challenge', decode: decodeNtlmChallenge, seeds: () => ntlmExchange().slice(1, 2) },
  { name: 'ntlmssp/authenticate', decode: decodeNtlmAuthenticate, seeds: () => ntlmExchange().slice(2, 3) },
  {
    name: 'ntlmssp/av-pairs',
    decode: decodeAvPairs,
    seeds: () => {
      const challenge = decodeNtlmChallenge(ntlmExchange()[1] ?? Buffer.alloc(0));
      return [challenge.targetInfoBytes];
    },
  },
  {
    name: 'spnego/token',
    decode: decodeSpnegoToken,
    seeds: memoSeeds(() => {
      const [negotiate, challenge, authenticate] = ntlmExchange();
      return [
        encodeNegTokenInit2([MS_KERBEROS_V5_OID, NTLMSSP_OID]),
        encodeNegTokenInit({ mechTypes: [NTLMSSP_OID], ...(negotiate && { mechToken: negotiate }) }),
        encodeNegTokenResp({ negState: 1, supportedMech: NTLMSSP_OID, ...(challenge && { responseToken: challenge }) }),
        encodeNegTokenResp({ ...(authenticate && { responseToken: authenticate }), mechListMIC: Buffer.alloc(16, 1) }),
      ];
    }),
  },
  {
    name: 'kerberos/ap-req',
    // What the acceptor reads from SESSION_SETUP: the GSS framing, then the AP-REQ with its Ticket.
    decode: (input) => decodeApReqBytes(decodeGssKrb5Token(input).message),
    seeds: memoSeeds(() => {
      const ticket = encodeTicket({
        realm: 'NTPRINT.LOCAL',
        sname: SERVICE,
        encPart: { etype: 18, kvno: 2, cipher: Buffer.alloc(120, 7) },
      });
      const built = buildApReq(
        {
          client: { realm: 'NTPRINT.LOCAL', name: NAME },
          server: { realm: 'NTPRINT.LOCAL', name: SERVICE },
          ticket,
          sessionKey: SESSION_KEY,
          endtime: new Date(TIME.getTime() + 36e5),
        },
        { now: TIME },
      );
      return [built.token];
    }),
    maxRandomLength: 1024,
  },
  {
    name: 'kerberos/authenticator',
    decode: decodeAuthenticator,
    seeds: memoSeeds(() => [
      encodeAuthenticator({
        crealm: 'NTPRINT.LOCAL',
        cname: NAME,
        cksum: {
          cksumtype: 0x8003,
          checksum: Buffer.concat([Buffer.from([16, 0, 0, 0]), Buffer.alloc(16), Buffer.from([0x3e, 0x10, 0, 0])]),
        },
        cusec: 123,
        ctime: TIME,
        subkey: SESSION_KEY,
        seqNumber: 42,
      }),
    ]),
  },
  { name: 'kerberos/enc-ticket-part', decode: decodeEncTicketPart, seeds: encTicketPart },
  { name: 'kerberos/pac', decode: decodePac, seeds: memoSeeds(() => [minimalPac()]), maxRandomLength: 1024 },
  {
    name: 'kerberos/krb-error',
    decode: (input) => decodeKrbError(parseDer(input, 'KRB-ERROR')),
    seeds: memoSeeds(() => [
      der(
        encodeKrbError({
          stime: TIME,
          susec: 5,
          errorCode: 25,
          realm: 'NTPRINT.LOCAL',
          sname: SERVICE,
          eText: 'NEEDED_PREAUTH',
        }),
      ),
    ]),
  },
  {
    name: 'kerberos/keytab',
    decode: decodeKeytab,
    seeds: memoSeeds(() => [
      encodeKeytab([
        {
          realm: 'NTPRINT.LOCAL',
          components: ['cifs', 'ntprint.local'],
          nameType: 1,
          timestamp: 0,
          kvno: 2,
          enctype: 18,
          key: Buffer.alloc(32, 1),
        },
        {
          realm: 'NTPRINT.LOCAL',
          components: ['cifs', 'ntprint.local'],
          nameType: 1,
          timestamp: 0,
          kvno: 2,
          enctype: 17,
          key: Buffer.alloc(16, 1),
        },
      ]),
    ]),
  },
  { name: 'kerberos/ccache', decode: decodeCcache, seeds: memoSeeds(() => [minimalCcache()]) },
];
