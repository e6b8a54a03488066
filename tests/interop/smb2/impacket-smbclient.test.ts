/**
 * impacket's SMBConnection (python3-impacket) against our Smb2Server: it opens with an SMB1
 * multi-protocol NEGOTIATE (SMB 2.002 / SMB 2.???), then lists and downloads from PRINT$ with the
 * default dialect choice and with 2.0.2 and 2.1 forced. In CI a missing impacket fails the suite.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DriverStore } from '../../../lib/drivers/driver-store';
import { Smb2Server } from '../../../lib/smb2/server/smb2-server';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const STORE = path.resolve(__dirname, '../../../drivers-store');

function impacketAvailable(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import impacket.smbconnection'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const available = impacketAvailable();
const suite = available || process.env.CI === 'true' ? describe : describe.skip;

const SCRIPT = `
import sys, io, json
from impacket.smbconnection import SMBConnection
from impacket import smb3structs
port, user, password, dialect = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
preferred = {'default': None, '2.0.2': smb3structs.SMB2_DIALECT_002, '2.1': smb3structs.SMB2_DIALECT_21}[dialect]
c = SMBConnection('127.0.0.1', '127.0.0.1', sess_port=port, preferredDialect=preferred)
c.login(user, password, 'WORKGROUP')
names = sorted(f.get_longname() for f in c.listPath('print$', 'x64\\\\3\\\\*'))
buf = io.BytesIO()
c.getFile('print$', 'color\\\\Hpclrlsr.icm', buf.write)
print(json.dumps({'dialect': c.getDialect(), 'names': names, 'hex': buf.getvalue().hex()}))
c.logoff()
`;

suite('impacket SMBConnection against the SMB2 server', () => {
  let server: Smb2Server;
  let port: number;
  beforeAll(async () => {
    if (!available) throw new Error('python3-impacket is required in CI');
    server = new Smb2Server({
      serverName: 'NTPRINT',
      domain: 'WORKGROUP',
      users: [{ name: 'user', password: 'pass', groups: ['Users'] }],
      allowGuest: false,
      allowAnonymous: false,
      allowNtlmV1: false,
      signingRequired: false,
      driverStore: await DriverStore.open(STORE),
    });
    ({ port } = await server.listen(0, '127.0.0.1'));
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each([
    ['default', 0x0300],
    ['2.0.2', 0x0202],
    ['2.1', 0x0210],
  ])('dialect %s: lists x64\\3 and reads color\\Hpclrlsr.icm', async (dialect, expected) => {
    const { stdout } = await run(PYTHON, ['-c', SCRIPT, String(port), 'user', 'pass', dialect], { timeout: 30000 });
    const got = JSON.parse(stdout) as { dialect: number; names: string[]; hex: string };
    expect(got.dialect).toBe(expected);
    const onDisk = (await fs.readdir(path.join(STORE, 'x64', '3'))).sort();
    expect(got.names).toEqual(['.', '..', ...onDisk].sort());
    expect(Buffer.from(got.hex, 'hex').equals(await fs.readFile(path.join(STORE, 'color', 'Hpclrlsr.icm')))).toBe(true);
  });

  it('is refused with a wrong password', async () => {
    await expect(
      run(PYTHON, ['-c', SCRIPT, String(port), 'user', 'wrong', 'default'], { timeout: 30000 }),
    ).rejects.toThrow(/STATUS_LOGON_FAILURE/);
  });
});
