/**
 * The Job Named Property messages (opnums 110-113), [MS-RPRN] 3.1.4.12.1-4, built by hand from the
 * IDL and NDR's rules as Samba's pidl applies them to spoolss.idl: EPrintPropertyType is a plain
 * enum (uint1632: 2 bytes in NDR20), repeated as the union's tag; the union is an [ms_union]
 * aligned to its largest arm (the hyper: 8), and so is every structure holding it.
 */
import { RpcDeleteJobNamedProperty } from '../../../../../lib/rpc/rprn/messages/delete-job-named-property';
import { RpcEnumJobNamedProperties } from '../../../../../lib/rpc/rprn/messages/enum-job-named-properties';
import { RpcGetJobNamedPropertyValue } from '../../../../../lib/rpc/rprn/messages/get-job-named-property-value';
import { RpcSetJobNamedProperty } from '../../../../../lib/rpc/rprn/messages/set-job-named-property';
import { decodeRequestStub } from '../../../../../lib/rpc/ndr/ndr-message';
import { MalformedPacketError } from '../../../../../lib/common/errors';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

const H = hex('00000000a1a2a3a4b1b2b3b4c1c2c3c4d1d2d3d4');

describe('RpcSetJobNamedProperty', () => {
  it('request: a string property', () => {
    expectRequest(
      RpcSetJobNamedProperty,
      hex(`
      00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4   # hPrinter
      07000000                                       # JobId 7
      00000200                                       # pProperty->propertyName: referent id (offset 24, 8-aligned)
      00000000                                       # align 8 for propertyValue
      0100 0100                                      # ePropertyType kRpcPropertyTypeString (u16), union tag (u16)
      00000000                                       # ms_union: align 8
      04000200                                       # propertyString: referent id
      03000000 00000000 03000000 61006200 0000       # deferred propertyName "ab"
      0000                                           # align 4
      03000000 00000000 03000000 78007900 0000       # deferred propertyString "xy"
      `),
      { hPrinter: H, jobId: 7, property: { name: 'ab', value: { type: 'string', value: 'xy' } } },
    );
  });
  it('request: a buffer property', () => {
    expectRequest(
      RpcSetJobNamedProperty,
      hex(`
      00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4   # hPrinter
      01000000                                       # JobId 1
      00000200 00000000                              # propertyName referent id, align 8
      0500 0500 00000000                             # kRpcPropertyTypeBuffer, tag, align 8
      04000000 04000200                              # propertyBlob: cbBuf 4, pBuf referent id
      02000000 00000000 02000000 62000000            # deferred propertyName "b"
      04000000 626c6f62                              # deferred pBuf: max_count 4, "blob"
      `),
      { hPrinter: H, jobId: 1, property: { name: 'b', value: { type: 'buffer', value: Buffer.from('blob') } } },
    );
  });
  it('a union tag that disagrees with ePropertyType is malformed', () => {
    const bad = hex(`
      00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4 01000000 00000200 00000000
      0200 0300 00000000 2a000000
      02000000 00000000 02000000 62000000`);
    expect(() => decodeRequestStub(RpcSetJobNamedProperty, bad)).toThrow(MalformedPacketError);
  });
  it('an unknown property type is malformed', () => {
    const bad = hex(`
      00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4 01000000 00000200 00000000
      0900 0900 00000000 2a000000`);
    expect(() => decodeRequestStub(RpcSetJobNamedProperty, bad)).toThrow(MalformedPacketError);
  });
});

describe('RpcGetJobNamedPropertyValue', () => {
  it('request: job and name', () => {
    expectRequest(
      RpcGetJobNamedPropertyValue,
      hex(`
      00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4   # hPrinter
      2a000000                                       # JobId 42
      02000000 00000000 02000000 6e000000            # pszName "n"
      `),
      { hPrinter: H, jobId: 42, name: 'n' },
    );
  });
  it('response: a LONGLONG', () => {
    expectResponse(
      RpcGetJobNamedPropertyValue,
      hex(`
      0300 0300 00000000                             # kRpcPropertyTypeInt64, tag, align 8
      feaf0000 00000000                              # 0xaffe
      00000000                                       # status
      `),
      { value: { type: 'int64', value: 0xaffen }, status: 0 },
    );
  });
  it('response: a BYTE, then ERROR_NOT_FOUND', () => {
    expectResponse(
      RpcGetJobNamedPropertyValue,
      hex(`
      0400 0400 00000000 ab                          # kRpcPropertyTypeByte 0xab
      000000 90040000                                # align 4, status ERROR_NOT_FOUND (1168)
      `),
      { value: { type: 'byte', value: 0xab }, status: 1168 },
    );
  });
});

describe('RpcDeleteJobNamedProperty', () => {
  it('request: job and name', () => {
    expectRequest(
      RpcDeleteJobNamedProperty,
      hex(`
      00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4 03000000
      02000000 00000000 02000000 6e000000            # pszName "n"
      `),
      { hPrinter: H, jobId: 3, name: 'n' },
    );
  });
});

describe('RpcEnumJobNamedProperties', () => {
  it('response: one LONG property', () => {
    expectResponse(
      RpcEnumJobNamedProperties,
      hex(`
      01000000                                       # pcProperties 1
      00000200                                       # *ppProperties: referent id
      01000000 00000000                              # max_count 1, align 8
      04000200 00000000                              # [0].propertyName referent id, align 8
      0200 0200 00000000 2a000000                    # kRpcPropertyTypeInt32, tag, align 8, 42
      02000000 00000000 02000000 6e000000            # deferred propertyName "n"
      00000000                                       # status
      `),
      { properties: [{ name: 'n', value: { type: 'int32', value: 42 } }], status: 0 },
    );
  });
  it('response: no properties is a NULL array', () => {
    expectResponse(RpcEnumJobNamedProperties, hex('00000000 00000000 00000000'), { properties: [], status: 0 });
  });
});
