/**
 * What a client says to the DCE/RPC over TCP listeners (ncacn_ip_tcp, [MS-RPCE] 2.1.1.1): to the
 * print interfaces a bind of MS-RPRN and IRemoteWinspool, a request, an alter_context carrying an
 * NTLMSSP NEGOTIATE, an AUTH3 and a request on IRemoteWinspool with its object UUID ([MS-PAR]
 * 3.1.4); to the endpoint mapper a bind, ept_map and ept_lookup (C706 appendix L).
 */
import { NDR20_SYNTAX, PacketType, PfcFlags } from '../../lib/rpc/constants';
import { EPMAPPER_SYNTAX } from '../../lib/rpc/epm/epm-constants';
import { encodeEptLookupRequest } from '../../lib/rpc/epm/ept-lookup';
import { encodeEptMapRequest } from '../../lib/rpc/epm/ept-map';
import { encodeTower, endpointTower } from '../../lib/rpc/epm/tower';
import { IREMOTEWINSPOOL_SYNTAX } from '../../lib/rpc/par/constants';
import { encodeAuth3 } from '../../lib/rpc/pdu/auth3';
import { encodeBind } from '../../lib/rpc/pdu/bind';
import { encodeRequest } from '../../lib/rpc/pdu/request';
import { rprnRequestSeeds } from './targets/rprn-seeds';

const SPOOLSS = { uuid: '12345678-1234-abcd-ef00-0123456789ab', major: 1, minor: 0 };
const FIRST_LAST = PfcFlags.PFC_FIRST_FRAG | PfcFlags.PFC_LAST_FRAG;
const NTLM_NEGOTIATE = Buffer.from(
  '4e544c4d5353500001000000978208e2000000000000000000000000000000000a00f4650000000f',
  'hex',
);

function withAuth(pdu: Buffer, token: Buffer): Buffer {
  const out = Buffer.concat([pdu, Buffer.from([10, 6, 0, 0, 0, 0, 0, 0]), token]);
  out.writeUInt16LE(out.length, 8);
  out.writeUInt16LE(token.length, 10);
  return out;
}

const stub = (name: string): Buffer => rprnRequestSeeds().get(name)?.[0] ?? Buffer.alloc(0);

export const PRINT_RPC_STEPS: readonly (() => Buffer)[] = [
  () =>
    encodeBind(PacketType.BIND, {
      callId: 1,
      maxXmitFrag: 5840,
      maxRecvFrag: 5840,
      assocGroupId: 0,
      contexts: [
        { contextId: 0, abstractSyntax: SPOOLSS, transferSyntaxes: [NDR20_SYNTAX] },
        { contextId: 1, abstractSyntax: IREMOTEWINSPOOL_SYNTAX, transferSyntaxes: [NDR20_SYNTAX] },
      ],
    }),
  () =>
    encodeRequest({
      callId: 2,
      flags: FIRST_LAST,
      allocHint: 0,
      contextId: 0,
      opnum: 69,
      stub: stub('RpcOpenPrinterEx'),
    }),
  () =>
    withAuth(
      encodeBind(PacketType.ALTER_CONTEXT, {
        callId: 3,
        maxXmitFrag: 5840,
        maxRecvFrag: 5840,
        assocGroupId: 0,
        contexts: [{ contextId: 1, abstractSyntax: IREMOTEWINSPOOL_SYNTAX, transferSyntaxes: [NDR20_SYNTAX] }],
      }),
      NTLM_NEGOTIATE,
    ),
  () =>
    encodeAuth3({
      callId: 3,
      trailer: { authType: 10, authLevel: 6, authContextId: 0 },
      token: Buffer.alloc(64, 0x4e),
    }),
  () =>
    encodeRequest({
      callId: 4,
      flags: FIRST_LAST,
      allocHint: 0,
      contextId: 1,
      opnum: 0,
      objectUuid: '9940ca8e-512f-4c58-88a9-61098d6896bd',
      stub: stub('RpcOpenPrinterEx'),
    }),
];

export const EPM_STEPS: readonly (() => Buffer)[] = [
  () =>
    encodeBind(PacketType.BIND, {
      callId: 1,
      maxXmitFrag: 5840,
      maxRecvFrag: 5840,
      assocGroupId: 0,
      contexts: [{ contextId: 0, abstractSyntax: EPMAPPER_SYNTAX, transferSyntaxes: [NDR20_SYNTAX] }],
    }),
  () =>
    encodeRequest({
      callId: 2,
      flags: FIRST_LAST,
      allocHint: 0,
      contextId: 0,
      opnum: 3,
      stub: encodeEptMapRequest({
        object: '9940ca8e-512f-4c58-88a9-61098d6896bd',
        mapTower: encodeTower(
          endpointTower(IREMOTEWINSPOOL_SYNTAX, { protseq: 'ncacn_ip_tcp', port: 0, address: '0.0.0.0' }),
        ),
        entryHandle: Buffer.alloc(20),
        maxTowers: 4,
      }),
    }),
  () =>
    encodeRequest({
      callId: 3,
      flags: FIRST_LAST,
      allocHint: 0,
      contextId: 0,
      opnum: 2,
      stub: encodeEptLookupRequest({
        inquiryType: 0,
        object: undefined,
        interfaceId: undefined,
        versOption: 1,
        entryHandle: Buffer.alloc(20),
        maxEnts: 10,
      }),
    }),
];
