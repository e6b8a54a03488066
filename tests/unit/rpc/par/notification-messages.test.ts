/**
 * MS-PAR's notification messages ([MS-PAR] 3.1.4.9) and the structures they carry
 * (RpcPrintPropertiesCollection [MS-PAR] 2.2.4; RPC_V2_NOTIFY_OPTIONS / RPC_V2_NOTIFY_INFO
 * [MS-RPRN] 2.2.1.13): decoded from, and encoded to, bytes that Samba's pidl produced from its
 * winspool.idl (python3-samba 4.17, `__ndr_pack_in__` / `__ndr_pack_out__`), annotated field by
 * field. pidl is an NDR engine of its own, so the production writer never makes an expectation.
 */
import { MalformedPacketError } from '../../../../lib/common/errors';
import {
  decodeRequestStub,
  decodeResponseStub,
  encodeRequestStub,
  encodeResponseStub,
} from '../../../../lib/rpc/ndr/ndr-message';
import { RpcAsyncGetRemoteNotifications } from '../../../../lib/rpc/par/messages/async-get-remote-notifications';
import { PrintPropertyType } from '../../../../lib/rpc/par/messages/print-properties-collection';
import { RpcSyncRegisterForRemoteNotifications } from '../../../../lib/rpc/par/messages/sync-register-for-remote-notifications';
import { RpcSyncUnRegisterForRemoteNotifications } from '../../../../lib/rpc/par/messages/sync-unregister-for-remote-notifications';
import { NotifyTable } from '../../../../lib/spoolss/printer-notify';
import { Bytes, hex } from '../../../helpers/hex';

function utf16z(s: string): string {
  return Buffer.from(`${s}\0`, 'utf16le').toString('hex');
}

// winspool_SyncRegisterForRemoteNotifications, in: a zero handle and two properties.
const REGISTER_REQUEST = hex(`
  00000000 00000000 00000000 00000000 00000000   # hPrinter (20)
  02000000                                       # numberOfProperties 2
  00000200                                       # propertiesCollection referent
  02000000                                       # max_count 2
  # [0] at 0x20 (aligned to 8)
  04000200 00000000                              # propertyName referent, pad to 8
  0200 0200 00000000                             # ePropertyType Int32, tag Int32, pad to 8 (ms_union)
  00070000 00000000                              # propertyInt32 0x700, pad to the next element
  # [1] at 0x38
  08000200 00000000                              # propertyName referent, pad
  0900 0900 00000000                             # ePropertyType NotificationOptions, tag, pad
  0c000200                                       # NOTIFY_OPTIONS_CONTAINER.pOptions referent
  # deferred: [0].propertyName
  19000000 00000000 19000000 ${utf16z('RemoteNotifyFilter Flags')}
  0000                                           # pad to 4
  # deferred: [1].propertyName
  21000000 00000000 21000000 ${utf16z('RemoteNotifyFilter NotifyOptions')}
  0000
  # deferred: [1].pOptions -> RPC_V2_NOTIFY_OPTIONS
  02000000 00000000 01000000 10000200            # Version 2, Reserved 0, Count 1, pTypes referent
  01000000                                       # pTypes max_count 1
  0100 0000 00000000 00000000 02000000 14000200  # JOB_NOTIFY_TYPE, Reserved0..2, Count 2, pFields referent
  02000000 0a00 0d00                             # pFields: max_count 2, STATUS, DOCUMENT
`);

// winspool_AsyncGetRemoteNotifications, out: Flags and Info (a DWORD and a string entry), S_OK.
const GET_RESPONSE = hex(`
  00000200                                       # ppNotifyData referent
  02000000 04000200 02000000                     # numberOfProperties 2, referent, max_count 2
  # [0] at 0x10
  08000200 00000000 0200 0200 00000000 00010000 00000000  # name, Int32, 0x100 (SET... ADD_JOB)
  # [1] at 0x28
  0c000200 00000000 0800 0800 00000000 10000200           # name, NotificationReply, pInfo referent
  02000000 00000000 02000000 ${utf16z('F')}      # [0].propertyName "F"
  02000000 00000000 02000000 ${utf16z('I')}      # [1].propertyName "I"
  # [1].pInfo -> RPC_V2_NOTIFY_INFO (conformant: max_count first)
  02000000 02000000 00000000 02000000            # max_count 2, Version 2, Flags 0, Count 2
  0100 0a00 01000000 07000000 01000000 10000000 00000000   # JOB STATUS, TABLE_DWORD, job 7, tag, 0x10, 0
  0100 0d00 02000000 07000000 02000000 06000000 14000200   # JOB DOCUMENT, TABLE_STRING, job 7, tag, cbBuf 6, referent
  03000000 ${utf16z('ab')}                       # pszString: max_count 3, "ab\\0"
  0000                                           # pad to 4
  00000000                                       # HRESULT S_OK
`);

describe('RpcSyncRegisterForRemoteNotifications', () => {
  const request = {
    hPrinter: Buffer.alloc(20),
    filter: [
      { name: 'RemoteNotifyFilter Flags', value: { type: PrintPropertyType.kPropertyTypeInt32, value: 0x700 } },
      {
        name: 'RemoteNotifyFilter NotifyOptions',
        value: {
          type: PrintPropertyType.kPropertyTypeNotificationOptions,
          value: { version: 2, flags: 0, types: [{ type: 1, fields: [0x0a, 0x0d] }] },
        },
      },
    ],
  } as const;

  it('decodes the request pidl encodes', () => {
    expect(decodeRequestStub(RpcSyncRegisterForRemoteNotifications, REGISTER_REQUEST)).toEqual(request);
  });

  it('encodes the same bytes', () => {
    expect(encodeRequestStub(RpcSyncRegisterForRemoteNotifications, request).toString('hex')).toBe(
      REGISTER_REQUEST.toString('hex'),
    );
  });

  it('refuses a truncated filter at every length', () => {
    for (let n = 20; n < REGISTER_REQUEST.length; n += 3)
      expect(() => decodeRequestStub(RpcSyncRegisterForRemoteNotifications, REGISTER_REQUEST.subarray(0, n))).toThrow(
        MalformedPacketError,
      );
  });

  it('refuses more than 50 properties ([range(0,50)]) before reading them', () => {
    const stub = new Bytes().raw(Buffer.alloc(20)).u32(51).u32(0x20000).u32(51).build();
    expect(() => decodeRequestStub(RpcSyncRegisterForRemoteNotifications, stub)).toThrow(/numberOfProperties 51/);
  });

  it('refuses a union tag that disagrees with ePropertyType', () => {
    const bad = Buffer.from(REGISTER_REQUEST);
    bad.writeUInt16LE(3, 0x2a); // [0]'s tag says Int64
    expect(() => decodeRequestStub(RpcSyncRegisterForRemoteNotifications, bad)).toThrow(/tag 3/);
  });

  it('refuses a pFields count larger than the stub', () => {
    const bad = Buffer.from(REGISTER_REQUEST);
    bad.writeUInt32LE(0x10000, bad.length - 8); // pFields max_count
    expect(() => decodeRequestStub(RpcSyncRegisterForRemoteNotifications, bad)).toThrow(MalformedPacketError);
  });
});

describe('RpcAsyncGetRemoteNotifications', () => {
  const response = {
    data: [
      { name: 'F', value: { type: PrintPropertyType.kPropertyTypeInt32, value: 0x100 } },
      {
        name: 'I',
        value: {
          type: PrintPropertyType.kPropertyTypeNotificationReply,
          value: {
            version: 2,
            flags: 0,
            data: [
              { type: 1, field: 0x0a, id: 7, data: { table: NotifyTable.TABLE_DWORD, value: 0x10 } },
              { type: 1, field: 0x0d, id: 7, data: { table: NotifyTable.TABLE_STRING, value: 'ab' } },
            ],
          },
        },
      },
    ],
    status: 0,
  } as const;

  it('encodes the response pidl decodes', () => {
    expect(encodeResponseStub(RpcAsyncGetRemoteNotifications, response).toString('hex')).toBe(
      GET_RESPONSE.toString('hex'),
    );
  });

  it('decodes it back', () => {
    expect(decodeResponseStub(RpcAsyncGetRemoteNotifications, GET_RESPONSE)).toEqual(response);
  });

  it('refuses an entry whose union tag is not its table', () => {
    const bad = Buffer.from(GET_RESPONSE);
    bad.writeUInt32LE(2, 0x78); // the STATUS entry's tag says TABLE_STRING
    expect(() => decodeResponseStub(RpcAsyncGetRemoteNotifications, bad)).toThrow(MalformedPacketError);
  });

  it('carries a NULL ppNotifyData as a zero referent', () => {
    const stub = encodeResponseStub(RpcAsyncGetRemoteNotifications, { status: 0x80070006 });
    expect(stub.toString('hex')).toBe('0000000006000780');
  });
});

describe('RpcSyncUnRegisterForRemoteNotifications', () => {
  it('is the handle in, the handle and the HRESULT out', () => {
    const h = Buffer.alloc(20, 0xab);
    expect(decodeRequestStub(RpcSyncUnRegisterForRemoteNotifications, h)).toEqual({ handle: h });
    const out = encodeResponseStub(RpcSyncUnRegisterForRemoteNotifications, { handle: Buffer.alloc(20), status: 0 });
    expect(out).toEqual(Buffer.alloc(24));
  });
});
