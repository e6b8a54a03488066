/**
 * The README's jest example (examples/jest/print-server.test.js) runs as a user would run it:
 * its own jest, against the built package, with @marsaud/smb2 under --openssl-legacy-provider.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
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
