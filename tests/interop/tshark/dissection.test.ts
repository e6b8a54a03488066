/**
 * tshark as an oracle: the same smbclient and rpcclient commands against our server and against
 * Samba's smbd; our traffic may show no malformed packets beyond Samba's for the same command
 * (tshark 4.0 flags Samba's own NEGOTIATE response and some GetPrinterDataEx replies).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { startSamba, type SambaServer } from '../../helpers/samba-server';
import { dissect, malformedBeyond, startCapture, type DissectionSummary } from '../../helpers/tshark';

const run = promisify(execFile);
const DRIVERS = join(__dirname, '..', '..', '..', 'drivers-store');
const USER = { name: 'tshark', password: 'Tsh4rk!pw', groups: ['Users'] };

/** Runs each client command; failures (e.g. Samba has no such driver) are part of the comparison. */
async function exercise(port: number, credentials: string): Promise<void> {
  const smb = (args: string[]): Promise<unknown> =>
    run(TOOLS.smbclient, ['-p', String(port), '//127.0.0.1/print$', '-U', credentials, ...args], {
      timeout: 30000,
    }).catch(() => undefined);
  for (const dialect of ['SMB2_02', 'SMB2_10', 'SMB3_00', 'SMB3_11']) {
    await smb(['-m', dialect, '-c', 'ls; cd color; ls; get Hpclrlsr.icm /dev/null']);
  }
  await run(TOOLS.smbclient, ['-p', String(port), '-L', '127.0.0.1', '-U', credentials], { timeout: 30000 }).catch(
    () => undefined,
  );
  // winreg, as `net rpc registry` reads a key
  await run(
    TOOLS.net,
    [
      'rpc',
      'registry',
      'enumerate',
      'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print',
      '-S',
      '127.0.0.1',
      '-p',
      String(port),
      '-U',
      credentials,
    ],
    { timeout: 30000 },
  ).catch(() => undefined);
  await run(
    TOOLS.rpcclient,
    [
      '-p',
      String(port),
      '127.0.0.1',
      '-U',
      credentials,
      '-c',
      'enumprinters; enumprinters 2; enumdrivers; getdriverdir; enumports; enumforms; ' +
        // the auxiliary pipes: lsarpc and samr
        'lsaquery; lsaquery 5; lookupnames Administrators Everyone; lookupsids S-1-5-32-544 S-1-1-0; enumdomains',
    ],
    {
      timeout: 30000,
    },
  ).catch(() => undefined);
}

async function captureRun(port: number, credentials: string): Promise<DissectionSummary> {
  const capture = await startCapture(port);
  try {
    await exercise(port, credentials);
  } finally {
    await capture.stop();
  }
  return dissect(capture.file, port);
}

describeWithTools(
  ['smbclient', 'rpcclient', 'net', 'smbd', 'smbpasswd', 'tshark', 'dumpcap'],
  "tshark decodes our SMB2 and spoolss traffic as well as Samba's",
  () => {
    let ours: FixtureServer;
    let samba: SambaServer;

    beforeAll(async () => {
      ours = await startFixtureServer({ users: [USER] });
      samba = await startSamba({ printDollar: DRIVERS, printers: ['HpColor'] });
    }, 60000);

    afterAll(async () => {
      await ours?.close();
      await samba?.stop();
    });

    test('no malformed packets beyond the Samba baseline', async () => {
      const baseline = await captureRun(samba.port, `${samba.user}%${samba.password}`);
      const mine = await captureRun(ours.port, `${USER.name}%${USER.password}`);
      expect(baseline.smb2Packets).toBeGreaterThan(20);
      expect(mine.smb2Packets).toBeGreaterThan(20);
      expect(malformedBeyond(mine, baseline)).toEqual({});
      expect(mine.badSignatures).toBe(0);
    }, 180000);
  },
);
