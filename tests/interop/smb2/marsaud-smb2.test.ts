/**
 * @marsaud/smb2 (raw NTLMSSP, NTLMv1, dialects 2.0.2/2.1, fixed-offset parsing, 64 KiB reads)
 * against our Smb2Server: it lists a directory and reads a file, in a child node process started
 * with --openssl-legacy-provider (the client's DES/MD4 need it on Node >= 17).
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DriverStore } from '../../../lib/drivers/driver-store';
import { Smb2Server } from '../../../lib/smb2/server/smb2-server';

const run = promisify(execFile);
const REPO = path.resolve(__dirname, '../../..');
const STORE = path.join(REPO, 'drivers-store');

const CLIENT_SCRIPT = `
const SMB2 = require(${JSON.stringify(path.join(REPO, 'node_modules', '@marsaud', 'smb2'))});
const [port, user, pass] = process.argv.slice(1);
const c = new SMB2({ share: '\\\\\\\\127.0.0.1\\\\PRINT$', domain: 'WORKGROUP', username: user, password: pass, port: Number(port), autoCloseTimeout: 0 });
(async () => {
  const names = await c.readdir('x64\\\\3');
  const data = await c.readFile('color\\\\Hpclrlsr.icm');
  process.stdout.write(JSON.stringify({ names, hex: data.toString('hex') }));
  c.disconnect();
})().catch((e) => { process.stderr.write(String((e && e.stack) || e)); process.exit(1); });
`;

describe('@marsaud/smb2 against the SMB2 server', () => {
  let server: Smb2Server;
  let port: number;
  beforeAll(async () => {
    server = new Smb2Server({
      serverName: 'NTPRINT',
      domain: 'WORKGROUP',
      users: [{ name: 'user', password: 'pass', groups: ['Users'] }],
      allowGuest: false,
      allowAnonymous: false,
      allowNtlmV1: true,
      signingRequired: false,
      driverStore: await DriverStore.open(STORE),
    });
    ({ port } = await server.listen(0, '127.0.0.1'));
  });
  afterAll(async () => {
    await server.close();
  });

  it('lists x64\\3 and reads color\\Hpclrlsr.icm', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--openssl-legacy-provider', '-e', CLIENT_SCRIPT, String(port), 'user', 'pass'],
      {
        timeout: 30000,
      },
    );
    const got = JSON.parse(stdout) as { names: string[]; hex: string };
    const onDisk = (await fs.readdir(path.join(STORE, 'x64', '3'))).sort();
    expect([...got.names].sort()).toEqual(onDisk);
    expect(Buffer.from(got.hex, 'hex').equals(await fs.readFile(path.join(STORE, 'color', 'Hpclrlsr.icm')))).toBe(true);
  });

  it('is refused with a wrong password', async () => {
    await expect(
      run(process.execPath, ['--openssl-legacy-provider', '-e', CLIENT_SCRIPT, String(port), 'user', 'wrong'], {
        timeout: 30000,
      }),
    ).rejects.toThrow(/STATUS_LOGON_FAILURE/);
  });
});
