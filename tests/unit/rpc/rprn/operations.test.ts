/**
 * MS-RPRN operations through createRprnInterface over the real PrintServer (built in memory by
 * tests/unit/spooler/test-print-server.ts): request stubs are built by hand with the test byte
 * builder, responses read field by field.
 */
import { MalformedPacketError, RpcFaultError } from '../../../../lib/common/errors';
import { createSilentLogger } from '../../../../lib/common/logger';
import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { FaultStatus } from '../../../../lib/rpc/constants';
import { BufferReader } from '../../../../lib/common/binary/buffer-reader';
import { RPRN_MESSAGES, RPRN_OPNUMS } from '../../../../lib/rpc/rprn/messages';
import { RPRN_OPERATIONS, rprnOperationFor } from '../../../../lib/rpc/rprn/operations';
import { RprnOpnum } from '../../../../lib/rpc/rprn/opnums';
import { createRprnInterface } from '../../../../lib/rpc/rprn/rprn-interface';
import { unpackFlat } from '../../../../lib/rpc/rprn/structures/flat-buffer';
import { DRIVER_INFO_LAYOUTS, PRINTER_INFO_LAYOUTS } from '../../../../lib/rpc/rprn/structures/info-layouts';
import { decodePrinterEnumValues } from '../../../../lib/rpc/rprn/structures/printer-enum-values';
import { AccessMask } from '../../../../lib/spoolss/constants';
import type { CallerContext } from '../../../../lib/spoolss/types';
import type { AuthenticatedUser } from '../../../../lib/common/identity';
import { ADMIN, ALICE, createTestServer } from '../../../helpers/test-print-server';
import type { TestServer } from '../../../helpers/test-print-server';
import { Bytes } from '../../../helpers/hex';

type RprnIface = ReturnType<typeof createRprnInterface>;
/** Who calls each interface of these tests (the identity a connection would pass with each call). */
const callers = new Map<RprnIface, AuthenticatedUser>();
function rprn(caller: CallerContext, options: Parameters<typeof createRprnInterface>[0]): RprnIface {
  const iface = createRprnInterface(options);
  callers.set(iface, { ...caller, domain: 'NTPRINT', isGuest: false, isAnonymous: false });
  return iface;
}
const call = (iface: RprnIface, opnum: number, stub: Buffer): Promise<Buffer> =>
  iface.call(opnum, stub, {
    callId: 1,
    opnum,
    contextId: 0,
    caller: callers.get(iface),
    authLevel: 1,
    transport: 'ncacn_np',
  });

/** RpcOpenPrinterEx request: name, NULL datatype, empty DEVMODE_CONTAINER, access, SPLCLIENT_INFO_1. */
function openPrinterExStub(name: string, access: number): Buffer {
  return new Bytes()
    .u32(0x20000)
    .ndrString(name)
    .pad(4)
    .u32(0) // pDatatype NULL
    .u32(0)
    .u32(0) // DEVMODE_CONTAINER { 0, NULL }
    .u32(access)
    .u32(1)
    .u32(1)
    .u32(0x20004) // SPLCLIENT_CONTAINER level 1, tag 1, referent
    .u32(28)
    .u32(0x20008)
    .u32(0x2000c)
    .u32(19045)
    .u32(3)
    .u32(0)
    .u16(9) // SPLCLIENT_INFO_1
    .ndrString('PPCLIENT')
    .ndrString('alice')
    .build();
}

const handleStub = (h: Buffer, ...rest: ((b: Bytes) => Bytes)[]): Buffer =>
  rest.reduce((b, f) => f(b), new Bytes().raw(h)).build();

describe('the operation table', () => {
  it('every message has its operation, which decodes with that very message', () => {
    expect(Object.keys(RPRN_OPERATIONS).sort()).toEqual(Object.keys(RPRN_MESSAGES).sort());
    for (const message of Object.values(RPRN_MESSAGES)) expect(rprnOperationFor(message)?.message).toBe(message);
    // A look-alike of the same name is not the message.
    expect(rprnOperationFor({ ...RPRN_MESSAGES.RpcOpenPrinterEx })).toBeUndefined();
    // Every opnum of \pipe\spoolss reaches an operation.
    for (const opnum of Object.values(RprnOpnum)) expect(rprnOperationFor(RPRN_OPNUMS.message(opnum)!)).toBeDefined();
  });
});

describe('MS-RPRN operations over the PrintServer', () => {
  let t: TestServer;
  let iface: ReturnType<typeof createRprnInterface>;

  const open = async (
    name = '\\\\NTPRINT\\HpColor',
    access: number = AccessMask.PRINTER_ACCESS_USE,
  ): Promise<Buffer> => {
    const out = await call(iface, RprnOpnum.RpcOpenPrinterEx, openPrinterExStub(name, access));
    expect(out.length).toBe(24);
    expect(out.readUInt32LE(20)).toBe(0);
    return out.subarray(0, 20);
  };

  beforeEach(async () => {
    t = await createTestServer();
    iface = rprn(ALICE, {
      provider: t.server,
      serverName: 'NTPRINT',
      logger: createSilentLogger(),
      maxHandles: 8,
    });
  });

  it('OpenPrinterEx gives a fresh 20-byte handle; ClosePrinter zeroes it; the closed handle faults', async () => {
    const h = await open();
    expect(h.readUInt32LE(0)).toBe(0);
    expect(h.equals(Buffer.alloc(20))).toBe(false);
    const closed = await call(iface, RprnOpnum.RpcClosePrinter, h);
    expect(closed).toEqual(Buffer.alloc(24));
    await expect(call(iface, RprnOpnum.RpcClosePrinter, h)).rejects.toMatchObject({
      status: FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH,
    });
  });

  it('OpenPrinterEx of an unknown printer: NULL handle and ERROR_INVALID_PRINTER_NAME', async () => {
    const out = await call(iface, RprnOpnum.RpcOpenPrinterEx, openPrinterExStub('\\\\NTPRINT\\Nope', 8));
    expect(out.subarray(0, 20)).toEqual(Buffer.alloc(20));
    expect(out.readUInt32LE(20)).toBe(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME);
  });

  it('a forged handle faults with nca_s_fault_context_mismatch', async () => {
    const forged = Buffer.alloc(20, 0x41);
    const stub = handleStub(forged, (b) => b.ndrString('').pad(4).u32(0));
    await expect(call(iface, RprnOpnum.RpcEnumPrinterKey, stub)).rejects.toBeInstanceOf(RpcFaultError);
  });

  it("a handle answers only to its opener's account, on any connection of the group", async () => {
    const h = await open();
    const as = (user: AuthenticatedUser | undefined) => (opnum: number, stub: Buffer) =>
      iface.call(opnum, stub, { callId: 2, opnum, contextId: 0, caller: user, authLevel: 1, transport: 'ncacn_np' });
    const alice = callers.get(iface)!;
    const keyStub = handleStub(h, (b) => b.ndrString('').pad(4).u32(0));
    // Another account that joined the association group: the handle is not its to use or close.
    const admin = { ...ADMIN, domain: 'NTPRINT', isGuest: false, isAnonymous: false };
    await expect(as(admin)(RprnOpnum.RpcEnumPrinterKey, keyStub)).rejects.toMatchObject({
      status: FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH,
    });
    await expect(as(admin)(RprnOpnum.RpcClosePrinter, h)).rejects.toMatchObject({
      status: FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH,
    });
    expect(await call(iface, RprnOpnum.RpcClosePrinter, h)).toEqual(Buffer.alloc(24));
    // Nor is a handle the anonymous caller's (a TCP client without RPC authentication).
    const h2 = await open();
    await expect(as(undefined)(RprnOpnum.RpcClosePrinter, h2)).rejects.toMatchObject({
      status: FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH,
    });
    // The same account on another connection of the group (names compare without case) closes it.
    const again = as({ ...alice, userName: alice.userName.toUpperCase() });
    expect(await again(RprnOpnum.RpcClosePrinter, h2)).toEqual(Buffer.alloc(24));
  });

  it('EnumPrinterKey: the size probe, then the MULTI_SZ laid out as Samba shows it', async () => {
    const h = await open();
    const probe = await call(
      iface,
      RprnOpnum.RpcEnumPrinterKey,
      handleStub(h, (b) => b.ndrString('CopyFiles').pad(4).u32(0)),
    );
    expect(probe).toEqual(new Bytes().u32(0).u32(10).u32(Win32ErrorCode.ERROR_MORE_DATA).build());
    const out = await call(
      iface,
      RprnOpnum.RpcEnumPrinterKey,
      handleStub(h, (b) => b.ndrString('CopyFiles').pad(4).u32(10)),
    );
    expect(out).toEqual(new Bytes().u32(5).utf16z('ICM').u16(0).pad(4).u32(10).u32(0).build());
    const unknown = await call(
      iface,
      RprnOpnum.RpcEnumPrinterKey,
      handleStub(h, (b) => b.ndrString('Nope').pad(4).u32(100)),
    );
    expect(unknown.readUInt32LE(unknown.length - 4)).toBe(Win32ErrorCode.ERROR_FILE_NOT_FOUND);
  });

  it('EnumPrinterDataEx on CopyFiles\\ICM returns the values plus SourceDir and TargetDir', async () => {
    const h = await open();
    const key = (b: Bytes): Bytes => b.ndrString('CopyFiles\\ICM').pad(4);
    const probe = await call(
      iface,
      RprnOpnum.RpcEnumPrinterDataEx,
      handleStub(h, (b) => key(b).u32(0)),
    );
    const pr = new BufferReader(probe);
    expect(pr.u32()).toBe(0);
    const needed = pr.u32();
    expect(pr.u32()).toBe(5);
    expect(pr.u32()).toBe(Win32ErrorCode.ERROR_MORE_DATA);
    const out = await call(
      iface,
      RprnOpnum.RpcEnumPrinterDataEx,
      handleStub(h, (b) => key(b).u32(needed)),
    );
    const r = new BufferReader(out);
    expect(r.u32()).toBe(needed);
    const buf = r.bytes(needed);
    r.align(4);
    expect([r.u32(), r.u32(), r.u32()]).toEqual([needed, 5, 0]);
    const values = decodePrinterEnumValues(buf, 5);
    expect(values.map((v) => [v.name, v.value])).toEqual([
      ['Directory', 'Color'],
      ['Files', ['Hpclrlsr.icm']],
      ['Module', 'mscms.dll'],
      ['SourceDir', '\\\\NTPRINT\\PRINT$\\Color'],
      ['TargetDir', 'Color'],
    ]);
    const empty = await call(
      iface,
      RprnOpnum.RpcEnumPrinterDataEx,
      handleStub(h, (b) => b.ndrString('').pad(4).u32(0)),
    );
    expect(empty.readUInt32LE(empty.length - 4)).toBe(Win32ErrorCode.ERROR_INVALID_PARAMETER);
  });

  it('GetPrinterDataEx: ERROR_MORE_DATA with type and size, then the data', async () => {
    const h = await open();
    const req = (n: number): Buffer =>
      handleStub(h, (b) => b.ndrString('CopyFiles\\ICM').ndrString('Directory').pad(4).u32(n));
    expect(await call(iface, RprnOpnum.RpcGetPrinterDataEx, req(0))).toEqual(
      new Bytes().u32(1).u32(0).u32(12).u32(Win32ErrorCode.ERROR_MORE_DATA).build(),
    );
    expect(await call(iface, RprnOpnum.RpcGetPrinterDataEx, req(12))).toEqual(
      new Bytes().u32(1).u32(12).utf16z('Color').u32(12).u32(0).build(),
    );
    const missing = await call(
      iface,
      RprnOpnum.RpcGetPrinterDataEx,
      handleStub(h, (b) => b.ndrString('CopyFiles\\ICM').ndrString('Nope').pad(4).u32(4)),
    );
    expect(missing.readUInt32LE(missing.length - 4)).toBe(Win32ErrorCode.ERROR_FILE_NOT_FOUND);
  });

  it('GetPrinter level 2: the two-call pattern', async () => {
    const h = await open();
    const probe = await call(
      iface,
      RprnOpnum.RpcGetPrinter,
      handleStub(h, (b) => b.u32(2).u32(0).u32(0)),
    );
    const needed = probe.readUInt32LE(4);
    expect(probe).toEqual(new Bytes().u32(0).u32(needed).u32(Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER).build());
    const out = await call(
      iface,
      RprnOpnum.RpcGetPrinter,
      handleStub(h, (b) => b.u32(2).u32(0x20000).u32(needed).raw(Buffer.alloc(needed)).pad(4).u32(needed)),
    );
    const r = new BufferReader(out);
    expect(r.u32()).not.toBe(0);
    expect(r.u32()).toBe(needed);
    const buf = r.bytes(needed);
    r.align(4);
    expect([r.u32(), r.u32()]).toEqual([needed, 0]);
    const [info] = unpackFlat(PRINTER_INFO_LAYOUTS[2]!, buf, 1);
    expect(info).toMatchObject({
      pServerName: '\\\\NTPRINT',
      pPrinterName: '\\\\NTPRINT\\HpColor',
      pShareName: 'HpColor',
    });
    const small = await call(
      iface,
      RprnOpnum.RpcGetPrinter,
      handleStub(h, (b) => b.u32(2).u32(0x20000).u32(8).raw(Buffer.alloc(8)).u32(8)),
    );
    expect(small).toEqual(
      new Bytes()
        .u32(0x20000)
        .u32(8)
        .raw(Buffer.alloc(8))
        .u32(needed)
        .u32(Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER)
        .build(),
    );
    const badLevel = await call(
      iface,
      RprnOpnum.RpcGetPrinter,
      handleStub(h, (b) => b.u32(10).u32(0).u32(0)),
    );
    expect(badLevel.readUInt32LE(badLevel.length - 4)).toBe(Win32ErrorCode.ERROR_INVALID_LEVEL);
  });

  it('GetPrinterDriver2 level 3 for Windows x64', async () => {
    const h = await open();
    const req = (cb: number): Buffer =>
      handleStub(h, (b) => {
        b.u32(0x20000).ndrString('Windows x64').pad(4).u32(3);
        if (cb === 0) b.u32(0);
        else b.u32(0x20004).u32(cb).raw(Buffer.alloc(cb)).pad(4);
        return b.u32(cb).u32(3).u32(0);
      });
    const probe = await call(iface, RprnOpnum.RpcGetPrinterDriver2, req(0));
    const needed = probe.readUInt32LE(4);
    expect(probe.readUInt32LE(probe.length - 4)).toBe(Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER);
    const out = await call(iface, RprnOpnum.RpcGetPrinterDriver2, req(needed));
    const r = new BufferReader(out);
    r.u32();
    expect(r.u32()).toBe(needed);
    const buf = r.bytes(needed);
    r.align(4);
    expect(r.u32()).toBe(needed);
    r.u32();
    r.u32();
    expect(r.u32()).toBe(0);
    const [d] = unpackFlat(DRIVER_INFO_LAYOUTS[3]!, buf, 1);
    expect(d).toMatchObject({ cVersion: 3, pEnvironment: 'Windows x64' });
    expect((d!.pDriverPath as string).toLowerCase()).toBe('\\\\ntprint\\print$\\x64\\3\\unidrv.dll');
  });

  it('EnumPrinters level 1 and GetPrinterDriverDirectory need no handle', async () => {
    const probe = await call(iface, RprnOpnum.RpcEnumPrinters, new Bytes().u32(2).u32(0).u32(1).u32(0).u32(0).build());
    const needed = probe.readUInt32LE(4);
    expect(probe.readUInt32LE(8)).toBe(0);
    expect(probe.readUInt32LE(12)).toBe(Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER);
    const out = await call(
      iface,
      RprnOpnum.RpcEnumPrinters,
      new Bytes().u32(2).u32(0).u32(1).u32(0x20000).u32(needed).raw(Buffer.alloc(needed)).pad(4).u32(needed).build(),
    );
    const returned = out.readUInt32LE(out.length - 8);
    expect(returned).toBe(2);
    const dir = await call(
      iface,
      RprnOpnum.RpcGetPrinterDriverDirectory,
      new Bytes()
        .u32(0x20000)
        .ndrString('\\\\NTPRINT')
        .pad(4)
        .u32(0x20004)
        .ndrString('Windows x64')
        .pad(4)
        .u32(1)
        .u32(0x20008)
        .u32(64)
        .raw(Buffer.alloc(64))
        .u32(64)
        .build(),
    );
    const r = new BufferReader(dir);
    r.u32();
    r.u32();
    expect(r.utf16z()).toBe('\\\\NTPRINT\\print$\\x64');
  });

  it('SetPrinterDataEx: refused to a user, stored for an administrator', async () => {
    const stub = (h: Buffer): Buffer =>
      handleStub(h, (b) => b.ndrString('PrinterDriverData').ndrString('X').pad(4).u32(4).u32(4).u32(7).u32(4));
    const h = await open();
    expect(await call(iface, RprnOpnum.RpcSetPrinterDataEx, stub(h))).toEqual(
      new Bytes().u32(Win32ErrorCode.ERROR_ACCESS_DENIED).build(),
    );
    const admin = rprn(ADMIN, {
      provider: t.server,
      serverName: 'NTPRINT',
      logger: createSilentLogger(),
    });
    const out = await call(
      admin,
      RprnOpnum.RpcOpenPrinterEx,
      openPrinterExStub('\\\\NTPRINT\\HpColor', AccessMask.PRINTER_ALL_ACCESS),
    );
    expect(out.readUInt32LE(20)).toBe(0);
    expect(await call(admin, RprnOpnum.RpcSetPrinterDataEx, stub(out.subarray(0, 20)))).toEqual(
      new Bytes().u32(0).build(),
    );
    // A REG_DWORD of 3 bytes does not fit its type.
    const bad = handleStub(out.subarray(0, 20), (b) =>
      b.ndrString('PrinterDriverData').ndrString('Y').pad(4).u32(4).u32(3).raw([1, 2, 3]).pad(4).u32(3),
    );
    expect(await call(admin, RprnOpnum.RpcSetPrinterDataEx, bad)).toEqual(
      new Bytes().u32(Win32ErrorCode.ERROR_INVALID_PARAMETER).build(),
    );
  });

  it('caps the handles of one pipe and frees them on close', async () => {
    const handles: Buffer[] = [];
    for (let i = 0; i < 8; i++) handles.push(await open());
    const refused = await call(iface, RprnOpnum.RpcOpenPrinterEx, openPrinterExStub('\\\\NTPRINT\\HpColor', 8));
    expect(refused.readUInt32LE(20)).toBe(Win32ErrorCode.ERROR_NOT_ENOUGH_MEMORY);
    await call(iface, RprnOpnum.RpcClosePrinter, handles[0]!);
    await open();
    expect(iface.handles.size).toBe(8);
    await iface.close();
    expect(iface.handles.size).toBe(0);
  });

  it('thousands of opens on one pipe: the default cap (1024) holds, then ERROR_NOT_ENOUGH_MEMORY', async () => {
    const wide = rprn(ALICE, {
      provider: t.server,
      serverName: 'NTPRINT',
      logger: createSilentLogger(),
    });
    const statuses = new Map<number, number>();
    for (let i = 0; i < 2000; i++) {
      const out = await call(wide, RprnOpnum.RpcOpenPrinterEx, openPrinterExStub('\\\\NTPRINT\\HpColor', 8));
      const status = out.readUInt32LE(20);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 0: 1024, [Win32ErrorCode.ERROR_NOT_ENOUGH_MEMORY]: 976 });
    await wide.close();
    expect(wide.handles.size).toBe(0);
  });

  it('faults an unknown opnum with nca_s_op_rng_error', async () => {
    await expect(call(iface, 103, Buffer.alloc(0))).rejects.toMatchObject({ status: FaultStatus.NCA_S_OP_RNG_ERROR });
  });

  it('refuses change notifications with RPC_S_SERVER_UNAVAILABLE, never calling out', async () => {
    const h = await open();
    const out = await call(
      iface,
      RprnOpnum.RpcRemoteFindFirstPrinterChangeNotificationEx,
      handleStub(h, (b) => b.u32(0x100).u32(0).u32(0x20000).ndrString('\\\\10.0.0.66').pad(4).u32(0).u32(0)),
    );
    expect(out).toEqual(new Bytes().u32(Win32ErrorCode.RPC_S_SERVER_UNAVAILABLE).build());
  });

  describe('bad input never escapes as anything but a fault', () => {
    const valid: [string, number, () => Promise<Buffer>][] = [
      [
        'OpenPrinterEx',
        RprnOpnum.RpcOpenPrinterEx,
        () => Promise.resolve(openPrinterExStub('\\\\NTPRINT\\HpColor', 8)),
      ],
      [
        'EnumPrinterDataEx',
        RprnOpnum.RpcEnumPrinterDataEx,
        async () => handleStub(await open(), (b) => b.ndrString('CopyFiles\\ICM').pad(4).u32(100)),
      ],
      [
        'GetPrinter',
        RprnOpnum.RpcGetPrinter,
        async () => handleStub(await open(), (b) => b.u32(2).u32(0x20000).u32(16).raw(Buffer.alloc(16)).u32(16)),
      ],
      [
        'EnumPrinters',
        RprnOpnum.RpcEnumPrinters,
        () =>
          Promise.resolve(new Bytes().u32(2).u32(0x20000).ndrString('\\\\NTPRINT').pad(4).u32(2).u32(0).u32(0).build()),
      ],
    ];
    it.each(valid)('%s truncated at every length', async (_name, opnum, build) => {
      const stub = await build();
      for (let n = 0; n < stub.length; n++) {
        const outcome = await call(iface, opnum, stub.subarray(0, n)).then(
          () => 'ok',
          (err: unknown) => (err instanceof MalformedPacketError || err instanceof RpcFaultError ? 'fault' : err),
        );
        expect([n, outcome === 'ok' || outcome === 'fault' ? 'handled' : outcome]).toEqual([n, 'handled']);
      }
    });

    it('a conformance count larger than the stub', async () => {
      const stub = new Bytes().u32(2).u32(0).u32(2).u32(0x20000).u32(0x7fffffff).raw(Buffer.alloc(8)).build();
      await expect(call(iface, RprnOpnum.RpcEnumPrinters, stub)).rejects.toBeInstanceOf(MalformedPacketError);
    });

    it('a buffer whose max_count disagrees with cbBuf', async () => {
      const stub = new Bytes().u32(2).u32(0).u32(2).u32(0x20000).u32(8).raw(Buffer.alloc(8)).u32(4096).build();
      await expect(call(iface, RprnOpnum.RpcEnumPrinters, stub)).rejects.toMatchObject({
        status: FaultStatus.NCA_S_FAULT_NDR,
      });
    });

    it('an out buffer too large to allocate', async () => {
      const h = await open();
      await expect(
        call(
          iface,
          RprnOpnum.RpcEnumPrinterKey,
          handleStub(h, (b) => b.ndrString('').pad(4).u32(0xffffffff)),
        ),
      ).rejects.toMatchObject({
        status: FaultStatus.NCA_S_FAULT_REMOTE_NO_MEMORY,
      });
    });

    it('a SPLCLIENT_CONTAINER union tag that disagrees with its level', async () => {
      const stub = openPrinterExStub('\\\\NTPRINT\\HpColor', 8);
      const at = stub.indexOf(Buffer.from([1, 0, 0, 0, 1, 0, 0, 0, 4, 0, 2, 0]));
      stub.writeUInt32LE(3, at + 4);
      await expect(call(iface, RprnOpnum.RpcOpenPrinterEx, stub)).rejects.toBeInstanceOf(MalformedPacketError);
    });
  });
});
