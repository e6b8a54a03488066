// Towers (C706 appendix L) and the ept_map / ept_lookup stubs ([MS-RPCE] 2.2.1.2.4-5). The byte
// fixtures are what impacket 0.10.0 builds (epm.hept_map's tower, ept_map().getData(),
// ept_lookup().getData(), ept_mapResponse/ept_lookupResponse().getData()), annotated by hand.
import { MalformedPacketError } from '../../../../lib/common/errors';
import { MSRPC_UUID_RPRN, NDR20_SYNTAX } from '../../../../lib/rpc/constants';
import { TowerProtocol as P } from '../../../../lib/rpc/epm/epm-constants';
import {
  decodeEptLookupRequest,
  decodeEptLookupResponse,
  encodeEptLookupRequest,
  encodeEptLookupResponse,
} from '../../../../lib/rpc/epm/ept-lookup';
import {
  decodeEptMapRequest,
  decodeEptMapResponse,
  encodeEptMapRequest,
  encodeEptMapResponse,
} from '../../../../lib/rpc/epm/ept-map';
import { decodeTower, encodeTower, endpointTower, towerBinding } from '../../../../lib/rpc/epm/tower';
import { Bytes, guidBytes, hex } from '../../../helpers/hex';

const PAR = { uuid: '76f03f96-cdfd-44fc-a22c-64950a001209', major: 1, minor: 0 };

// hept_map(host, MSRPC_UUID_PAR, protocol='ncacn_ip_tcp'): the map tower, 75 bytes.
const PAR_TCP_TOWER = hex(`
  05 00                                   # floor_count 5
  13 00 0d 96 3f f0 76 fd cd fc 44 a2 2c 64 95 0a 00 12 09 01 00   # lhs 19: UUID 76f03f96-cdfd-44fc-a22c-64950a001209, major 1
  02 00 00 00                             # rhs 2: minor 0
  13 00 0d 04 5d 88 8a eb 1c c9 11 9f e8 08 00 2b 10 48 60 02 00   # NDR 8a885d04-1ceb-11c9-9fe8-08002b104860, major 2
  02 00 00 00                             # minor 0
  01 00 0b 02 00 00 00                    # ncacn (0x0b), minor 0
  01 00 07 02 00 00 00                    # TCP (0x07), port 0 (big-endian)
  01 00 09 04 00 00 00 00 00              # IP (0x09), 0.0.0.0
`);

// hept_map(host, MSRPC_UUID_RPRN, protocol='ncacn_np'): pipe "" and host "127.0.0.1".
const RPRN_NP_TOWER = hex(`
  05 00
  13 00 0d 78 56 34 12 34 12 cd ab ef 00 01 23 45 67 89 ab 01 00 02 00 00 00
  13 00 0d 04 5d 88 8a eb 1c c9 11 9f e8 08 00 2b 10 48 60 02 00 02 00 00 00
  01 00 0b 02 00 00 00
  01 00 0f 01 00 00                       # named pipe (0x0f): "" (just the NUL)
  01 00 11 0a 00 31 32 37 2e 30 2e 30 2e 31 00   # NetBIOS host (0x11): "127.0.0.1"
`);

describe('towers', () => {
  it("reads hept_map's ncacn_ip_tcp tower", () => {
    const floors = decodeTower(PAR_TCP_TOWER);
    expect(floors.map((f) => f.protocol)).toEqual([P.EPM_PROTOCOL_UUID, P.EPM_PROTOCOL_UUID, 0x0b, 0x07, 0x09]);
    expect(towerBinding(floors)).toEqual({
      interface: PAR,
      transferSyntax: NDR20_SYNTAX,
      endpoint: { protseq: 'ncacn_ip_tcp', port: 0, address: '0.0.0.0' },
    });
    expect(encodeTower(floors)).toEqual(PAR_TCP_TOWER);
  });

  it("reads hept_map's ncacn_np tower", () => {
    expect(towerBinding(decodeTower(RPRN_NP_TOWER))).toEqual({
      interface: MSRPC_UUID_RPRN,
      transferSyntax: NDR20_SYNTAX,
      endpoint: { protseq: 'ncacn_np', pipe: '', host: '127.0.0.1' },
    });
  });

  it('builds the tower of an endpoint, port big-endian and address in network order', () => {
    const tower = encodeTower(endpointTower(PAR, { protseq: 'ncacn_ip_tcp', port: 49668, address: '127.0.0.2' }));
    expect(tower).toEqual(
      Buffer.concat([PAR_TCP_TOWER.subarray(0, 59), hex('01 00 07 02 00 c2 04   01 00 09 04 00 7f 00 00 02')]),
    );
    const np = encodeTower(
      endpointTower(MSRPC_UUID_RPRN, { protseq: 'ncacn_np', pipe: '\\PIPE\\spoolss', host: '\\\\NTPRINT' }),
    );
    expect(np.subarray(59)).toEqual(
      new Bytes()
        .u16(1)
        .u8(0x0f)
        .u16(14)
        .raw(Buffer.from('\\PIPE\\spoolss\0'))
        .u16(1)
        .u8(0x11)
        .u16(10)
        .raw(Buffer.from('\\\\NTPRINT\0'))
        .build(),
    );
  });

  it.each<[string, Buffer]>([
    ['seven floors', Buffer.concat([hex('07 00'), PAR_TCP_TOWER.subarray(2)])],
    ['a floor cut short', PAR_TCP_TOWER.subarray(0, 70)],
    ['trailing bytes', Buffer.concat([PAR_TCP_TOWER, hex('00')])],
    [
      'a UUID floor of 18 bytes',
      hex('01 00  12 00 0d 96 3f f0 76 fd cd fc 44 a2 2c 64 95 0a 00 12 09 01  02 00 00 00'),
    ],
    ['an IP floor of 3 bytes', hex('01 00  01 00 09 03 00 7f 00 00')],
    ['a pipe name without NUL', hex('01 00  01 00 0f 02 00 41 42')],
    ['an empty left-hand side', hex('01 00  00 00 02 00 00 00')],
  ])('refuses %s', (_name, bytes) => {
    expect(() => decodeTower(bytes)).toThrow(MalformedPacketError);
  });
});

// ept_map(obj=NULL-ish, map_tower=PAR_TCP_TOWER, entry_handle=0, max_towers=1) as hept_map sends it.
const EPT_MAP_REQUEST = Buffer.concat([
  hex(`01 00 00 00  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   # obj: referent 1, nil UUID
       02 00 00 00  4b 00 00 00  4b 00 00 00                       # map_tower: referent 2, max_count 75, tower_length 75`),
  PAR_TCP_TOWER,
  hex(`ab                                                             # alignment pad (impacket writes 0xab)
       00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   # entry_handle: null
       01 00 00 00                                                   # max_towers 1`),
]);

describe('ept_map', () => {
  it("decodes hept_map's request", () => {
    const req = decodeEptMapRequest(EPT_MAP_REQUEST);
    expect(req).toEqual({
      object: '00000000-0000-0000-0000-000000000000',
      mapTower: PAR_TCP_TOWER,
      entryHandle: Buffer.alloc(20),
      maxTowers: 1,
    });
    const ours = encodeEptMapRequest(req);
    expect(decodeEptMapRequest(ours)).toEqual(req);
    expect(ours.length).toBe(EPT_MAP_REQUEST.length);
  });

  it("decodes impacket's response and encodes ours with max_count = max_towers", () => {
    const tower = encodeTower(endpointTower(PAR, { protseq: 'ncacn_ip_tcp', port: 49668, address: '127.0.0.1' }));
    const impacket = Buffer.concat([
      hex(`00000000 00000000000000000000000000000000   # entry_handle
           01000000                                   # num_towers 1
           01000000 00000000 01000000                 # ITowers: max_count 1, offset 0, actual_count 1
           7abc0000                                   # referent
           4b000000 4b000000                          # twr_t: max_count 75, tower_length 75`),
      tower,
      hex('bf  00000000                                 # pad, status 0'),
    ]);
    expect(decodeEptMapResponse(impacket)).toEqual({
      entryHandle: Buffer.alloc(20),
      towers: [tower],
      maxTowers: 1,
      status: 0,
    });
    const ours = encodeEptMapResponse({ entryHandle: Buffer.alloc(20), towers: [tower], maxTowers: 4, status: 0 });
    expect(ours.subarray(20, 40)).toEqual(new Bytes().u32(1).u32(4).u32(0).u32(1).u32(0x00020000).build());
    expect(decodeEptMapResponse(ours).towers).toEqual([tower]);
  });

  it.each<[string, (b: Buffer) => void]>([
    ['max_towers over 500', (b) => b.writeUInt32LE(501, b.length - 4)],
    ['tower_length disagreeing with max_count', (b) => b.writeUInt32LE(74, 28)],
    ['a tower longer than the stub', (b) => (b.writeUInt32LE(0x4000, 24), b.writeUInt32LE(0x4000, 28))],
  ])('refuses %s', (_name, mutate) => {
    const b = Buffer.from(EPT_MAP_REQUEST);
    mutate(b);
    expect(() => decodeEptMapRequest(b)).toThrow(MalformedPacketError);
  });
});

// ept_lookup(RPC_C_EP_MATCH_BY_IF, object 9940ca8e-..., Ifid PAR 1.0, RPC_C_VERS_ALL, null, 500).
const EPT_LOOKUP_REQUEST = new Bytes()
  .u32(1) // inquiry_type RPC_C_EP_MATCH_BY_IF
  .u32(0x0653)
  .raw(guidBytes('9940ca8e-512f-4c58-88a9-61098d6896bd')) // object
  .u32(0x33ad)
  .raw(guidBytes(PAR.uuid))
  .u16(1)
  .u16(0) // Ifid
  .u32(1) // vers_option RPC_C_VERS_ALL
  .raw(Buffer.alloc(20))
  .u32(500)
  .build();

describe('ept_lookup', () => {
  it("decodes impacket's request and round-trips it", () => {
    expect(EPT_LOOKUP_REQUEST).toEqual(
      hex(`01000000 53060000 8eca40992f51584c88a961098d6896bd ad330000 963ff076fdcdfc44a22c64950a001209 0100 0000
           01000000 0000000000000000000000000000000000000000 f4010000`),
    );
    const req = decodeEptLookupRequest(EPT_LOOKUP_REQUEST);
    expect(req).toEqual({
      inquiryType: 1,
      object: '9940ca8e-512f-4c58-88a9-61098d6896bd',
      interfaceId: PAR,
      versOption: 1,
      entryHandle: Buffer.alloc(20),
      maxEnts: 500,
    });
    expect(decodeEptLookupRequest(encodeEptLookupRequest(req))).toEqual(req);
  });

  it("decodes impacket's response and encodes ours the same way", () => {
    const impacket = hex(`
      0000000000000000000000000000000000000000   # entry_handle
      01000000                                   # num_ents 1
      01000000 00000000 01000000                 # entries: max_count 1, offset 0, actual_count 1
      00000000000000000000000000000000           # [0].object
      907a0000                                   # [0].tower referent
      00000000 08000000 53706f6f6c657200         # [0].annotation: offset 0, actual 8, "Spooler\\0"
      03000000 03000000 010203 bf                # the tower: max_count 3, length 3, octets, pad
      00000000                                   # status
    `);
    const entry = { object: '00000000-0000-0000-0000-000000000000', tower: hex('010203'), annotation: 'Spooler' };
    expect(decodeEptLookupResponse(impacket)).toEqual({
      entryHandle: Buffer.alloc(20),
      entries: [entry],
      maxEnts: 1,
      status: 0,
    });
    const ours = encodeEptLookupResponse({ entryHandle: Buffer.alloc(20), entries: [entry], maxEnts: 1, status: 0 });
    expect(ours).toEqual(
      Buffer.concat([impacket.subarray(0, 52), hex('00000200'), impacket.subarray(56, 83), hex('00 00000000')]),
    );
  });

  it('truncates an annotation to 63 characters and a NUL', () => {
    const long = { object: '00000000-0000-0000-0000-000000000000', tower: undefined, annotation: 'x'.repeat(100) };
    const back = decodeEptLookupResponse(
      encodeEptLookupResponse({ entryHandle: Buffer.alloc(20), entries: [long], maxEnts: 1, status: 0 }),
    );
    expect(back.entries[0]!.annotation).toBe('x'.repeat(63));
  });
});
