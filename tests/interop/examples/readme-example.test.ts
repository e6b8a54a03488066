/**
 * The README's jest example (examples/jest/print-server.test.js) runs as a user would run it:
 * its own jest, against the built package, with @marsaud/smb2 under --openssl-legacy-provider.
 * It exits promptly, also when the @marsaud/smb2 client is still connected at server.close()
 * (issue 13, item 8): the same file without its `smb.disconnect()`, no --forceExit.
 */
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..', '..');

test('examples/jest/print-server.test.js passes', async () => {
  if (!existsSync(path.join(ROOT, 'dist', 'lib', 'index.js'))) {
    throw new Error('dist/ is missing: run `npm run build` (npm run test:all builds first)');
  }
  const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  const { stderr } = await run(
    process.execPath,
    [jest, '--config', path.join(ROOT, 'examples', 'jest', 'jest.config.js')],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '--openssl-legacy-provider' },
      timeout: 120000,
    },
  );
  expect(stderr).toMatch(/Tests:\s+2 passed, 2 total/);
}, 150000);

test('the example exits promptly with the @marsaud/smb2 client still connected at close()', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-example-connected-'));
  try {
    const example = await fs.readFile(path.join(ROOT, 'examples', 'jest', 'print-server.test.js'), 'utf8');
    const connected = example.replace(/\n\s*\} finally \{\n\s*smb\.disconnect\(\);\n\s*\}/, '\n    }');
    expect(connected).not.toContain('disconnect');
    // close() itself is timed in the run: about a second, whatever the client does.
    const timed = connected
      .replace('try {', '{')
      .replace(
        'await server.close();',
        'const closing = Date.now();\n    await server.close();\n    expect(Date.now() - closing).toBeLessThan(3000);',
      );
    expect(timed).toContain('closing');
    await fs.writeFile(path.join(dir, 'connected.test.js'), timed);
    await fs.writeFile(
      path.join(dir, 'jest.config.js'),
      `module.exports = ${JSON.stringify({
        rootDir: dir,
        testEnvironment: 'node',
        testMatch: ['<rootDir>/*.test.js'],
        modulePaths: [path.join(ROOT, 'node_modules')],
        moduleNameMapper: { '^pointprint$': path.join(ROOT, 'dist', 'lib', 'index.js') },
      })};\n`,
    );
    const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
    const { stderr } = await run(process.execPath, [jest, '--config', path.join(dir, 'jest.config.js')], {
      cwd: dir,
      env: { ...process.env, NODE_OPTIONS: '--openssl-legacy-provider' },
      timeout: 120000,
    });
    expect(stderr).toMatch(/Tests:\s+2 passed, 2 total/);
    expect(stderr).not.toMatch(/did not exit|afterAll|Exceeded timeout/);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}, 150000);
