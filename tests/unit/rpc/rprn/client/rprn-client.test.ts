/**
 * RprnClient against a scripted pipe with hand-built stubs (Bytes builder, [MS-RPRN] 3.1.4 layouts
 * as in point-and-print.md 6.5/6.6): the requests it fills in, the size probes, what a hostile
 * pcbNeeded gets, and the opnums of another interface. The message codecs themselves are checked
 * against annotated bytes in ../messages.
 */
import { Win32Error } from '../../../../../lib/common/errors';
import { Win32ErrorCode } from '../../../../../lib/common/status/win32-error';
import { RpcClient } from '../../../../../lib/rpc/client/rpc-client';
import type { AnyNdrMessage } from '../../../../../lib/rpc/ndr/ndr-message';
import { OpnumTable } from '../../../../../lib/rpc/opnum-table';
import { RPRN_MESSAGES } from '../../../../../lib/rpc/rprn/messages';
import { RprnClient, type RprnClientOptions } from '../../../../../lib/rpc/rprn/client/rprn-client';
import { RegType } from '../../../../../lib/common/reg-value';
import { Bytes } from '../../../../helpers/hex';
import { ScriptedPipe, bindAck, response } from '../../client/scripted-pipe';

const HANDLE = Buffer.from(Array.from({ length: 20 }, (_, i) => (i < 4 ? 0 : i)));

/** PRINTER_ENUM_VALUES for Directory=Color (record-relative offsets, point-and-print.md 6.5). */
function directoryColor(cb: number): Buffer {
  const b = new Bytes().u32(20).u32(20).u32(RegType.REG_SZ).u32(40).u32(12); // name @20 (10 chars), data @40
  b.utf16z('Directory').utf16z('Color');
  const out = Buffer.alloc(cb);
  b.build().copy(out);
  return out;
}

describe('RprnClient two-call pattern', () => {
  const client = async (
    answer: (request: { opnum: number; stub: Buffer; index: number }) => Buffer,
    options: RprnClientOptions = {},
  ): Promise<{ rprn: RprnClient; requests: { opnum: number; stub: Buffer }[] }> => {
    const requests: { opnum: number; stub: Buffer }[] = [];
    const pipe = new ScriptedPipe((pdu, i) => {
      if (i === 0) return bindAck(1, 4280, 4280);
      const req = { opnum: pdu.readUInt16LE(22), stub: pdu.subarray(24) };
      requests.push(req);
      return response(pdu.readUInt32LE(12), 3, answer({ ...req, index: requests.length - 1 }));
    });
    const rpc = await RpcClient.bind(pipe, { uuid: '12345678-1234-abcd-ef00-0123456789ab', version: 1 });
    return { rprn: new RprnClient(rpc, options), requests };
  };

  it('EnumPrinterDataEx: cbEnumValues 0 -> ERROR_MORE_DATA with the size, then the real call', async () => {
    const { rprn, requests } = await client(({ stub }) => {
      const cb = stub.readUInt32LE(stub.length - 4);
      if (cb < 52)
        return new Bytes()
          .u32(cb)
          .raw(Buffer.alloc(cb))
          .pad(4)
          .u32(52)
          .u32(1)
          .u32(Win32ErrorCode.ERROR_MORE_DATA)
          .build();
      return new Bytes().u32(cb).raw(directoryColor(cb)).pad(4).u32(52).u32(1).u32(0).build();
    });
    expect(await rprn.enumPrinterDataEx(HANDLE, 'CopyFiles\\ICM')).toEqual([
      { name: 'Directory', type: RegType.REG_SZ, value: 'Color' },
    ]);
    expect(requests.map((r) => [r.opnum, r.stub.readUInt32LE(r.stub.length - 4)])).toEqual([
      [79, 0],
      [79, 52],
    ]);
  });

  it('GetPrinter: NULL buffer first (ERROR_INSUFFICIENT_BUFFER), then pcbNeeded bytes', async () => {
    const { rprn, requests } = await client(({ stub }) => {
      const cbBuf = stub.readUInt32LE(stub.length - 4);
      if (cbBuf === 0) return new Bytes().u32(0).u32(8).u32(Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER).build();
      // _PRINTER_INFO_6 { dwStatus }
      return new Bytes()
        .u32(0x20000)
        .u32(cbBuf)
        .u32(0x80)
        .raw(Buffer.alloc(cbBuf - 4))
        .u32(8)
        .u32(0)
        .build();
    });
    expect((await rprn.getPrinter(HANDLE, 6)).status).toBe(0x80);
    // Second request: handle, level, referent, max_count 8, 8 zero bytes, cbBuf 8.
    expect(requests[1]?.stub).toEqual(
      new Bytes().raw(HANDLE).u32(6).u32(0x20000).u32(8).raw(Buffer.alloc(8)).u32(8).build(),
    );
  });

  it('a hostile pcbNeeded is refused before allocating; a size that keeps growing gives up', async () => {
    const huge = await client(() => new Bytes().u32(0).u32(0x7fffffff).u32(Win32ErrorCode.ERROR_MORE_DATA).build());
    const err: unknown = await huge.rprn.enumPrinterKey(HANDLE, '').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Win32Error);
    expect((err as Win32Error).win32).toBe(Win32ErrorCode.ERROR_NOT_ENOUGH_MEMORY);

    const growing = await client(({ index }) =>
      new Bytes()
        .u32(0)
        .u32(100 * (index + 1))
        .u32(Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER)
        .build(),
    );
    await expect(growing.rprn.getPrinter(HANDLE, 2)).rejects.toMatchObject({
      win32: Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER,
    });
    expect(growing.requests).toHaveLength(4);
  });

  it('a non-zero WERROR is Win32Error(code), named after the call', async () => {
    const { rprn } = await client(() =>
      new Bytes().raw(Buffer.alloc(20)).u32(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME).build(),
    );
    const err: unknown = await rprn.openPrinterEx('\\\\NTPRINT\\Nope', 8).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Win32Error);
    expect((err as Win32Error).win32).toBe(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME);
    expect((err as Win32Error).message).toMatch(/RpcOpenPrinterEx.*ERROR_INVALID_PRINTER_NAME/);
  });

  it('OpenPrinterEx: unique name, NULL datatype, empty DEVMODE_CONTAINER, access, SPLCLIENT_INFO_1', async () => {
    const { rprn, requests } = await client(() => new Bytes().raw(HANDLE).u32(0).build());
    const h = await rprn.openPrinterEx('\\\\NTPRINT\\HpColor', 8, {
      size: 28,
      machineName: '\\\\MYCLIENT',
      userName: 'alice',
      buildNum: 26100,
      majorVersion: 10,
      minorVersion: 0,
      processorArchitecture: 9,
    });
    expect(h).toEqual(HANDLE);
    const expected = new Bytes()
      .u32(0x00020000) // pPrinterName referent
      .ndrString('\\\\NTPRINT\\HpColor')
      .pad(4)
      .u32(0) // pDatatype NULL
      .u32(0)
      .u32(0) // DEVMODE_CONTAINER { cbBuf 0, pDevMode NULL }
      .u32(8) // AccessRequired PRINTER_ACCESS_USE
      .u32(1)
      .u32(1)
      .u32(0x00020004) // Level, union tag, -> SPLCLIENT_INFO_1
      .u32(28)
      .u32(0x00020008)
      .u32(0x0002000c) // dwSize, pMachineName, pUserName
      .u32(26100)
      .u32(10)
      .u32(0)
      .u16(9) // build, major, minor, wProcessorArchitecture
      .ndrString('\\\\MYCLIENT')
      .ndrString('alice')
      .build();
    expect(requests).toEqual([{ opnum: 69, stub: expected }]);
  });

  it('EnumPrinterDataEx request: handle, [string] pKeyName, cbEnumValues', async () => {
    const { rprn, requests } = await client(() =>
      new Bytes().u32(0).u32(0).u32(0).u32(Win32ErrorCode.ERROR_FILE_NOT_FOUND).build(),
    );
    await expect(rprn.enumPrinterDataEx(HANDLE, 'CopyFiles\\ICM')).rejects.toBeInstanceOf(Win32Error);
    const expected = new Bytes().raw(HANDLE).ndrString('CopyFiles\\ICM').pad(4).u32(0).build();
    expect(requests).toEqual([{ opnum: 79, stub: expected }]);
  });

  it('a response with bytes after the status is refused', async () => {
    const { rprn } = await client(() => new Bytes().u32(0).u32(0).u32(0).u32(0).build());
    await expect(rprn.getPrinter(HANDLE, 2)).rejects.toThrow(/bytes after the status/);
  });

  it('another interface numbering the same messages: its opnums go on the wire', async () => {
    const opnums = new OpnumTable<AnyNdrMessage>([
      [0, RPRN_MESSAGES.RpcOpenPrinterEx],
      [20, RPRN_MESSAGES.RpcClosePrinter],
    ]);
    const { rprn, requests } = await client(
      ({ opnum }) =>
        new Bytes()
          .raw(opnum === 0 ? HANDLE : Buffer.alloc(20))
          .u32(0)
          .build(),
      {
        opnums,
      },
    );
    await rprn.closePrinter(await rprn.openPrinterEx(undefined, 8));
    expect(requests.map((r) => r.opnum)).toEqual([0, 20]);
    await expect(rprn.enumPrinters(2, undefined, 1)).rejects.toThrow(/RpcEnumPrinters has no opnum/);
  });
});
