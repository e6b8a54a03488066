import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addPrinterConnection } from '../../../lib/client/add-printer-connection';
import type { PrintServerConnector } from '../../../lib/client/print-server-connection';
import { createLocalConnector } from '../../../lib/client/providers/local-connector';
import { Win32Error } from '../../../lib/common/errors';
import { Win32ErrorCode } from '../../../lib/common/status/win32-error';
import { CopyFilesPolicy } from '../../../lib/point-and-print/constants';
import { ModuleRegistry } from '../../../lib/point-and-print/module-registry';
import { DEFAULT_POINT_AND_PRINT_POLICY } from '../../../lib/point-and-print/policy';
import { regMultiSz, regSz } from '../../../lib/common/reg-value';
import { PRINTERS_KEY } from '../../../lib/registry/registry-key';
import { createTestServer, recordingModule, type RecordedCall, type TestServer } from '../../helpers/test-print-server';

const ALL = { ...DEFAULT_POINT_AND_PRINT_POLICY, copyFilesPolicy: CopyFilesPolicy.ALL };

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

describe('addPrinterConnection: policies and a hostile server', () => {
  let t: TestServer;
  let sandbox: string;
  let clientRoot: string;
  let connector: PrintServerConnector;
  const creds = { userName: 'alice', password: 'pw' };

  beforeEach(async () => {
    const serverModules = ModuleRegistry.withBuiltins();
    const serverCalls: RecordedCall[] = [];
    serverModules.register(recordingModule('recorder.dll', serverCalls));
    serverModules.register(
      recordingModule('shift.dll', serverCalls, (i) => ({ sourceDir: i.sourceDir, targetDir: '..\\..\\..\\..\\tmp' })),
    );
    serverModules.register(
      recordingModule('elsewhere.dll', serverCalls, (i) => ({
        sourceDir: '\\\\EVIL\\share\\x',
        targetDir: i.targetDir,
      })),
    );
    t = await createTestServer({ modules: serverModules });
    sandbox = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-sandbox-'));
    clientRoot = path.join(sandbox, 'root');
    connector = createLocalConnector({
      server: t.server,
      driverStore: t.driverStore,
      users: [{ name: 'alice', password: 'pw', groups: ['Users'] }],
    });
    // Fonts key of LabPrinter: a plain non-ICM key with a module the client also has.
    await fs.writeFile(path.join(t.driversRoot, 'Fonts', 'other.ttf'), 'x');
  });

  it('the default CopyFilesPolicy (1) skips a non-colour-profile key and says why', async () => {
    const result = await addPrinterConnection('\\\\NTPRINT\\lab', { clientRoot, connector, credentials: creds });
    const policy = result.events.filter((e) => e.kind === 'policy' && e.subject === 'CopyFiles\\Fonts');
    expect(policy).toEqual([
      expect.objectContaining({ allowed: false, reason: expect.stringMatching(/CopyFilesPolicy 1/) as unknown }),
    ]);
    expect(result.warnings.some((w) => /skipped by policy/.test(w))).toBe(true);
    expect(result.connection.copyFiles).toEqual([]);
    await expect(
      fs.access(path.join(clientRoot, 'System32', 'spool', 'drivers', 'Fonts', 'lab.ttf')),
    ).rejects.toThrow();
  });

  it('CopyFilesPolicy 2 processes it with the client module', async () => {
    const clientModules = ModuleRegistry.withBuiltins();
    const clientCalls: RecordedCall[] = [];
    clientModules.register(recordingModule('recorder.dll', clientCalls));
    const result = await addPrinterConnection('\\\\NTPRINT\\lab', {
      clientRoot,
      connector,
      credentials: creds,
      policy: ALL,
      modules: clientModules,
    });
    expect(result.warnings).toEqual([]);
    expect(await fs.readFile(path.join(clientRoot, 'System32', 'spool', 'drivers', 'Fonts', 'lab.ttf'), 'utf8')).toBe(
      'font',
    );
    expect(clientCalls.map((c) => c.fn)).toEqual([
      'GenerateCopyFilePaths',
      'SpoolerCopyFileEvent',
      'SpoolerCopyFileEvent',
    ]);
  });

  it('a module named by the server but missing on the client: the key is skipped, not loaded from the server', async () => {
    const result = await addPrinterConnection('\\\\NTPRINT\\lab', {
      clientRoot,
      connector,
      credentials: creds,
      policy: ALL,
    });
    expect(result.warnings.some((w) => /recorder\.dll/.test(w) && /not installed on this machine/.test(w))).toBe(true);
    expect(result.connection.copyFiles).toEqual([]);
  });

  it('hostile keys are skipped with a warning and nothing lands outside spool\\drivers', async () => {
    const hp = t.registry.getKey(`${PRINTERS_KEY}\\HpColor`)!;
    const add = (name: string, dir: string, files: string[], module?: string): void => {
      const k = hp.createKey(`CopyFiles\\${name}`);
      k.setValue(regSz('Directory', dir));
      k.setValue(regMultiSz('Files', files));
      if (module) k.setValue(regSz('Module', module));
    };
    add('Climb', '..\\..\\..\\etc', ['passwd']);
    add('BadFile', 'Color', ['..\\..\\evil.dll']);
    add('Shift', 'Color', ['Hpclrlsr.icm'], 'shift.dll');
    add('Elsewhere', 'Color', ['Hpclrlsr.icm'], 'elsewhere.dll');
    add('ClientEscape', 'Color', ['Hpclrlsr.icm'], 'escape.dll');
    const clientModules = ModuleRegistry.withBuiltins();
    clientModules.register(recordingModule('shift.dll', []));
    clientModules.register(recordingModule('elsewhere.dll', []));
    clientModules.register(
      recordingModule('escape.dll', [], (i) => ({ sourceDir: i.sourceDir, targetDir: 'C:\\Windows\\System32\\evil' })),
    );
    const result = await addPrinterConnection('\\\\NTPRINT\\HpColor', {
      clientRoot,
      connector,
      credentials: creds,
      policy: ALL,
      modules: clientModules,
    });
    const w = result.warnings.join('\n');
    expect(w).toMatch(/CopyFiles\\Climb skipped/);
    expect(w).toMatch(/CopyFiles\\BadFile skipped/);
    expect(w).toMatch(/CopyFiles\\Shift skipped: TargetDir/);
    expect(w).toMatch(/CopyFiles\\Elsewhere skipped: SourceDir .* names another server/);
    expect(w).toMatch(/EnumPrinterDataEx\(CopyFiles\\ClientEscape\) failed/);
    // The good key still downloaded.
    expect(result.connection.copyFiles.map((c) => c.keyName)).toEqual(['CopyFiles\\ICM']);
    const drivers = path.join(clientRoot, 'System32', 'spool', 'drivers') + path.sep;
    for (const f of await walk(sandbox)) {
      expect(f.startsWith(drivers) || f === path.join(clientRoot, 'pointprint-client.json')).toBe(true);
    }
  });

  it("a client module's TargetDir outside spool\\drivers is refused", async () => {
    const hp = t.registry.getKey(`${PRINTERS_KEY}\\HpColor\\CopyFiles\\ICM`)!;
    hp.setValue(regSz('Module', 'recorder.dll'));
    const clientModules = ModuleRegistry.withBuiltins();
    clientModules.register(
      recordingModule('recorder.dll', [], (i) => ({ sourceDir: i.sourceDir, targetDir: 'C:\\Windows\\System32' })),
    );
    const result = await addPrinterConnection('\\\\NTPRINT\\HpColor', {
      clientRoot,
      connector,
      credentials: creds,
      policy: ALL,
      modules: clientModules,
    });
    expect(result.warnings.join('\n')).toMatch(/TargetDir "C:\\Windows\\System32" refused/);
    expect(result.connection.copyFiles).toEqual([]);
  });

  it('hostile subkey names from the server are skipped with a warning', async () => {
    const hostile: PrintServerConnector = async (name, options) => {
      const c = await connector(name, options);
      return {
        ...c,
        provider: {
          ...c.provider,
          enumPrinterKey: async (h, key) =>
            key === ''
              ? ['PrinterDriverData', 'a\\b', 'bell\u0007', '', 'x'.repeat(300)]
              : c.provider.enumPrinterKey(h, key),
        },
      };
    };
    const result = await addPrinterConnection('\\\\NTPRINT\\HpColor', {
      clientRoot,
      connector: hostile,
      credentials: creds,
    });
    expect(result.warnings).toHaveLength(4);
    expect(result.connection.keys.map((k) => k.path)).toEqual(['PrinterDriverData']);
  });

  it('a standard user may not install the driver (default policy), but may connect once it is installed', async () => {
    const denied = addPrinterConnection('\\\\NTPRINT\\HpColor', {
      clientRoot,
      connector,
      credentials: creds,
      isAdministrator: false,
    });
    await expect(denied).rejects.toBeInstanceOf(Win32Error);
    await denied.catch((e: unknown) => expect((e as Win32Error).win32).toBe(Win32ErrorCode.ERROR_ACCESS_DENIED));
    await addPrinterConnection('\\\\NTPRINT\\HpColor', { clientRoot, connector, credentials: creds });
    const again = await addPrinterConnection('\\\\NTPRINT\\HpColor', {
      clientRoot,
      connector,
      credentials: creds,
      isAdministrator: false,
    });
    expect(again.events.some((e) => e.kind === 'policy' && /already installed/.test(e.reason))).toBe(true);
  });

  it('the client config overrides the default policy (pointprint-client.json config.pointAndPrintPolicy)', async () => {
    await fs.mkdir(clientRoot, { recursive: true });
    await fs.writeFile(
      path.join(clientRoot, 'pointprint-client.json'),
      JSON.stringify({
        format: 'pointprint-client/1',
        config: { pointAndPrintPolicy: { copyFilesPolicy: 0 } },
        connections: [],
        drivers: [],
        eventLog: [],
      }),
    );
    const result = await addPrinterConnection('\\\\NTPRINT\\HpColor', { clientRoot, connector, credentials: creds });
    expect(result.events.filter((e) => e.kind === 'policy' && e.subject === 'CopyFiles\\ICM')).toEqual([
      expect.objectContaining({ allowed: false, reason: expect.stringMatching(/CopyFilesPolicy 0/) as unknown }),
    ]);
    expect(result.connection.copyFiles).toEqual([]);
  });

  it('an unknown server is ERROR_BAD_NETPATH; a name without a printer is an input error', async () => {
    await expect(
      addPrinterConnection('\\\\OTHER\\HpColor', { clientRoot, connector, credentials: creds }),
    ).rejects.toThrow(/network path/);
    await expect(addPrinterConnection('\\\\NTPRINT', { clientRoot, connector, credentials: creds })).rejects.toThrow(
      /does not name a printer/,
    );
  });
});
