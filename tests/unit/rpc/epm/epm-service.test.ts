// The endpoint mapper's answers from a registration table ([MS-RPCE] 2.2.1.2, C706 appendix O).
import { RpcFaultError } from '../../../../lib/common/errors';
import { FaultStatus, MSRPC_UUID_RPRN } from '../../../../lib/rpc/constants';
import {
  EPMAPPER_SYNTAX,
  EpmOpnum,
  EptStatus,
  RpcEpInquiry,
  RpcVersOption,
} from '../../../../lib/rpc/epm/epm-constants';
import { EpmSession, type EpmRegistration } from '../../../../lib/rpc/epm/epm-service';
import {
  type EptLookupRequest,
  decodeEptLookupResponse,
  encodeEptLookupRequest,
} from '../../../../lib/rpc/epm/ept-lookup';
import { decodeEptMapResponse, encodeEptMapRequest } from '../../../../lib/rpc/epm/ept-map';
import { decodeTower, encodeTower, endpointTower, towerBinding } from '../../../../lib/rpc/epm/tower';

const PAR = { uuid: '76f03f96-cdfd-44fc-a22c-64950a001209', major: 1, minor: 0 };
const PAR_OBJECT = '9940ca8e-512f-4c58-88a9-61098d6896bd';
const NIL = '00000000-0000-0000-0000-000000000000';
const HANDLE0 = Buffer.alloc(20);

const REGISTRATIONS: EpmRegistration[] = [
  { interface: EPMAPPER_SYNTAX, endpoint: { protseq: 'ncacn_ip_tcp', port: 135 }, annotation: '' },
  {
    interface: PAR,
    object: PAR_OBJECT,
    endpoint: { protseq: 'ncacn_ip_tcp', port: 49668 },
    annotation: 'Spooler function endpoint',
  },
  {
    interface: MSRPC_UUID_RPRN,
    endpoint: { protseq: 'ncacn_ip_tcp', port: 49668 },
    annotation: 'Spooler base remote object endpoint',
  },
  {
    interface: MSRPC_UUID_RPRN,
    endpoint: { protseq: 'ncacn_np', pipe: '\\PIPE\\spoolss' },
    annotation: 'Spooler named pipe',
  },
];

let counter = 0;
const session = (registrations = REGISTRATIONS) =>
  new EpmSession({
    registrations: () => registrations,
    localAddress: '127.0.0.2',
    serverName: 'NTPRINT',
    maxHandles: 2,
    randomBytes: (n) => Buffer.alloc(n, ++counter),
  });

const mapTower = (iface = PAR, protseq: 'ncacn_ip_tcp' | 'ncacn_np' = 'ncacn_ip_tcp') =>
  encodeTower(
    endpointTower(
      iface,
      protseq === 'ncacn_ip_tcp' ? { protseq, port: 0, address: '0.0.0.0' } : { protseq, pipe: '', host: '127.0.0.2' },
    ),
  );

const map = (s: EpmSession, req: Partial<Parameters<typeof encodeEptMapRequest>[0]> = {}) =>
  decodeEptMapResponse(
    s.call(
      EpmOpnum.ept_map,
      encodeEptMapRequest({ object: NIL, mapTower: mapTower(), entryHandle: HANDLE0, maxTowers: 4, ...req }),
    ),
  );

const lookup = (s: EpmSession, req: Partial<EptLookupRequest> = {}) =>
  decodeEptLookupResponse(
    s.call(
      EpmOpnum.ept_lookup,
      encodeEptLookupRequest({
        inquiryType: RpcEpInquiry.RPC_C_EP_ALL_ELTS,
        object: undefined,
        interfaceId: undefined,
        versOption: RpcVersOption.RPC_C_VERS_ALL,
        entryHandle: HANDLE0,
        maxEnts: 500,
        ...req,
      }),
    ),
  );

const bindingOf = (tower: Buffer) => towerBinding(decodeTower(tower));

describe('ept_map', () => {
  it('maps IRemoteWinspool over TCP to its port at the address the client reached', () => {
    const resp = map(session());
    expect(resp.status).toBe(EptStatus.RPC_S_OK);
    expect(resp.entryHandle).toEqual(HANDLE0);
    expect(resp.towers.map(bindingOf)).toEqual([
      {
        interface: PAR,
        transferSyntax: { uuid: '8a885d04-1ceb-11c9-9fe8-08002b104860', major: 2, minor: 0 },
        endpoint: { protseq: 'ncacn_ip_tcp', port: 49668, address: '127.0.0.2' },
      },
    ]);
  });

  it('honours the object UUID: the one registered, or none', () => {
    expect(map(session(), { object: PAR_OBJECT }).towers).toHaveLength(1);
    expect(map(session(), { object: undefined }).towers).toHaveLength(1);
    expect(map(session(), { object: '11111111-2222-3333-4444-555555555555' }).status).toBe(
      EptStatus.EPT_S_NOT_REGISTERED,
    );
  });

  it('maps MS-RPRN over the pipe to \\PIPE\\spoolss on \\\\NTPRINT', () => {
    const resp = map(session(), { mapTower: mapTower(MSRPC_UUID_RPRN, 'ncacn_np') });
    expect(resp.towers.map(bindingOf)[0]?.endpoint).toEqual({
      protseq: 'ncacn_np',
      pipe: '\\PIPE\\spoolss',
      host: '\\\\NTPRINT',
    });
  });

  it.each<[string, Partial<Parameters<typeof encodeEptMapRequest>[0]>]>([
    [
      'an interface not registered',
      { mapTower: mapTower({ uuid: '12345678-1234-abcd-ef00-01234567cffb', major: 1, minor: 0 }) },
    ],
    ['another major version', { mapTower: mapTower({ ...PAR, major: 2 }) }],
    ['a NULL map tower', { mapTower: undefined }],
    ['max_towers 0', { maxTowers: 0 }],
    [
      'a tower of three floors',
      {
        mapTower: encodeTower(endpointTower(PAR, { protseq: 'ncacn_ip_tcp', port: 0, address: '0.0.0.0' }).slice(0, 3)),
      },
    ],
    ['a tower that does not parse', { mapTower: Buffer.from([9, 0, 1]) }],
    [
      'NDR64 as transfer syntax',
      {
        mapTower: encodeTower([
          ...endpointTower(PAR, { protseq: 'ncacn_ip_tcp', port: 0, address: '0.0.0.0' }).map((f, i) =>
            i === 1
              ? {
                  protocol: 0x0d as const,
                  syntax: { uuid: '71710533-beba-4937-8319-b5dbef9ccc36', major: 1, minor: 0 },
                }
              : f,
          ),
        ]),
      },
    ],
  ])('answers EPT_S_NOT_REGISTERED for %s', (_name, req) => {
    const resp = map(session(), req);
    expect(resp).toMatchObject({ status: EptStatus.EPT_S_NOT_REGISTERED, towers: [], entryHandle: HANDLE0 });
  });

  it('keeps what does not fit max_towers behind entry_handle', () => {
    const twice = [
      REGISTRATIONS[1]!,
      { ...REGISTRATIONS[1]!, endpoint: { protseq: 'ncacn_ip_tcp' as const, port: 49669 } },
    ];
    const s = session(twice);
    const first = map(s, { maxTowers: 1 });
    expect(first.towers.map((t) => bindingOf(t)?.endpoint)).toEqual([
      { protseq: 'ncacn_ip_tcp', port: 49668, address: '127.0.0.2' },
    ]);
    expect(first.entryHandle.equals(HANDLE0)).toBe(false);
    const second = map(s, { maxTowers: 1, entryHandle: first.entryHandle });
    expect(second.towers.map((t) => bindingOf(t)?.endpoint)).toEqual([
      { protseq: 'ncacn_ip_tcp', port: 49669, address: '127.0.0.2' },
    ]);
    expect(second.entryHandle).toEqual(HANDLE0);
    // The handle is gone: a context mismatch, as for any handle this connection does not hold.
    expect(() => map(s, { entryHandle: first.entryHandle })).toThrow(RpcFaultError);
  });
});

describe('ept_lookup', () => {
  it('lists every element, in batches behind a handle, last batch with a null handle and status 0', () => {
    const s = session();
    const a = lookup(s, { maxEnts: 3 });
    expect(a.status).toBe(EptStatus.RPC_S_OK);
    expect(a.entries.map((e) => e.annotation)).toEqual([
      '',
      'Spooler function endpoint',
      'Spooler base remote object endpoint',
    ]);
    expect(a.entries[1]!.object).toBe(PAR_OBJECT);
    const b = lookup(s, { maxEnts: 3, entryHandle: a.entryHandle });
    expect(b).toMatchObject({ status: EptStatus.RPC_S_OK, entryHandle: HANDLE0 });
    expect(b.entries.map((e) => e.annotation)).toEqual(['Spooler named pipe']);
  });

  it('matches by interface with each version option, by object and by both', () => {
    const byIf = (versOption: number, minor = 0, major = 1) =>
      lookup(session(), {
        inquiryType: RpcEpInquiry.RPC_C_EP_MATCH_BY_IF,
        interfaceId: { ...MSRPC_UUID_RPRN, major, minor },
        versOption,
      }).entries.length;
    expect(byIf(RpcVersOption.RPC_C_VERS_ALL, 5, 9)).toBe(2);
    expect(byIf(RpcVersOption.RPC_C_VERS_COMPATIBLE)).toBe(2);
    expect(byIf(RpcVersOption.RPC_C_VERS_COMPATIBLE, 1)).toBe(0);
    expect(byIf(RpcVersOption.RPC_C_VERS_EXACT, 1)).toBe(0);
    expect(byIf(RpcVersOption.RPC_C_VERS_MAJOR_ONLY, 7)).toBe(2);
    expect(byIf(RpcVersOption.RPC_C_VERS_UPTO, 0, 2)).toBe(2);
    expect(byIf(RpcVersOption.RPC_C_VERS_UPTO, 0, 0)).toBe(0);
    expect(
      lookup(session(), { inquiryType: RpcEpInquiry.RPC_C_EP_MATCH_BY_OBJ, object: PAR_OBJECT }).entries,
    ).toHaveLength(1);
    expect(
      lookup(session(), { inquiryType: RpcEpInquiry.RPC_C_EP_MATCH_BY_BOTH, object: PAR_OBJECT, interfaceId: PAR })
        .entries,
    ).toHaveLength(1);
  });

  it('answers EPT_S_NOT_REGISTERED for no match and EPT_S_CANT_PERFORM_OP for an unknown inquiry or option', () => {
    expect(lookup(session(), { inquiryType: RpcEpInquiry.RPC_C_EP_MATCH_BY_OBJ, object: NIL }).status).toBe(
      EptStatus.EPT_S_NOT_REGISTERED,
    );
    expect(lookup(session(), { inquiryType: 9 }).status).toBe(EptStatus.EPT_S_CANT_PERFORM_OP);
    expect(
      lookup(session(), { inquiryType: RpcEpInquiry.RPC_C_EP_MATCH_BY_IF, interfaceId: PAR, versOption: 9 }).status,
    ).toBe(EptStatus.EPT_S_CANT_PERFORM_OP);
  });

  it("keeps at most maxHandles (the oldest goes), frees handles, and refuses another operation's handle", () => {
    const s = session();
    const handles = [1, 2, 3].map(() => lookup(s, { maxEnts: 1 }).entryHandle);
    expect(() => lookup(s, { maxEnts: 1, entryHandle: handles[0]! })).toThrow(RpcFaultError);
    expect(lookup(s, { maxEnts: 1, entryHandle: handles[2]! }).entries).toHaveLength(1);
    s.call(EpmOpnum.ept_lookup_handle_free, Buffer.from(handles[2]!));
    expect(() => lookup(s, { maxEnts: 1, entryHandle: handles[2]! })).toThrow(RpcFaultError);
    const twice = [REGISTRATIONS[1]!, REGISTRATIONS[1]!];
    const m = session(twice);
    const mapHandle = map(m, { maxTowers: 1 }).entryHandle;
    expect(() => lookup(m, { entryHandle: mapHandle })).toThrow(
      expect.objectContaining({ status: FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH }) as Error,
    );
  });
});

describe('dispatch', () => {
  it('faults nca_s_op_rng_error for the methods Windows does not offer', () => {
    for (const opnum of [
      EpmOpnum.ept_insert,
      EpmOpnum.ept_delete,
      EpmOpnum.ept_inq_object,
      EpmOpnum.ept_mgmt_delete,
      7,
    ]) {
      expect(() => session().call(opnum, Buffer.alloc(0))).toThrow(
        expect.objectContaining({ status: FaultStatus.NCA_S_OP_RNG_ERROR }) as Error,
      );
    }
  });
});
