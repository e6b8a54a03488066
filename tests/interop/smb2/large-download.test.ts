/**
 * [Issue 3 acceptance] A 256 MiB file downloads intact through Samba's smbclient, read in
 * multi-credit READs and streamed from the store (never loaded whole), signed on 3.1.1.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';

const run = promisify(execFile);
const SIZE = 256 * 1024 * 1024;
const USER = { name: 'bulk', password: 'Bulk!256mb', groups: ['Users'] };

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** 256 MiB whose every MiB differs (a block counter in each 4 KiB), so a misplaced read shows. */
async function writeBigFile(file: string): Promise<void> {
  const handle = await fs.open(file, 'w');
  try {
    const block = Buffer.alloc(1024 * 1024);
    for (let mib = 0; mib < SIZE / block.length; mib++) {
      for (let off = 0; off < block.length; off += 4096) block.writeUInt32LE(mib * 256 + off / 4096, off);
      await handle.write(block);
    }
  } finally {
    await handle.close();
  }
}

describeWithTools(['smbclient'], 'a 256 MiB file through smbclient', () => {
  let dir: string;
  let server: FixtureServer;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-256mib-'));
    await fs.mkdir(path.join(dir, 'store', 'big'), { recursive: true });
    await writeBigFile(path.join(dir, 'store', 'big', 'big.bin'));
    server = await startFixtureServer({ drivers: path.join(dir, 'store'), users: [USER] });
  }, 60000);

  afterAll(async () => {
    await server?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  test('arrives byte for byte (SMB 3.1.1, signed)', async () => {
    const out = path.join(dir, 'downloaded.bin');
    await run(
      TOOLS.smbclient,
      [
        '-p',
        String(server.port),
        '//127.0.0.1/print$',
        '-U',
        `${USER.name}%${USER.password}`,
        '-m',
        'SMB3_11',
        '--client-protection=sign',
        '-c',
        `get big\\big.bin ${out}`,
      ],
      { timeout: 240000 },
    );
    expect((await fs.stat(out)).size).toBe(SIZE);
    expect(await sha256(out)).toBe(await sha256(path.join(dir, 'store', 'big', 'big.bin')));
  }, 300000);
});
