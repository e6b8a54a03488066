/**
 * The NTPRINT fixture (registry-fixtures/NTPRINT, drivers-store) through the in-process server:
 * HpColor as in the seed, and Marketing, whose second CopyFiles key uses the sample pathshift.dll
 * module on both spoolers (SourceDir and TargetDir rewritten per client architecture).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addPrinterConnection } from '../../../lib/client/add-printer-connection';
import type { ClientFlowEvent } from '../../../lib/client/flow-events';
import { startInProcessServer } from '../../../lib/cli/in-process-server';
import { createSilentLogger } from '../../../lib/common/logger';
import { CopyFilesPolicy } from '../../../lib/point-and-print/constants';
import { ModuleRegistry } from '../../../lib/point-and-print/module-registry';
import { DEFAULT_POINT_AND_PRINT_POLICY } from '../../../lib/point-and-print/policy';
import { DEFAULT_FIXTURE_DIR, findPackageRoot } from '../../../lib/spooler/fixture';

const MODULES_CONFIG = path.join(findPackageRoot(), 'examples', 'modules', 'modules.json');

describe('NTPRINT fixture', () => {
  let clientRoot: string;
  beforeEach(async () => {
    clientRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-ntprint-'));
  });

  it('Marketing: pathshift.dll rewrites the paths on both sides under CopyFilesPolicy 2', async () => {
    const events: ClientFlowEvent[] = [];
    const logger = createSilentLogger();
    const server = await startInProcessServer({
      fixtureDir: DEFAULT_FIXTURE_DIR,
      logger,
      modulesConfig: MODULES_CONFIG,
      trace: (e) => events.push(e),
    });
    try {
      const result = await addPrinterConnection(`\\\\${server.serverName}\\Marketing`, {
        clientRoot,
        connector: server.connector,
        credentials: server.demoCredentials!,
        policy: { ...DEFAULT_POINT_AND_PRINT_POLICY, copyFilesPolicy: CopyFilesPolicy.ALL },
        modules: await ModuleRegistry.fromConfigFile(MODULES_CONFIG, logger),
        onEvent: (e) => events.push(e),
      });
      expect(result.warnings).toEqual([]);
      const gcfp = events.filter((e) => e.kind === 'GenerateCopyFilePaths');
      expect(
        gcfp.map((e) => (e.kind === 'GenerateCopyFilePaths' ? [e.side, e.module, e.sourceDir, e.targetDir] : [])),
      ).toEqual([
        ['server', 'mscms.dll', '\\\\NTPRINT\\PRINT$\\Color', 'Color'],
        ['server', 'pathshift.dll', '\\\\NTPRINT\\PRINT$\\Watermarks\\x64', 'Watermarks'],
        ['client', 'mscms.dll', '\\\\NTPRINT\\PRINT$\\Color', 'C:\\Windows\\System32\\spool\\drivers\\Color'],
        [
          'client',
          'pathshift.dll',
          '\\\\NTPRINT\\PRINT$\\Watermarks\\x64',
          'C:\\Windows\\System32\\spool\\drivers\\Watermarks\\x64',
        ],
      ]);
      const drivers = path.join(clientRoot, 'System32', 'spool', 'drivers');
      await fs.access(path.join(drivers, 'color', 'MktProof.icm'));
      const wmk = await fs.readdir(path.join(drivers, 'Watermarks', 'x64'));
      expect(wmk.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('Marketing under the default policy: only the colour profile is downloaded, the other key is skipped and said so', async () => {
    const logger = createSilentLogger();
    const server = await startInProcessServer({
      fixtureDir: DEFAULT_FIXTURE_DIR,
      logger,
      modulesConfig: MODULES_CONFIG,
    });
    try {
      const result = await addPrinterConnection(`\\\\${server.serverName}\\Marketing`, {
        clientRoot,
        connector: server.connector,
        credentials: server.demoCredentials!,
      });
      expect(result.connection.copyFiles.map((c) => c.keyName)).toEqual(['CopyFiles\\ICM']);
      expect(result.warnings).toEqual([
        expect.stringMatching(/CopyFiles\\Watermarks skipped by policy: CopyFilesPolicy 1/),
      ]);
    } finally {
      await server.close();
    }
  });
});
