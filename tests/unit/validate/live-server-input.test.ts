/**
 * The live-server input over the in-process connector (the SMB2 one implements the same
 * PrintServerConnector): the printer's keys are read as a client reads them.
 */
import path from 'node:path';
import { Command } from 'commander';
import { createLocalConnector } from '../../../lib/client/providers/local-connector';
import { registerValidateCommand } from '../../../lib/cli/commands/validate';
import { Win32Error } from '../../../lib/common/errors';
import { createSilentLogger } from '../../../lib/common/logger';
import { Win32ErrorCode } from '../../../lib/common/status/win32-error';
import type { PrintServerConnector } from '../../../lib/client/print-server-connection';
import { DriverStore } from '../../../lib/drivers/driver-store';
import { ModuleRegistry } from '../../../lib/point-and-print/module-registry';
import { DEFAULT_POINT_AND_PRINT_POLICY } from '../../../lib/point-and-print/policy';
import { loadFixture } from '../../../lib/spooler/fixture';
import { PrintServer } from '../../../lib/spooler/print-server';
import { DEFAULT_ENVIRONMENTS } from '../../../lib/validate/client-environments';
import { loadLiveServerInput } from '../../../lib/validate/live-server-input';
import { validate } from '../../../lib/validate/validator';

const FIXTURES = path.resolve(__dirname, '../../fixtures/validate');
const ROOT = path.resolve(__dirname, '../../..');

async function connector() {
  const fixture = await loadFixture(path.join(FIXTURES, 'fixture-folder'));
  const driverStore = await DriverStore.open(fixture.driversRoot);
  const modules = await ModuleRegistry.fromConfigFile(path.join(ROOT, 'examples/modules/modules.json'));
  const server = await PrintServer.create({
    registry: fixture.registry,
    driverStore,
    settings: { serverName: fixture.settings.serverName },
    modules,
    logger: createSilentLogger(),
  });
  return { connector: createLocalConnector({ server, driverStore, users: fixture.settings.users }), modules };
}

const alice = { userName: 'alice', password: 'Passw0rd!' };

describe('live server input', () => {
  it('reads \\\\PRNSRV01\\Vendor without the synthetic SourceDir/TargetDir, and previews it', async () => {
    const { connector: c, modules } = await connector();
    const input = await loadLiveServerInput('\\\\PRNSRV01\\Vendor', c, { credentials: alice });
    try {
      const key = input.registry.getKey(
        'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\Vendor\\CopyFiles\\Vendor',
      );
      expect(key?.valueList().map((v) => v.name)).toEqual(['Directory', 'Files', 'Module']);
      const report = await validate([input], {
        modules,
        policy: { ...DEFAULT_POINT_AND_PRINT_POLICY, copyFilesPolicy: 2 },
        environments: DEFAULT_ENVIRONMENTS,
        logger: createSilentLogger(),
      });
      expect(report.findings).toEqual([]);
      expect(report.previews.map((p) => [p.sourceDir, p.files.map((f) => f.inStore)])).toEqual([
        ['\\\\PRNSRV01\\PRINT$\\Vendor\\x64', [true]],
        ['\\\\PRNSRV01\\PRINT$\\Vendor\\W32X86', [true]],
      ]);
    } finally {
      await input.close();
    }
  });

  it('a key the server would not give is an error finding (CF112), so the printer does not pass', async () => {
    const { connector: c, modules } = await connector();
    // TEST DOUBLE of a server answer: EnumPrinterDataEx on CopyFiles\Vendor fails (as it does when
    // the server's own module fails); everything else is the real in-process server.
    const failing: PrintServerConnector = async (server, options) => {
      const connection = await c(server, options);
      const provider = connection.provider;
      return {
        ...connection,
        provider: Object.assign(Object.create(provider) as typeof provider, {
          enumPrinterDataEx: (handle: Parameters<typeof provider.enumPrinterDataEx>[0], key: string) =>
            /^CopyFiles\\Vendor$/i.test(key)
              ? Promise.reject(new Win32Error(Win32ErrorCode.ERROR_INVALID_FUNCTION, 'module failed'))
              : provider.enumPrinterDataEx(handle, key),
        }),
      };
    };
    const input = await loadLiveServerInput('\\\\PRNSRV01\\Vendor', failing, { credentials: alice });
    try {
      const report = await validate([input], {
        modules,
        policy: { ...DEFAULT_POINT_AND_PRINT_POLICY, copyFilesPolicy: 2 },
        environments: DEFAULT_ENVIRONMENTS,
        logger: createSilentLogger(),
      });
      expect(report.findings).toEqual([
        expect.objectContaining({ rule: 'CF112', severity: 'error', printer: 'Vendor', key: 'CopyFiles\\Vendor' }),
      ]);
      expect(report.findings[0]?.message).toMatch(
        /could not be read from the server \(EnumPrinterDataEx: .*module failed/,
      );
    } finally {
      await input.close();
    }
  });

  it('wrong credentials or an unknown printer cannot be read', async () => {
    const { connector: c } = await connector();
    await expect(
      loadLiveServerInput('\\\\PRNSRV01\\Vendor', c, { credentials: { userName: 'alice', password: 'x' } }),
    ).rejects.toThrow(/cannot connect/);
    await expect(loadLiveServerInput('\\\\PRNSRV01\\Nope', c, { credentials: alice })).rejects.toThrow(/cannot read/);
    await expect(loadLiveServerInput('\\\\PRNSRV01', c, { credentials: alice })).rejects.toThrow(/expected/);
  });

  it('pointprint validate \\\\server\\printer -U user%password through the deps connector', async () => {
    const { connector: c } = await connector();
    let out = '';
    let err = '';
    let code: number | undefined;
    const targets: unknown[] = [];
    const program = new Command('pointprint').exitOverride();
    registerValidateCommand(program, {
      stdout: (s) => (out += s),
      stderr: (s) => (err += s),
      setExitCode: (n) => (code = n),
      logger: createSilentLogger(),
      connectorFor: (target) => {
        targets.push(target);
        return c;
      },
    });
    await program.parseAsync(['validate', '\\\\PRNSRV01\\Colour', '--address', '127.0.0.1', '-U', 'alice%Passw0rd!'], {
      from: 'user',
    });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(targets).toEqual([{ address: '127.0.0.1' }]);
    expect(out).toContain(
      '\\\\PRNSRV01\\PRINT$\\Color\\good.icm -> C:\\Windows\\System32\\spool\\drivers\\Color\\good.icm',
    );
  });
});
