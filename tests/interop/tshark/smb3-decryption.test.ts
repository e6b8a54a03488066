/**
 * tshark decrypts our server's SMB 3.1.1 encryption ([MS-SMB2] 2.2.41, 3.1.4.3): smbclient
 * downloads with --client-protection=encrypt and one cipher, and tshark, given the user's NT
 * password (it derives the session key from the NTLMSSP exchange, and the 3.1.1 keys from the
 * pre-authentication hash of the capture), opens every TRANSFORM_HEADER: the READ responses, sealed
 * on the server's worker threads (AES-GCM, >= 64 KiB) or on its event loop (CCM, small ones), hold
 * the file's bytes.
 *
 * The server listens on port 445 of its own loopback address: tshark reads a 24-bit Direct TCP
 * length only on port 445 (elsewhere, "decode as NBSS" reads RFC 1002's 17 bits and breaks every
 * frame over 128 KiB).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DriverStore } from '../../../lib/drivers/driver-store';
import { Smb2Server } from '../../../lib/smb2/server/smb2-server';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { startCapture } from '../../helpers/tshark';

const run = promisify(execFile);
const ADDRESS = '127.0.0.118';
const USER = { name: 'sealer', password: 'S3aled!pw' };

describeWithTools(['smbclient', 'tshark', 'dumpcap'], 'tshark opens our SMB 3.1.1 encryption', () => {
  let server: Smb2Server;
  let dir: string;
  const files = { 'SMALL.CAB': randomBytes(20_000), 'LARGE.CAB': randomBytes(300_000) };

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-tshark-smb3-'));
    await fs.mkdir(path.join(dir, 'x64', '3'), { recursive: true });
    for (const [name, data] of Object.entries(files)) await fs.writeFile(path.join(dir, 'x64', '3', name), data);
    server = new Smb2Server({
      serverName: 'NTPRINT',
      domain: 'WORKGROUP',
      users: [{ ...USER, groups: [] }],
      allowGuest: false,
      allowAnonymous: false,
      allowNtlmV1: false,
      signingRequired: false,
      driverStore: await DriverStore.open(dir),
    });
    await server.listen(445, ADDRESS);
  });
  afterAll(async () => {
    await server?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  /** smbclient's encrypted download, captured: tshark's READ responses, or undefined if the capture lacks the logon. */
  async function downloadCaptured(cipher: string): Promise<string[][] | undefined> {
    const capture = await startCapture(445, `tcp and host ${ADDRESS}`);
    try {
      await run(
        TOOLS.smbclient,
        [
          `//${ADDRESS}/print$`,
          '-U',
          `${USER.name}%${USER.password}`,
          '-m',
          'SMB3_11',
          '--client-protection=encrypt',
          `--option=client smb3 encryption algorithms=${cipher}`,
          '-c',
          'cd x64\\3; get SMALL.CAB /dev/null; get LARGE.CAB /dev/null',
        ],
        { timeout: 30000 },
      );
    } finally {
      await capture.stop();
    }
    const { stdout } = await run(
      TOOLS.tshark,
      [
        '-r',
        capture.file,
        '-o',
        `ntlmssp.nt_password:${USER.password}`,
        '-Y',
        'smb2.cmd == 8 && smb2.flags.response == 1',
        '-T',
        'fields',
        '-e',
        'smb2.header.transform.flags.encrypted',
        '-e',
        'smb2.nt_status',
        '-e',
        'data.data',
        '-e',
        '_ws.malformed',
      ],
      { maxBuffer: 64 * 2 ** 20, timeout: 60000 },
    );
    const responses = stdout
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => l.split('\t'));
    const logon = await run(
      TOOLS.tshark,
      [
        '-r',
        capture.file,
        '-Y',
        'smb2.cmd == 1 && smb2.flags.response == 1 && smb2.nt_status == 0',
        '-T',
        'fields',
        '-e',
        'frame.number',
      ],
      { timeout: 60000 },
    );
    return logon.stdout.trim() === '' ? undefined : responses;
  }

  it.each(['AES-128-GCM', 'AES-256-GCM', 'AES-128-CCM'])(
    '%s: every READ response decrypts to the file',
    async (cipher) => {
      // A capture that missed the logon (dumpcap on a loaded machine) holds no key to decrypt
      // with: that capture is retried, once; a complete capture that does not decrypt fails.
      let responses = await downloadCaptured(cipher);
      if (responses === undefined) responses = await downloadCaptured(cipher);
      if (responses === undefined) throw new Error('two captures in a row missed the session setup');
      // smbclient reads each file with READs of at most its size: the data decrypted (tshark shows a READ
      // response's bytes as "data"), in order, is the files.
      const ok = responses.filter(([, status]) => status === '0x00000000');
      expect(ok.length).toBeGreaterThanOrEqual(2);
      for (const [encrypted, , , malformed] of responses) {
        expect(encrypted).toBe('1');
        expect(malformed ?? '').toBe('');
      }
      const data = Buffer.concat(ok.map(([, , hex]) => Buffer.from((hex ?? '').replace(/:/g, ''), 'hex')));
      expect(data.equals(Buffer.concat([files['SMALL.CAB'], files['LARGE.CAB']]))).toBe(true);
    },
  );
});
