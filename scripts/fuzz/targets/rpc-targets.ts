/**
 * DCE/RPC decoders: the connection-oriented PDUs (C706 12.6, [MS-RPCE] 2.2.2: bind, alter_context,
 * request, auth3 and the auth verifier on the server's side; bind_ack, bind_nak, response and
 * fault on the client's), the stream framer, the verification trailer ([MS-RPCE] 2.2.2.13), every
 * MS-RPRN request stub through the opnum table and the response stubs our client reads, the
 * endpoint mapper (C706 appendix L, towers), srvsvc's two requests, and the structures inside
 * stubs: security descriptors ([MS-DTYP] 2.4.6), registry values, PRINTER_ENUM_VALUES and key
 * lists. MS-PAR numbers the same MS-RPRN messages (lib/rpc/par/par-opnums.ts), so they are
 * covered once.
 */
import { BufferReader } from '../../../lib/common/binary/buffer-reader';
import { BufferWriter } from '../../../lib/common/binary/buffer-writer';
import { decodeRegData, encodeRegData } from '../../../lib/common/reg-value';
import { decodeSecurityDescriptor, encodeSecurityDescriptor } from '../../../lib/common/security-descriptor';
import { NDR20_SYNTAX, PacketType, PfcFlags } from '../../../lib/rpc/constants';
import { EPMAPPER_SYNTAX } from '../../../lib/rpc/epm/epm-constants';
import {
  decodeEptLookupHandleFreeRequest,
  decodeEptLookupRequest,
  decodeEptLookupResponse,
  encodeEptLookupRequest,
} from '../../../lib/rpc/epm/ept-lookup';
import {
  decodeEptMapRequest,
  decodeEptMapResponse,
  encodeEptMapRequest,
  encodeEptMapResponse,
} from '../../../lib/rpc/epm/ept-map';
import { decodeTower, encodeTower, endpointTower } from '../../../lib/rpc/epm/tower';
import {
  decodeRequestStub,
  decodeResponseStub,
  encodeResponseStub,
  type AnyNdrMessage,
} from '../../../lib/rpc/ndr/ndr-message';
import { NdrReader } from '../../../lib/rpc/ndr/ndr-reader';
import { NdrWriter } from '../../../lib/rpc/ndr/ndr-writer';
import { IREMOTEWINSPOOL_SYNTAX } from '../../../lib/rpc/par/constants';
import { decodeAuth3, encodeAuth3 } from '../../../lib/rpc/pdu/auth3';
import { decodeAuthVerifier } from '../../../lib/rpc/pdu/auth-verifier';
import {
  decodeBind,
  decodeBindAck,
  decodeBindNak,
  encodeBind,
  encodeBindAck,
  encodeBindNak,
} from '../../../lib/rpc/pdu/bind';
import { decodeCommonHeader } from '../../../lib/rpc/pdu/common-header';
import { PduFramer } from '../../../lib/rpc/pdu/pdu-framer';
import {
  decodeFault,
  decodeRequest,
  decodeResponse,
  encodeFault,
  encodeRequest,
  encodeResponse,
} from '../../../lib/rpc/pdu/request';
import { SEC_VT_SIGNATURE, findVerificationTrailer } from '../../../lib/rpc/pdu/verification-trailer';
import { RPRN_MESSAGES, RPRN_OPNUMS } from '../../../lib/rpc/rprn/messages/index';
import {
  decodeKeyList,
  decodePrinterEnumValues,
  encodeKeyList,
  encodePrinterEnumValues,
} from '../../../lib/rpc/rprn/structures/printer-enum-values';
import { decodeNetServerGetInfoRequest } from '../../../lib/rpc/srvsvc/net-server-get-info';
import { decodeNetShareEnumRequest } from '../../../lib/rpc/srvsvc/net-share-enum-all';
import { type DecoderTarget, memoSeeds } from '../fuzz-target';
import { rprnRequestSeeds } from './rprn-seeds';

const SPOOLSS_SYNTAX = { uuid: '12345678-1234-abcd-ef00-0123456789ab', major: 1, minor: 0 };
const FIRST_LAST = PfcFlags.PFC_FIRST_FRAG | PfcFlags.PFC_LAST_FRAG;

/** A PDU with an auth verifier: sec_trailer (NTLMSSP, PKT_PRIVACY) and a 16-byte signature. */
function withVerifier(pdu: Buffer): Buffer {
  const pad = (4 - (pdu.length % 4)) % 4;
  const trailer = Buffer.from([10, 6, pad, 0, 0, 0, 0, 0]);
  const out = Buffer.concat([pdu, Buffer.alloc(pad), trailer, Buffer.alloc(16, 0x77)]);
  out.writeUInt16LE(out.length, 8);
  out.writeUInt16LE(16, 10);
  return out;
}

/** A verification trailer as Windows appends it: bitmask, pcontext and header2, the last marked END. */
function verificationTrailer(): Buffer {
  const w = new BufferWriter(96);
  w.bytes(SEC_VT_SIGNATURE);
  w.u16(0x0001).u16(4).u32(1);
  w.u16(0x0002).u16(40);
  for (const s of [SPOOLSS_SYNTAX, NDR20_SYNTAX]) {
    w.bytes(Buffer.from(s.uuid.replace(/-/g, ''), 'hex'))
      .u16(s.major)
      .u16(s.minor);
  }
  w.u16(0x4003)
    .u16(16)
    .u8(PacketType.REQUEST)
    .zeros(3)
    .bytes(Buffer.from([0x10, 0, 0, 0]))
    .u32(2)
    .u16(0)
    .u16(69);
  return w.finish();
}

const PDU_SEEDS = memoSeeds(() => {
  const contexts = [
    { contextId: 0, abstractSyntax: SPOOLSS_SYNTAX, transferSyntaxes: [NDR20_SYNTAX] },
    { contextId: 1, abstractSyntax: IREMOTEWINSPOOL_SYNTAX, transferSyntaxes: [NDR20_SYNTAX] },
  ];
  const bind = encodeBind(PacketType.BIND, {
    callId: 1,
    maxXmitFrag: 4280,
    maxRecvFrag: 4280,
    assocGroupId: 0,
    contexts,
  });
  const ntlmNegotiate = Buffer.from(
    '4e544c4d5353500001000000978208e2000000000000000000000000000000000a00f4650000000f',
    'hex',
  );
  const authBind = Buffer.concat([bind, Buffer.from([10, 6, 0, 0, 0, 0, 0, 0]), ntlmNegotiate]);
  authBind.writeUInt16LE(authBind.length, 8);
  authBind.writeUInt16LE(ntlmNegotiate.length, 10);
  const stub = rprnRequestSeeds().get('RpcOpenPrinterEx')?.[0] ?? Buffer.alloc(0);
  return [
    bind,
    authBind,
    encodeBind(PacketType.ALTER_CONTEXT, {
      callId: 2,
      maxXmitFrag: 4280,
      maxRecvFrag: 4280,
      assocGroupId: 0x1234,
      contexts,
    }),
    encodeRequest({ callId: 2, flags: FIRST_LAST, allocHint: stub.length, contextId: 0, opnum: 69, stub }),
    withVerifier(
      encodeRequest({
        callId: 3,
        flags: FIRST_LAST,
        allocHint: 0,
        contextId: 1,
        opnum: 0,
        objectUuid: '9940ca8e-512f-4c58-88a9-61098d6896bd',
        stub: Buffer.concat([stub, verificationTrailer()]),
      }),
    ),
    encodeAuth3({
      callId: 1,
      trailer: { authType: 10, authLevel: 6, authContextId: 0 },
      token: Buffer.alloc(40, 0x4e),
    }),
    encodeBindAck(PacketType.BIND_ACK, {
      callId: 1,
      maxXmitFrag: 4280,
      maxRecvFrag: 4280,
      assocGroupId: 0x1234,
      secondaryAddress: '\\PIPE\\spoolss',
      results: [{ result: 0, reason: 0, transferSyntax: NDR20_SYNTAX }],
    }),
    encodeBindNak({ callId: 1, reason: 4, versions: [{ major: 5, minor: 0 }] }),
    encodeResponse({ callId: 2, flags: FIRST_LAST, allocHint: 24, contextId: 0, stub: Buffer.alloc(24, 2) }),
    encodeFault({ callId: 2, contextId: 0, status: 0x1c010002 }),
  ];
});

/** What either side reads of one PDU: the header, the body its type names, the auth verifier. */
function decodePdu(pdu: Buffer): void {
  const header = decodeCommonHeader(new BufferReader(pdu));
  switch (header.packetType) {
    case PacketType.BIND:
    case PacketType.ALTER_CONTEXT:
      decodeBind(pdu);
      break;
    case PacketType.REQUEST:
      findVerificationTrailer(decodeRequest(pdu).stub);
      break;
    case PacketType.AUTH3:
      decodeAuth3(pdu);
      break;
    case PacketType.BIND_ACK:
    case PacketType.ALTER_CONTEXT_RESP:
      decodeBindAck(pdu);
      break;
    case PacketType.BIND_NAK:
      decodeBindNak(pdu);
      break;
    case PacketType.RESPONSE:
      decodeResponse(pdu);
      break;
    case PacketType.FAULT:
      decodeFault(pdu);
      break;
    default:
      break;
  }
  if (header.authLength > 0) decodeAuthVerifier(pdu);
}

/** One target per MS-RPRN method: the server decodes the request stub the opnum names. */
function rprnRequestTargets(): DecoderTarget[] {
  const seeds = memoSeeds(() => [...rprnRequestSeeds().values()].flat());
  return (Object.values(RPRN_MESSAGES) as AnyNdrMessage[]).map((message) => {
    const opnum = RPRN_OPNUMS.opnum(message) ?? -1;
    const own = memoSeeds(() => rprnRequestSeeds().get(message.name) ?? []);
    return {
      name: `rprn/${opnum}-${message.name}`,
      decode: (stub: Buffer) => {
        const m = RPRN_OPNUMS.message(opnum);
        if (m !== undefined) decodeRequestStub(m, stub);
      },
      // Its own seeds first; the others' stubs are splice material.
      seeds: () => (own().length > 0 ? own() : seeds()),
    };
  });
}

const RPRN_LIST = Object.values(RPRN_MESSAGES) as AnyNdrMessage[];

function fromZeros(message: AnyNdrMessage): Buffer | undefined {
  for (const length of [8, 16, 24, 32, 48, 64]) {
    try {
      return encodeResponseStub(message, decodeResponseStub(message, Buffer.alloc(length)));
    } catch {
      // try a longer stub
    }
  }
  return undefined;
}

function shareEnumRequest(): Buffer {
  const w = new NdrWriter();
  w.uniqueString('\\\\127.0.0.1');
  w.u32(1).u32(1);
  w.pointer(0, () => w.u32(0).u32(0), false);
  w.u32(0xffffffff);
  w.pointer(0, (v) => w.u32(v), false);
  return w.finish();
}

export const RPC_TARGETS: readonly DecoderTarget[] = [
  { name: 'rpc/pdu', decode: decodePdu, seeds: PDU_SEEDS, maxRandomLength: 256 },
  {
    name: 'rpc/pdu-framer',
    decode: (input) => {
      const framer = new PduFramer();
      const cut = input.length === 0 ? 0 : (input[input.length - 1] ?? 0) % (input.length + 1);
      for (const pdu of [...framer.push(input.subarray(0, cut), 4280), ...framer.push(input.subarray(cut), 4280)])
        decodePdu(pdu);
    },
    seeds: memoSeeds(() => [Buffer.concat(PDU_SEEDS().slice(0, 4))]),
  },
  {
    name: 'rpc/verification-trailer',
    decode: findVerificationTrailer,
    seeds: memoSeeds(() => [Buffer.concat([Buffer.alloc(20, 1), verificationTrailer()])]),
  },
  ...rprnRequestTargets(),
  {
    name: 'rprn/responses',
    // The client's side: the first byte picks the method, the rest is its response stub.
    decode: (input) => {
      const message = RPRN_LIST[(input[0] ?? 0) % RPRN_LIST.length];
      if (message !== undefined) decodeResponseStub(message, input.subarray(1));
    },
    seeds: memoSeeds(() =>
      RPRN_LIST.flatMap((m, i) => {
        const stub = fromZeros(m);
        return stub === undefined ? [] : [Buffer.concat([Buffer.from([i]), stub])];
      }),
    ),
  },
  {
    name: 'epm/ept-map-request',
    decode: decodeEptMapRequest,
    seeds: memoSeeds(() => [
      encodeEptMapRequest({
        object: '9940ca8e-512f-4c58-88a9-61098d6896bd',
        mapTower: encodeTower(
          endpointTower(IREMOTEWINSPOOL_SYNTAX, { protseq: 'ncacn_ip_tcp', port: 0, address: '0.0.0.0' }),
        ),
        entryHandle: Buffer.alloc(20),
        maxTowers: 4,
      }),
    ]),
  },
  {
    name: 'epm/ept-lookup-request',
    decode: (input) => {
      decodeEptLookupRequest(input);
      decodeEptLookupHandleFreeRequest(input);
    },
    seeds: memoSeeds(() => [
      encodeEptLookupRequest({
        inquiryType: 0,
        object: undefined,
        interfaceId: EPMAPPER_SYNTAX,
        versOption: 1,
        entryHandle: Buffer.alloc(20),
        maxEnts: 500,
      }),
    ]),
  },
  {
    name: 'epm/responses',
    // The first byte picks ept_map's response (even) or ept_lookup's (odd).
    decode: (input) =>
      (input[0] ?? 0) % 2 === 0 ? decodeEptMapResponse(input.subarray(1)) : decodeEptLookupResponse(input.subarray(1)),
    seeds: memoSeeds(() => [
      Buffer.concat([
        Buffer.from([0]),
        encodeEptMapResponse({
          entryHandle: Buffer.alloc(20),
          maxTowers: 4,
          towers: [
            encodeTower(endpointTower(SPOOLSS_SYNTAX, { protseq: 'ncacn_ip_tcp', port: 49668, address: '127.0.0.1' })),
          ],
          status: 0,
        }),
      ]),
    ]),
  },
  {
    name: 'epm/tower',
    decode: decodeTower,
    seeds: memoSeeds(() => [
      encodeTower(endpointTower(SPOOLSS_SYNTAX, { protseq: 'ncacn_ip_tcp', port: 49668, address: '127.0.0.1' })),
      encodeTower(endpointTower(SPOOLSS_SYNTAX, { protseq: 'ncacn_np', pipe: '\\PIPE\\spoolss', host: '\\\\NTPRINT' })),
    ]),
  },
  {
    name: 'srvsvc/requests',
    decode: (input) => {
      try {
        decodeNetShareEnumRequest(new NdrReader(input));
      } finally {
        decodeNetServerGetInfoRequest(new NdrReader(input));
      }
    },
    seeds: memoSeeds(() => [shareEnumRequest()]),
  },
  {
    name: 'dtyp/security-descriptor',
    decode: decodeSecurityDescriptor,
    seeds: memoSeeds(() => [
      encodeSecurityDescriptor({
        owner: 'S-1-5-32-544',
        group: 'S-1-5-18',
        dacl: [
          { sid: 'S-1-1-0', mask: 0x00020008, flags: 0 },
          { type: 1, sid: 'S-1-5-21-1-2-3-1104', mask: 0x000f000c, flags: 0x09 },
        ],
      }),
    ]),
  },
  {
    name: 'rprn/reg-data',
    // The first byte is the value's type.
    decode: (input) => decodeRegData(input[0] ?? 0, input.subarray(1)),
    seeds: memoSeeds(() => [
      Buffer.concat([Buffer.from([1]), encodeRegData({ type: 1, value: 'HP Color' })]),
      Buffer.concat([Buffer.from([7]), encodeRegData({ type: 7, value: ['a', 'bc'] })]),
      Buffer.concat([Buffer.from([4]), encodeRegData({ type: 4, value: 7 })]),
      Buffer.concat([Buffer.from([11]), encodeRegData({ type: 11, value: 7n })]),
    ]),
  },
  {
    name: 'rprn/printer-enum-values',
    decode: (input) => {
      decodePrinterEnumValues(input.subarray(1), input[0] ?? 0);
      decodeKeyList(input.subarray(1));
    },
    seeds: memoSeeds(() => [
      Buffer.concat([
        Buffer.from([2]),
        encodePrinterEnumValues(
          [
            { name: 'Module', type: 1, value: 'mscms.dll' },
            { name: 'Files', type: 7, value: ['Hpclrlsr.icm'] },
          ],
          256,
        ),
      ]),
      Buffer.concat([Buffer.from([0]), encodeKeyList(['ICM', 'Fonts'])]),
    ]),
  },
];
