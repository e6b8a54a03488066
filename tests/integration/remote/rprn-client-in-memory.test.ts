/**
 * The MS-RPRN client against the real NTPRINT print server through the real DCE/RPC pipe
 * endpoint, in process: every byte goes through our client stubs, the server's operation files
 * and back.
 */
import { RpcFaultError, Win32Error } from '../../../lib/common/errors';
import { Win32ErrorCode } from '../../../lib/common/status/win32-error';
import { FaultStatus, MIN_FRAG, MSRPC_UUID_RPRN } from '../../../lib/rpc/constants';
import { RpcClient, type RpcClientOptions, type RpcPipeTransport } from '../../../lib/rpc/client/rpc-client';
import { RprnClient } from '../../../lib/rpc/rprn/client/rprn-client';
import { RprnOpnum } from '../../../lib/rpc/rprn/opnums';
import { RegType } from '../../../lib/common/reg-value';
import { AccessMask, PrinterEnum } from '../../../lib/spoolss/constants';
import {
  countingTransport,
  spoolssTransport,
  startInMemorySpooler,
  type InMemorySpooler,
} from '../../helpers/in-memory-spooler';

const RPRN = { uuid: MSRPC_UUID_RPRN.uuid, version: 1 };
const CLIENT_INFO = {
  size: 28,
  machineName: '\\\\MYCLIENT',
  userName: 'alice',
  buildNum: 26100,
  majorVersion: 10,
  minorVersion: 0,
  processorArchitecture: 9,
};

describe('RprnClient over \\pipe\\spoolss (in process, real NTPRINT server)', () => {
  let spooler: InMemorySpooler;
  let transport: ReturnType<typeof countingTransport>;
  let rpc: RpcClient;
  let rprn: RprnClient;

  const connect = async (
    t: RpcPipeTransport,
    options: RpcClientOptions = {},
  ): Promise<{ rpc: RpcClient; rprn: RprnClient }> => {
    const c = await RpcClient.bind(t, RPRN, options);
    return { rpc: c, rprn: new RprnClient(c, { serverName: 'NTPRINT' }) };
  };

  beforeAll(async () => {
    spooler = await startInMemorySpooler();
  });
  afterAll(async () => {
    await spooler.close();
  });
  beforeEach(async () => {
    transport = countingTransport(spoolssTransport(spooler));
    ({ rpc, rprn } = await connect(transport));
  });
  afterEach(async () => {
    await rpc.close();
  });

  const openHpColor = (): ReturnType<RprnClient['openPrinterEx']> =>
    rprn.openPrinterEx('\\\\NTPRINT\\HpColor', AccessMask.PRINTER_ACCESS_USE, CLIENT_INFO);

  it('binds MS-RPRN and opens \\\\NTPRINT\\HpColor with SPLCLIENT_INFO_1', async () => {
    expect(rpc.maxXmitFrag).toBe(4280);
    const h = await openHpColor();
    expect(h.length).toBe(20);
    expect(h.equals(Buffer.alloc(20))).toBe(false);
    const printer = await rprn.getPrinter(h, 2);
    expect(printer).toMatchObject({
      serverName: 'NTPRINT',
      printerName: 'HpColor',
      shareName: 'HpColor',
      driverName: 'HP Color LaserJet 4500 PCL',
      location: 'Building A, floor 2, copy room',
      portNames: ['IP_10.0.0.15'],
    });
    await rprn.closePrinter(h);
    expect(spooler.server.openHandleCount).toBe(0);
  });

  it('maps a non-zero WERROR to Win32Error', async () => {
    await expect(rprn.openPrinterEx('\\\\NTPRINT\\NoSuchPrinter', AccessMask.PRINTER_ACCESS_USE)).rejects.toMatchObject(
      {
        win32: Win32ErrorCode.ERROR_INVALID_PRINTER_NAME,
      },
    );
    const h = await openHpColor();
    const err: unknown = await rprn.getPrinterDataEx(h, 'CopyFiles\\ICM', 'NoSuchValue').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Win32Error);
    expect((err as Win32Error).win32).toBe(Win32ErrorCode.ERROR_FILE_NOT_FOUND);
    await rprn.closePrinter(h);
  });

  it('maps fault PDUs to RpcFaultError: unknown opnum, closed handle', async () => {
    await expect(rpc.call(250, Buffer.alloc(0))).rejects.toMatchObject({ status: FaultStatus.NCA_S_OP_RNG_ERROR });
    const h = await openHpColor();
    await rprn.closePrinter(h);
    const err: unknown = await rprn.getPrinter(h, 2).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcFaultError);
    expect((err as RpcFaultError).status).toBe(FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH);
    // The pipe is still usable after a fault.
    await rprn.closePrinter(await openHpColor());
  });

  it('GetPrinterDriver2 level 3 and 8: paths under \\\\NTPRINT\\print$, files relative to PRINT$', async () => {
    const h = await openHpColor();
    for (const level of [3, 8]) {
      const { driver } = await rprn.getPrinterDriver2(h, 'Windows x64', level, 3, 0);
      expect(driver.name).toBe('HP Color LaserJet 4500 PCL');
      expect(driver.environment).toBe('Windows x64');
      expect(driver.version).toBe(3);
      expect(driver.driverPath).toMatch(/^\\\\NTPRINT\\print\$\\x64\\3\\UNIDRV\.DLL$/i);
      expect(driver.files.map((f) => f.path.toUpperCase())).toEqual(
        ['UNIDRV.DLL', 'UNIDRVUI.DLL', 'HPC4500.GPD', 'UNIDRV.HLP', 'UNIRES.DLL', 'STDNAMES.GPD', 'STDDTYPE.GDL'].map(
          (f) => `X64\\3\\${f}`,
        ),
      );
      expect(driver.files.map((f) => f.fileType)).toEqual([0, 1, 2, 3, 4, 4, 4]);
      if (level === 8) {
        expect(driver.mfgName).toBe('HP');
        expect(driver.printProcessor).toBe('winprint');
      } else {
        expect(driver.mfgName).toBe('');
      }
    }
    // The same as the in-process provider answers, field for field where level 8 carries them.
    const local = await spooler.server.getPrinterDriver(
      await spooler.server.openPrinter(
        '\\\\NTPRINT\\HpColor',
        { desiredAccess: AccessMask.PRINTER_ACCESS_USE },
        { userName: 'alice', groups: ['Users'], isAdministrator: false, remote: true },
      ),
      'Windows x64',
      3,
    );
    const remote = await rprn.getPrinterDriver2(h, 'Windows x64', 8, 3, 0);
    expect(remote.driver).toEqual(local.driver);
    await rprn.closePrinter(h);
  });

  it('EnumPrinterKey "" and "CopyFiles" with the ERROR_MORE_DATA probe', async () => {
    const h = await openHpColor();
    const before = transport.writes.length;
    expect(await rprn.enumPrinterKey(h, '')).toEqual(['PrinterDriverData', 'DsSpooler', 'CopyFiles']);
    // Probe (cbSubkey 0) then the real call.
    expect(transport.writes.length - before).toBe(2);
    expect(await rprn.enumPrinterKey(h, 'CopyFiles')).toEqual(['ICM']);
    expect(await rprn.enumPrinterKey(h, 'CopyFiles\\ICM')).toEqual([]);
    await expect(rprn.enumPrinterKey(h, 'NoSuchKey')).rejects.toMatchObject({
      win32: Win32ErrorCode.ERROR_FILE_NOT_FOUND,
    });
    await rprn.closePrinter(h);
  });

  it('EnumPrinterDataEx "CopyFiles\\ICM" returns the stored values and SourceDir/TargetDir', async () => {
    const h = await openHpColor();
    const before = transport.writes.length;
    const values = await rprn.enumPrinterDataEx(h, 'CopyFiles\\ICM');
    expect(transport.writes.length - before).toBe(2);
    expect(values).toEqual([
      { name: 'Directory', type: RegType.REG_SZ, value: 'Color' },
      { name: 'Files', type: RegType.REG_MULTI_SZ, value: ['Hpclrlsr.icm'] },
      { name: 'Module', type: RegType.REG_SZ, value: 'mscms.dll' },
      { name: 'SourceDir', type: RegType.REG_SZ, value: '\\\\NTPRINT\\PRINT$\\Color' },
      { name: 'TargetDir', type: RegType.REG_SZ, value: 'Color' },
    ]);
    await expect(rprn.enumPrinterDataEx(h, '')).rejects.toMatchObject({
      win32: Win32ErrorCode.ERROR_INVALID_PARAMETER,
    });
    await rprn.closePrinter(h);
  });

  it('SourceDir carries the server name the client used', async () => {
    const t = spoolssTransport(spooler, undefined, '127.0.0.1');
    const c = await connect(t);
    const h = await c.rprn.openPrinterEx('\\\\127.0.0.1\\HpColor', AccessMask.PRINTER_ACCESS_USE, CLIENT_INFO);
    const values = await c.rprn.enumPrinterDataEx(h, 'CopyFiles\\ICM');
    expect(values.find((v) => v.name === 'SourceDir')?.value).toBe('\\\\127.0.0.1\\PRINT$\\Color');
    await c.rprn.closePrinter(h);
    await c.rpc.close();
  });

  it('GetPrinterDataEx, EnumPrinters and GetPrinterDriverDirectory with their probes', async () => {
    const h = await openHpColor();
    expect(await rprn.getPrinterDataEx(h, 'CopyFiles\\ICM', 'Files')).toEqual({
      name: 'Files',
      type: RegType.REG_MULTI_SZ,
      value: ['Hpclrlsr.icm'],
    });
    expect(await rprn.getPrinterDataEx(h, 'PrinterDriverData', 'FreeMem')).toEqual({
      name: 'FreeMem',
      type: RegType.REG_DWORD,
      value: 8192,
    });
    await rprn.closePrinter(h);
    const before = transport.writes.length;
    const printers = await rprn.enumPrinters(PrinterEnum.PRINTER_ENUM_LOCAL, undefined, 2);
    expect(transport.writes.length - before).toBe(2);
    expect(printers.map((p) => p.printerName)).toContain('HpColor');
    expect(printers.map((p) => p.printerName)).toContain('Marketing');
    const level1 = await rprn.enumPrinters(PrinterEnum.PRINTER_ENUM_LOCAL, undefined, 1);
    expect(level1.find((p) => p.printerName === 'HpColor')?.description).toMatch(/HpColor/);
    expect(await rprn.getPrinterDriverDirectory('\\\\NTPRINT', 'Windows x64')).toMatch(/^\\\\NTPRINT\\print\$\\x64$/i);
  });

  it('works at the smallest fragment size, and when every read returns a few bytes', async () => {
    const reference = await (async () => {
      const h = await openHpColor();
      const out = {
        driver: (await rprn.getPrinterDriver2(h, 'Windows x64', 8, 3, 0)).driver,
        data: await rprn.enumPrinterDataEx(h, 'DsSpooler'),
        printers: await rprn.enumPrinters(PrinterEnum.PRINTER_ENUM_LOCAL, undefined, 2),
      };
      await rprn.closePrinter(h);
      return out;
    })();
    for (const readSize of [undefined, 7, 100]) {
      const t = countingTransport(spoolssTransport(spooler), readSize);
      const c = await connect(t, { maxXmitFrag: MIN_FRAG, maxRecvFrag: MIN_FRAG });
      expect(c.rpc.maxRecvFrag).toBe(MIN_FRAG);
      const h = await c.rprn.openPrinterEx('\\\\NTPRINT\\HpColor', AccessMask.PRINTER_ACCESS_USE, CLIENT_INFO);
      const driver = (await c.rprn.getPrinterDriver2(h, 'Windows x64', 8, 3, 0)).driver;
      const data = await c.rprn.enumPrinterDataEx(h, 'DsSpooler');
      const printers = await c.rprn.enumPrinters(PrinterEnum.PRINTER_ENUM_LOCAL, undefined, 2);
      expect({ driver, data, printers }).toEqual(reference);
      // A long request stub (a 5000-character value name: 10 KB) goes out in 8 fragments, answered at once.
      const writesBefore = t.writes.length;
      await expect(c.rprn.getPrinterDataEx(h, 'PrinterDriverData', 'x'.repeat(5000))).rejects.toMatchObject({
        win32: Win32ErrorCode.ERROR_FILE_NOT_FOUND,
      });
      expect(t.writes.length - writesBefore).toBeGreaterThanOrEqual(8);
      for (const pdu of t.writes) expect(pdu.length).toBeLessThanOrEqual(MIN_FRAG);
      if (readSize !== undefined) expect(t.reads).toBeGreaterThan(10);
      await c.rprn.closePrinter(h);
      await c.rpc.close();
    }
  });

  it('the opnum table and the stub agree: ClosePrinter answers a zeroed handle', async () => {
    const h = await openHpColor();
    const stub = await rpc.call(RprnOpnum.RpcClosePrinter, h);
    expect(stub).toEqual(Buffer.alloc(24));
  });
});
