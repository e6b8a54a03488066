/**
 * A print server that answers GetPrinterDriverPackagePath with a hostile CAB (built byte by byte
 * in tests/helpers/cab-builder.ts, put in a copy of the drivers store): the client refuses it,
 * writes nothing outside its staging folder (which it removes), logs events 600 and 601, and
 * falls back to the file-by-file copy, as Windows does.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { addPrinterConnection } from '../../../lib/client/add-printer-connection';
import { ClientState } from '../../../lib/client/client-state';
import type { ClientFlowEvent } from '../../../lib/client/flow-events';
import { buildCab, type TestCabFile, type TestCabOptions } from '../../helpers/cab-builder';
import { DRIVERS_STORE } from '../../helpers/hostile-server';
import { startPackagePrintServer, type PackagePrintServer } from '../../helpers/package-print-server';

const DRIVER = 'HP Color LaserJet 4500 PCL Package';

async function realInf(): Promise<Buffer> {
  const pcc = path.join(DRIVERS_STORE, 'x64', 'PCC');
  const cab = (await fs.readdir(pcc)).find((n) => n.startsWith('hpcpkg.inf_'))!;
  const { CabinetReader } = await import('../../../lib/drivers/cabinet-reader');
  const { bufferCabinetSource } = await import('../../../lib/drivers/cabinet-source');
  const { createDigestSink } = await import('../../../lib/drivers/cabinet-sinks');
  const reader = await CabinetReader.open(bufferCabinetSource(await fs.readFile(path.join(pcc, cab))));
  const sink = createDigestSink((e) => e.name === 'hpcpkg.inf', 1 << 20);
  await reader.extract(sink);
  return sink.files.find((f) => f.content)!.content!;
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    out.push(p);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
  }
  return out;
}

describe('a hostile driver package CAB', () => {
  let store: string;
  let sandbox: string;
  let inf: Buffer;
  const evil = (name: string) => `\\\\NTPRINT\\print$\\x64\\PCC\\${name}`;

  beforeAll(async () => {
    inf = await realInf();
    store = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-hostile-store-'));
    await fs.cp(DRIVERS_STORE, store, { recursive: true });
  });
  afterAll(async () => {
    await fs.rm(store, { recursive: true, force: true });
  });
  beforeEach(async () => {
    sandbox = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-hostile-client-'));
  });
  afterEach(async () => {
    await fs.rm(sandbox, { recursive: true, force: true });
  });

  async function connectWith(cabName: string, files: readonly TestCabFile[], options: TestCabOptions = {}) {
    await fs.writeFile(path.join(store, 'x64', 'PCC', cabName), buildCab(files, options));
    const s: PackagePrintServer = await startPackagePrintServer({
      driversRoot: store,
      lie: (id) => (/hpcpkg\.inf/i.test(id) ? evil(cabName) : undefined),
    });
    const clientRoot = path.join(sandbox, 'client');
    const events: ClientFlowEvent[] = [];
    try {
      const result = await addPrinterConnection('\\\\NTPRINT\\HpColorPkg', {
        clientRoot,
        connector: s.connector,
        credentials: s.credentials,
        onEvent: (e) => events.push(e),
      });
      return { result, events, clientRoot };
    } finally {
      await s.close();
    }
  }

  async function expectRefusedAndFellBack(run: Awaited<ReturnType<typeof connectWith>>, reason: RegExp) {
    const { events, clientRoot, result } = run;
    const failed = events.find((e) => e.kind === 'package' && e.stage === 'failed');
    expect(failed && failed.kind === 'package' && failed.detail).toMatch(reason);
    expect(events.filter((e) => e.kind === 'package').map((e) => (e.kind === 'package' ? e.stage : ''))).toContain(
      'fallback',
    );
    expect(result.connection.driverName).toBe(DRIVER);
    // Only the core package was staged; no staging folder or downloaded CAB is left.
    const repo = path.join(clientRoot, 'System32', 'DriverStore', 'FileRepository');
    expect(await fs.readdir(repo)).toEqual([expect.stringMatching(/^ntprint\.inf_amd64_[0-9a-f]{16}$/)]);
    expect(await fs.readdir(path.join(clientRoot, 'System32', 'DriverStore', 'Temp'))).toEqual([]);
    // Nothing of the CAB anywhere in the sandbox, and nothing outside the client root.
    expect(await fs.readdir(sandbox)).toEqual(['client']);
    expect((await filesUnder(sandbox)).filter((p) => /evil/i.test(p))).toEqual([]);
    const state = await ClientState.load(clientRoot);
    expect(state.data.eventLog.map((e) => e.eventId)).toEqual(expect.arrayContaining([600, 601, 316]));
    expect(state.findDriver(DRIVER, 'Windows x64', 3)?.package).toBeUndefined();
  }

  it('with a name that climbs out of its folder', async () => {
    const run = await connectWith('evil-traversal.cab', [
      { name: 'hpcpkg.inf', data: inf },
      { name: '..\\..\\..\\..\\evil.dll', data: Buffer.from('MZ evil') },
    ]);
    await expectRefusedAndFellBack(run, /unsafe-name.*parent directory/);
  });

  it('with a file that claims more bytes than the cabinet holds', async () => {
    const run = await connectWith('evil-sizelie.cab', [
      { name: 'hpcpkg.inf', data: inf },
      { name: 'HPCPKG.GPD', data: Buffer.from('x'.repeat(100)), cbFile: 5_000_000 },
    ]);
    await expectRefusedAndFellBack(run, /size-mismatch/);
  });

  it('with a truncated block', async () => {
    const whole = buildCab([{ name: 'hpcpkg.inf', data: inf }]);
    const cut = Buffer.from(whole.subarray(0, whole.length - 40));
    cut.writeUInt32LE(cut.length, 8);
    await fs.writeFile(path.join(store, 'x64', 'PCC', 'evil-truncated.cab'), cut);
    const run = await connectWith('evil-truncated.cab', [{ name: 'hpcpkg.inf', data: inf }], {
      mangleBlock: (_i, b) => {
        b.cbData += 40; // the block says it is longer than what follows
      },
    });
    await expectRefusedAndFellBack(run, /truncated/);
  });

  it('that is a cabinet bomb, refused before anything is inflated', async () => {
    const zeros = Buffer.concat([Buffer.from('CK', 'latin1'), deflateRawSync(Buffer.alloc(0x8000))]);
    const before = process.memoryUsage().rss;
    const run = await connectWith(
      'evil-bomb.cab',
      [{ name: 'evil.dll', data: Buffer.alloc(0), cbFile: 8000 * 0x8000 }],
      {
        rawBlocks: Array.from({ length: 8000 }, () => [0x8000, zeros] as const),
      },
    );
    await expectRefusedAndFellBack(run, /limit.*ratio/);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('whose INF names a file the cabinet lacks', async () => {
    const run = await connectWith('evil-missing.cab', [
      { name: 'hpcpkg.inf', data: inf },
      { name: 'Hpclrlsr.icm', data: Buffer.from('profile') },
    ]);
    await expectRefusedAndFellBack(run, /names HPCPKG\.GPD, which the package lacks/);
  });

  it('whose INF does not name the driver', async () => {
    const other = Buffer.from(
      inf.toString('latin1').replace(/HP Color LaserJet 4500 PCL Package/g, 'Something Else'),
      'latin1',
    );
    const run = await connectWith('evil-otherdriver.cab', [{ name: 'hpcpkg.inf', data: other }]);
    await expectRefusedAndFellBack(run, /does not name the driver/);
  });

  it('on another server or share: refused before any download', async () => {
    for (const [cab, reason] of [
      ['\\\\EVIL\\print$\\x64\\PCC\\a.cab', /not on \\\\NTPRINT/],
      ['\\\\NTPRINT\\C$\\Windows\\a.cab', /not on the PRINT\$ share/],
    ] as const) {
      const s = await startPackagePrintServer({
        driversRoot: store,
        lie: (id) => (/hpcpkg/i.test(id) ? cab : undefined),
      });
      const events: ClientFlowEvent[] = [];
      try {
        await addPrinterConnection('\\\\NTPRINT\\HpColorPkg', {
          clientRoot: path.join(sandbox, 'client'),
          connector: s.connector,
          credentials: s.credentials,
          onEvent: (e) => events.push(e),
        });
      } finally {
        await s.close();
      }
      expect(events.filter((e) => e.kind === 'download' && e.what === 'package')).toHaveLength(1); // the core package only
      expect(events.find((e) => e.kind === 'package' && e.stage === 'failed')).toMatchObject({
        detail: expect.stringMatching(reason) as string,
      });
      await fs.rm(path.join(sandbox, 'client'), { recursive: true });
    }
  });
});
