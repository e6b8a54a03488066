/**
 * AddPrinterConnection with Package Point and Print against the NTPRINT fixture in process: the
 * spooler answers GetCorePrinterDrivers / GetPrinterDriverPackagePath from the drivers store's
 * package CABs (tests/helpers/package-print-server.ts). HpColorPkg has the package-aware driver,
 * HpColor the legacy one.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addPrinterConnection, type AddPrinterConnectionOptions } from '../../../lib/client/add-printer-connection';
import { ClientState } from '../../../lib/client/client-state';
import type { ClientFlowEvent } from '../../../lib/client/flow-events';
import { Win32Error } from '../../../lib/common/errors';
import { DEFAULT_POINT_AND_PRINT_POLICY } from '../../../lib/point-and-print/policy';
import { startPackagePrintServer, type PackagePrintServer } from '../../helpers/package-print-server';
import { DRIVERS_STORE } from '../../helpers/hostile-server';

const CORE_FILES = ['UNIDRV.DLL', 'UNIDRVUI.DLL', 'UNIRES.DLL', 'UNIDRV.HLP', 'STDNAMES.GPD', 'STDDTYPE.GDL'];

describe('Package Point and Print to \\\\NTPRINT\\HpColorPkg', () => {
  let s: PackagePrintServer;
  let clientRoot: string;
  let events: ClientFlowEvent[];

  beforeAll(async () => {
    s = await startPackagePrintServer();
  });
  afterAll(async () => {
    await s.close();
  });
  beforeEach(async () => {
    clientRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-pkg-client-'));
    events = [];
  });
  afterEach(async () => {
    await fs.rm(clientRoot, { recursive: true, force: true });
  });

  const connect = (printer: string, options: Partial<AddPrinterConnectionOptions> = {}) =>
    addPrinterConnection(`\\\\NTPRINT\\${printer}`, {
      clientRoot,
      connector: s.connector,
      credentials: s.credentials,
      onEvent: (e) => events.push(e),
      ...options,
    });
  const drivers = (...p: string[]) => path.join(clientRoot, 'System32', 'spool', 'drivers', ...p);
  const repository = () => path.join(clientRoot, 'System32', 'DriverStore', 'FileRepository');
  const of = <K extends ClientFlowEvent['kind']>(kind: K) =>
    events.filter((e): e is Extract<ClientFlowEvent, { kind: K }> => e.kind === kind);

  it('asks for the core drivers and the package paths, stages both packages and installs the driver from them', async () => {
    const result = await connect('HpColorPkg');
    expect(result.warnings).toEqual([]);
    expect(of('call').map((e) => e.name)).toEqual(
      expect.arrayContaining(['GetPrinterDriver2', 'GetCorePrinterDrivers', 'GetPrinterDriverPackagePath']),
    );
    expect(of('call').filter((e) => e.name === 'GetPrinterDriverPackagePath')).toHaveLength(2);
    expect(of('policy')[1]).toEqual({
      kind: 'policy',
      subject: 'Package Point and Print of "HP Color LaserJet 4500 PCL Package" from \\\\NTPRINT',
      allowed: true,
      reason: 'PackagePointAndPrintServerList not configured: package Point and Print to any server',
    });
    const cabs = of('download').filter((e) => e.what === 'package');
    expect(cabs.map((e) => e.source)).toEqual([
      expect.stringMatching(/^\\\\NTPRINT\\print\$\\x64\\PCC\\ntprint\.inf_amd64_[0-9a-f]{16}\.cab$/),
      expect.stringMatching(/^\\\\NTPRINT\\print\$\\x64\\PCC\\hpcpkg\.inf_amd64_[0-9a-f]{16}\.cab$/),
    ]);
    expect(of('download').filter((e) => e.what === 'driver')).toEqual([]);
    expect(of('package').map((e) => e.stage)).toEqual([
      'core-driver',
      'package-path',
      'verified',
      'staged',
      'package-path',
      'verified',
      'staged',
      ...Array<string>(8).fill('install-file'),
      'installed',
    ]);

    const staged = (await fs.readdir(repository())).sort();
    expect(staged).toEqual([
      expect.stringMatching(/^hpcpkg\.inf_amd64_/),
      expect.stringMatching(/^ntprint\.inf_amd64_/),
    ]);
    // The bytes: the same files as the legacy copy would bring.
    for (const name of [...CORE_FILES, 'HPCPKG.GPD'])
      expect(await fs.readFile(drivers('x64', '3', name))).toEqual(
        await fs.readFile(path.join(DRIVERS_STORE, 'x64', '3', name)),
      );
    expect(await fs.readFile(drivers('color', 'Hpclrlsr.icm'))).toEqual(
      await fs.readFile(path.join(DRIVERS_STORE, 'color', 'Hpclrlsr.icm')),
    );
    // Nothing left over: no staging folder, no downloaded CAB.
    expect(await fs.readdir(path.join(clientRoot, 'System32', 'DriverStore', 'Temp'))).toEqual([]);

    const state = await ClientState.load(clientRoot);
    expect(state.findDriver('HP Color LaserJet 4500 PCL Package', 'Windows x64', 3)?.package).toMatch(
      /^hpcpkg\.inf_amd64_/,
    );
    expect(state.data.packages.map((p) => p.infName).sort()).toEqual(['hpcpkg.inf', 'ntprint.inf']);
    expect(state.data.eventLog.map((e) => e.eventId)).toContain(316);
  });

  it('uses a core driver already in the client driver store instead of fetching it again', async () => {
    await connect('HpColorPkg');
    const state = await ClientState.load(clientRoot);
    state.data.drivers = [];
    await state.save();
    events = [];
    await connect('HpColorPkg');
    expect(of('package').find((e) => e.stage === 'core-driver')?.detail).toMatch(
      /in the client's driver store \(ntprint\.inf_amd64_/,
    );
    expect(of('download').map((e) => e.source)).toEqual([
      expect.stringMatching(/hpcpkg\.inf_amd64_/),
      expect.anything(),
    ]);
  });

  it('with PackagePointAndPrintServerList not naming NTPRINT: refuses the package, says why, falls back', async () => {
    const policy = { ...DEFAULT_POINT_AND_PRINT_POLICY, packagePointAndPrintServerList: ['print2.corp.example'] };
    const result = await connect('HpColorPkg', { policy });
    expect(of('policy')).toContainEqual(
      expect.objectContaining({
        allowed: false,
        reason: 'PackagePointAndPrintServerList 1: NTPRINT is not an approved server (print2.corp.example)',
      }),
    );
    expect(of('package').map((e) => e.stage)).toEqual(['fallback']);
    expect(of('download').filter((e) => e.what === 'driver')).toHaveLength(7);
    expect(await fs.readdir(drivers('x64', '3'))).toContain('HPCPKG.GPD');
    expect(result.connection.driverName).toBe('HP Color LaserJet 4500 PCL Package');
  });

  it('with the server not approved and PackagePointAndPrintOnly: refuses the connection and says why', async () => {
    const policy = {
      ...DEFAULT_POINT_AND_PRINT_POLICY,
      packagePointAndPrintOnly: true,
      packagePointAndPrintServerList: ['print2.corp.example'],
    };
    const err: unknown = await connect('HpColorPkg', { policy }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Win32Error);
    expect((err as Error).message).toMatch(
      /NTPRINT is not an approved server.*PackagePointAndPrintOnly 1: non-package Point and Print is not allowed/,
    );
    await expect(fs.readdir(drivers('x64', '3'))).rejects.toThrow(/ENOENT/);
    expect(of('download')).toEqual([]);
  });

  it('with PackagePointAndPrintOnly on the legacy printer HpColor: refuses', async () => {
    const policy = { ...DEFAULT_POINT_AND_PRINT_POLICY, packagePointAndPrintOnly: true };
    const err: unknown = await connect('HpColor', { policy }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/PackagePointAndPrintOnly 1: only package-aware drivers may be installed/);
    expect(of('download')).toEqual([]);
  });

  it('on the legacy printer without that policy: copies file by file as before, no package step', async () => {
    await connect('HpColor');
    expect(of('package')).toEqual([]);
    expect(of('download').filter((e) => e.what === 'driver')).toHaveLength(7);
    await expect(fs.readdir(repository())).rejects.toThrow(/ENOENT/);
  });
});
