/**
 * tshark decodes the Kerberos inside our SESSION_SETUP exchanges: smbclient's AP-REQ and our
 * AP-REP for an accepted ticket, our KRB-ERROR (KRB_AP_ERR_MODIFIED) for a ticket the server's
 * keytab cannot decrypt, with no malformed packet in any SESSION_SETUP.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { createKerberosAcceptorSettings } from '../../../lib/auth/kerberos/kerberos-acceptor';
import { decodeKeytab, encodeKeytab } from '../../../lib/auth/kerberos/keytab';
import { DriverStore } from '../../../lib/drivers/driver-store';
import { Smb2Server } from '../../../lib/smb2/server/smb2-server';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { describeWithKdc, startKdc, type TestKdc } from '../../helpers/kdc';
import { startCapture } from '../../helpers/tshark';

const run = promisify(execFile);
const STORE = path.resolve(__dirname, '../../..', 'drivers-store');

jest.setTimeout(90000);

interface Frame {
  readonly cmd: string;
  readonly msgTypes: string[];
  readonly errorCode: string;
  readonly malformed: boolean;
}

describeWithTools(['smbclient', 'tshark', 'dumpcap'], 'tshark', () =>
  describeWithKdc('tshark on Kerberos session setups', () => {
    let kdc: TestKdc;
    let ccache: string;

    beforeAll(async () => {
      kdc = await startKdc();
      ccache = await kdc.kinit('alice', kdc.users[0]!.password, path.join(kdc.dir, 'alice.ccache'));
    });
    afterAll(async () => {
      await kdc?.stop();
    });

    async function sessionSetupFrames(keytab: Buffer): Promise<Frame[]> {
      const keytabFile = path.join(kdc.dir, `tshark-${Date.now()}.keytab`);
      await fs.writeFile(keytabFile, keytab);
      const server = new Smb2Server({
        serverName: 'NTPRINT',
        domain: 'POINTPRINT',
        users: [{ name: 'alice', password: 'unused', groups: ['Users'] }],
        allowGuest: false,
        allowAnonymous: false,
        allowNtlmV1: false,
        signingRequired: false,
        driverStore: await DriverStore.open(STORE),
        kerberos: createKerberosAcceptorSettings({ keytab: keytabFile }),
      });
      const { port } = await server.listen(0, '127.0.0.1');
      const capture = await startCapture(port);
      try {
        await run(
          TOOLS.smbclient,
          [
            '-p',
            String(port),
            '-I',
            '127.0.0.1',
            `//${kdc.serverHost}/print$`,
            '-N',
            `--use-krb5-ccache=FILE:${ccache}`,
            '--use-kerberos=required',
            '-m',
            'SMB3_11',
            '-c',
            'ls',
          ],
          { timeout: 30000, env: { ...kdc.env, KRB5CCNAME: `FILE:${ccache}`, HOME: kdc.dir } },
        ).catch(() => undefined);
      } finally {
        await capture.stop();
        await server.close();
      }
      const { stdout } = await run(TOOLS.tshark, [
        '-n',
        '-r',
        capture.file,
        '-d',
        `tcp.port==${port},nbss`,
        '-Y',
        'smb2.cmd == 1',
        '-T',
        'fields',
        '-E',
        'separator=|',
        '-E',
        'aggregator=,',
        '-e',
        'smb2.cmd',
        '-e',
        'kerberos.msg_type',
        '-e',
        'kerberos.error_code',
        '-e',
        '_ws.malformed',
      ]);
      return stdout
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((line) => {
          const [cmd = '', msgTypes = '', errorCode = '', malformed = ''] = line.split('|');
          return { cmd, msgTypes: msgTypes.split(',').filter(Boolean), errorCode, malformed: malformed !== '' };
        });
    }

    it('an accepted ticket: AP-REQ (14) then AP-REP (15), nothing malformed', async () => {
      const frames = await sessionSetupFrames(await fs.readFile(kdc.serverKeytab));
      expect(frames.some((f) => f.msgTypes.includes('14'))).toBe(true);
      expect(frames.some((f) => f.msgTypes.includes('15'))).toBe(true);
      expect(frames.filter((f) => f.malformed)).toEqual([]);
    });

    it('a ticket the keytab cannot decrypt: our KRB-ERROR (30) with KRB_AP_ERR_MODIFIED (41), nothing malformed', async () => {
      const wrong = decodeKeytab(await fs.readFile(kdc.serverKeytab)).map((e) => ({
        ...e,
        key: Buffer.alloc(e.key.length, 3),
      }));
      const frames = await sessionSetupFrames(encodeKeytab(wrong));
      const error = frames.find((f) => f.msgTypes.includes('30'));
      expect(error?.errorCode).toBe('41');
      expect(frames.filter((f) => f.malformed)).toEqual([]);
    });
  }),
);
