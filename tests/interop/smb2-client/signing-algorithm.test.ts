/**
 * SMB 3.1.1 signing negotiates AES-128-GMAC ([MS-SMB2] 2.2.3.1.7 SIGNING_CAPABILITIES,
 * 3.3.5.4: the server picks from the client's list) for both clients the bench compares, against
 * both servers: smbclient 4.17 offers GMAC, CMAC, HMAC-SHA256 and ours GMAC, CMAC; our server and
 * smbd both answer GMAC. AES-CMAC costs several times GMAC's CPU per byte, so a client or server
 * that fell back to it would make the signed throughput rows compare different algorithms.
 * Each pairing also downloads a file with every message signed and checked.
 *
 * smbclient names the algorithm it signs with at debug level 10 ("sign_algo_id=2"); our client
 * keeps the server's answer in `negotiation.signingAlgorithm`.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import tmp from 'tmp';
import { Smb2SigningAlgorithm } from '../../../lib/smb2/constants';
import { Smb2Client } from '../../../lib/smb2/client/smb2-client';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { startSamba, type SambaServer } from '../../helpers/samba-server';

jest.setTimeout(60000);

const run = promisify(execFile);
const FILE = 'SIGNED.BIN';

interface Peer {
  readonly port: number;
  readonly user: string;
  readonly password: string;
}

describeWithTools(['smbclient', 'smbd', 'smbpasswd'], 'SMB 3.1.1 signing algorithm, both clients, both servers', () => {
  let dir: tmp.DirResult;
  let ours: FixtureServer;
  let samba: SambaServer;
  const peers = new Map<string, Peer>();
  // Larger than one READ of either client (both read up to the server's MaxReadSize, 8 MiB).
  const data = randomBytes(9 * 1024 * 1024 + 77);

  beforeAll(async () => {
    dir = tmp.dirSync({ unsafeCleanup: true, prefix: 'pointprint-signing-algorithm-' });
    for (const d of ['color', 'x64/3', 'W32X86/3']) mkdirSync(join(dir.name, d), { recursive: true });
    writeFileSync(join(dir.name, FILE), data);
    ours = await startFixtureServer({
      drivers: dir.name,
      users: [{ name: 'user', password: 'pass', groups: ['Users'] }],
      epmPort: false,
    });
    peers.set('pointprint', { port: ours.port, user: 'user', password: 'pass' });
    samba = await startSamba({ printDollar: dir.name, printers: ['HpColor'] });
    peers.set('smbd', { port: samba.port, user: samba.user, password: samba.password });
  });

  afterAll(async () => {
    await ours?.close();
    await samba?.stop();
    dir?.removeCallback();
  });

  test.each(['pointprint', 'smbd'])('smbclient against %s signs with AES-128-GMAC', async (server) => {
    const peer = peers.get(server)!;
    const target = join(dir.name, `got-${server}.bin`);
    const { stdout, stderr } = await run(
      TOOLS.smbclient,
      [
        '-p',
        String(peer.port),
        '//127.0.0.1/print$',
        '-U',
        `${peer.user}%${peer.password}`,
        '-m',
        'SMB3_11',
        '--client-protection=sign',
        '-d',
        '10',
        '-c',
        `get ${FILE} ${target}`,
      ],
      { timeout: 30000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, HOME: os.tmpdir() } },
    );
    const algorithms = new Set([...(stdout + stderr).matchAll(/sign_algo_id=(\d+)/g)].map((m) => Number(m[1])));
    expect([...algorithms]).toEqual([Smb2SigningAlgorithm.AES_GMAC]);
    expect(readFileSync(target).equals(data)).toBe(true);
  });

  test.each(['pointprint', 'smbd'])('our client against %s signs with AES-128-GMAC', async (server) => {
    const peer = peers.get(server)!;
    const client = await Smb2Client.connect({
      host: '127.0.0.1',
      port: peer.port,
      dialects: [0x0311],
      signing: 'required',
    });
    try {
      expect(client.negotiation.signingAlgorithm).toBe(Smb2SigningAlgorithm.AES_GMAC);
      const session = await client.login({ user: peer.user, password: peer.password });
      expect(session.signed).toBe(true);
      const tree = await session.treeConnect('print$');
      const chunks: Buffer[] = [];
      await tree.readFileToSink(FILE, (chunk) => {
        chunks.push(Buffer.from(chunk));
      });
      expect(Buffer.concat(chunks).equals(data)).toBe(true);
    } finally {
      await client.close();
    }
  });
});
