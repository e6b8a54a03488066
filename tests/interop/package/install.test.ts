/**
 * The package as users install it (issue 14, part 1): from a clean clone, `npm pack` and
 * `npm install <tarball>`, and `npm install git+file://<clone>`. In each scratch project:
 * `require('pointprint').startFixtureServer` serves, `npx pointprint --version` and
 * `npx addprinterconnection --version` print the version, the TypeScript types resolve through
 * `exports`, and the README's jest example (as the package ships it) passes and exits.
 *
 * It tests the committed HEAD: commit first. Every step has its own time limit.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanClone, npx, packTarball, ROOT, scratchProject, step } from './scratch-project';

jest.setTimeout(15 * 60 * 1000);

const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const TYPE_ROOTS = path.join(ROOT, 'node_modules', '@types');

const SERVE_AND_CLOSE = `
const { startFixtureServer } = require('pointprint');
startFixtureServer().then(async (server) => {
  console.log(JSON.stringify({ serverName: server.serverName, host: server.host, port: server.port }));
  await server.close();
});`;

const TYPED_USE = `
import { startFixtureServer, type FixtureServer, addPrinterConnection } from 'pointprint';
const started: Promise<FixtureServer> = startFixtureServer({ users: [{ name: 'bob', password: 'pw', groups: ['Users'] }] });
void started.then((server) => server.close());
const flow: typeof addPrinterConnection = addPrinterConnection;
void flow;
`;

async function version(): Promise<string> {
  return (JSON.parse(await fs.readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** What every way of installing must give. */
async function checkInstalled(dir: string): Promise<void> {
  const served = await step('node: require(pointprint).startFixtureServer', process.execPath, ['-e', SERVE_AND_CLOSE], {
    cwd: dir,
    timeoutMs: 30000,
  });
  const info = JSON.parse(served.stdout.trim()) as { serverName: string; host: string; port: number };
  expect(info.serverName).toBe('NTPRINT');
  expect(info.host).toBe('127.0.0.1');
  expect(info.port).toBeGreaterThan(0);

  const v = await version();
  expect((await npx(dir, ['pointprint', '--version'], 30000)).stdout.trim()).toBe(v);
  expect((await npx(dir, ['addprinterconnection', '--version'], 30000)).stdout.trim()).toBe(v);

  // The shipped fixtures and drivers store resolve from the installed path, not from the working
  // directory: the demo serves NTPRINT from them and downloads Hpclrlsr.icm over SMB2.
  const demo = await npx(dir, ['pointprint', 'demo'], 60000);
  expect(demo.stdout).toContain('download \\\\NTPRINT\\PRINT$\\Color\\Hpclrlsr.icm');
  expect(demo.stdout).toContain('COPYFILE_EVENT_ADD_PRINTER_CONNECTION');

  // docs/validate-ci-example.md's job step, from the installed package: SARIF to a file, exit 0.
  await npx(
    dir,
    [
      'pointprint',
      'validate',
      'node_modules/pointprint/registry-fixtures/NTPRINT',
      '--sarif',
      'found.sarif',
      '--fail-on',
      'error',
    ],
    60000,
  );
  const sarif = JSON.parse(await fs.readFile(path.join(dir, 'found.sarif'), 'utf8')) as { version: string };
  expect(sarif.version).toBe('2.1.0');

  // Types through "exports" (node16) and through "types" (node10 with a default tsc --init's interop).
  await fs.writeFile(path.join(dir, 'typed.ts'), TYPED_USE);
  for (const resolution of [
    ['--module', 'node16', '--moduleResolution', 'node16'],
    ['--module', 'commonjs', '--moduleResolution', 'node10', '--esModuleInterop'],
  ]) {
    await step(
      `tsc ${resolution.join(' ')}`,
      process.execPath,
      [TSC, '--noEmit', '--strict', ...resolution, '--types', 'node', '--typeRoots', TYPE_ROOTS, 'typed.ts'],
      { cwd: dir, timeoutMs: 120000 },
    );
  }

  // The README's jest example, as the package ships it, under the project's own jest.
  await fs.copyFile(
    path.join(dir, 'node_modules', 'pointprint', 'examples', 'jest', 'print-server.test.js'),
    path.join(dir, 'print-server.test.js'),
  );
  const jest = await npx(dir, ['jest', '--ci', 'print-server.test.js'], 120000, {
    NODE_OPTIONS: '--openssl-legacy-provider',
  });
  expect(jest.stderr).toMatch(/Tests:\s+2 passed, 2 total/);
}

describe('the pointprint package, installed as users install it', () => {
  let work: string;
  let clone: string;

  beforeAll(
    async () => {
      work = await fs.mkdtemp(path.join(os.tmpdir(), 'pointprint-package-'));
      clone = await cleanClone(path.join(work, 'clone'));
    },
    7 * 60 * 1000,
  );

  afterAll(async () => {
    if (work) await fs.rm(work, { recursive: true, force: true });
  });

  test('npm pack from the clean clone ships dist, fixtures and examples, and no tests', async () => {
    const tarball = await packTarball(clone, work);
    const listing = (await step('tar -tzf', 'tar', ['-tzf', tarball], { cwd: work, timeoutMs: 30000 })).stdout;
    for (const file of [
      'package/dist/lib/index.js',
      'package/dist/lib/index.d.ts',
      'package/dist/bin/pointprint.js',
      'package/registry-fixtures/NTPRINT/server.json',
      'package/drivers-store/color/Hpclrlsr.icm',
      'package/examples/jest/print-server.test.js',
      'package/README.md',
    ]) {
      expect(listing).toContain(file);
    }
    expect(listing).not.toMatch(/^package\/(tests|bench|\.ci|lib|scripts|dist\/bench|dist\/scripts)\//m);

    const project = await scratchProject(path.join(work, 'from-tarball'), tarball);
    await checkInstalled(project);
  });

  test('npm install git+file:// of the clone builds through prepare and works the same', async () => {
    const project = await scratchProject(path.join(work, 'from-git'), `git+file://${clone}`);
    await checkInstalled(project);
  });
});
