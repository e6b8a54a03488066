/**
 * Samba's smbtorture (Debian's samba-testsuite) against our print server: the SMB2 answers it
 * expects from Windows, on a printer share and on PRINT$ — a malformed NTLMv2 response, a related
 * first compound member, buffer checks of security, volume and file queries on print job handles,
 * and AES-256-GCM/CCM encryption, negotiated with 256-bit keys and used.
 *
 *   smbtorture -p PORT //127.0.0.1/SHARE -U user%pass TESTNAME
 */
import { execFile } from 'node:child_process';
import * as os from 'node:os';
import { PassThrough } from 'node:stream';
import { createLogger } from '../../../lib/common/logger';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { TOOLS, describeWithTools } from '../../helpers/interop-tools';

jest.setTimeout(120000);

const USER = { name: 'torture', password: 'T0rture!pw', groups: ['Users'] };

interface TortureRun {
  readonly passed: boolean;
  readonly output: string;
}

function smbtorture(port: number, share: string, test: string): Promise<TortureRun> {
  return new Promise((resolve) => {
    execFile(
      TOOLS.smbtorture,
      ['-p', String(port), `//127.0.0.1/${share}`, '-U', `${USER.name}%${USER.password}`, test],
      { timeout: 90000, env: { ...process.env, HOME: os.tmpdir() }, maxBuffer: 16 * 1024 * 1024 },
      (_err, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        const name = test.split('.').pop() ?? test;
        resolve({ passed: new RegExp(`^success: ${name}$`, 'm').test(output), output });
      },
    );
  });
}

describeWithTools(['smbtorture'], 'smbtorture against the print server', () => {
  let server: FixtureServer;
  const logLines: string[] = [];

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => logLines.push(...chunk.split('\n').filter((l) => l !== '')));
    server = await startFixtureServer({
      users: [USER],
      logger: createLogger({ level: 'info', format: 'json', stream }),
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each([
    ['HpColor', 'smb2.session.ntlmssp_bug14932'],
    ['HpColor', 'smb2.compound.invalid1'],
    ['HpColor', 'smb2.getinfo.qsec_buffercheck'],
    ['HpColor', 'smb2.getinfo.qfs_buffercheck'],
    ['HpColor', 'smb2.getinfo.qfile_buffercheck'],
    ['HpColor', 'smb2.getinfo.fsinfo'],
    ['print$', 'smb2.getinfo.qfs_buffercheck'],
    ['print$', 'smb2.getinfo.qsec_buffercheck'],
    ['print$', 'smb2.getinfo.fsinfo'],
  ])('on %s: %s passes', async (share, test) => {
    const r = await smbtorture(server.port, share, test);
    if (!r.passed) throw new Error(`${test} failed:\n${r.output}`);
  });

  it('smb2.create on a printer share: no request fails inside the SMB2 server', async () => {
    const before = logLines.length;
    const r = await smbtorture(server.port, 'HpColor', 'smb2.create');
    expect(r.output).toMatch(/^test: mkdir-dup$/m);
    // Every STATUS_INTERNAL_ERROR is a failure the server logged as unexpected. Concurrent saves of
    // spooler-state.json race on one temporary file (issue 13 item 4, fixed with the spooler's
    // persistence, not here); nothing else may fail that way.
    const unexpected = logLines
      .slice(before)
      .map((l) => JSON.parse(l) as { message?: string; error?: string })
      .filter((l) => l.message === 'request failed unexpectedly')
      .filter((l) => !/spooler-state\.json/.test(l.error ?? ''));
    expect(unexpected).toEqual([]);
  });

  it.each([
    ['smb2.session.encryption-aes-256-gcm', 'AES_256_GCM'],
    ['smb2.session.encryption-aes-256-ccm', 'AES_256_CCM'],
  ])('%s connects with %s and creates a job over the encrypted session', async (test, cipher) => {
    const before = logLines.length;
    const r = await smbtorture(server.port, 'HpColor', test);
    // The test goes on to oplocks and change notification, which a print server does not grant;
    // everything up to them ran encrypted: the connection, the root handle and a CREATE.
    expect(r.output).not.toMatch(/smb2_connect options1 failed|smb2_util_roothandle failed|smb2_create failed/);
    expect(r.output).toMatch(/oplock_level incorrect|^success: /m);
    const negotiated = logLines
      .slice(before)
      .map((l) => JSON.parse(l) as { message?: string; cipher?: string })
      .filter((l) => l.message === 'dialect negotiated')
      .map((l) => l.cipher);
    expect(negotiated).toContain(cipher);
  });
});
