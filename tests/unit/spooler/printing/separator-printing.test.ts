/**
 * Separator pages through the spooler: a printer with a `Separator File` gets the rendered page
 * ahead of each job's bytes at the device; the device counts its pages (page count, paper,
 * toner), the job's TotalPages/PagesPrinted and event 307 count the job's own pages only.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import winston from 'winston';
import { DriverStore } from '../../../../lib/drivers/driver-store';
import { ModuleRegistry } from '../../../../lib/point-and-print/module-registry';
import { regSz } from '../../../../lib/common/reg-value';
import { PRINTERS_KEY } from '../../../../lib/registry/registry-key';
import { VirtualClock } from '../../../../lib/common/clock';
import { PrintServer } from '../../../../lib/spooler/print-server';
import { addPrinter, submit } from '../../../helpers/printing-server';
import { ALICE, buildDriversRoot, buildRegistry } from '../../../helpers/test-print-server';

const SEP = '\\\r\n\\LJob \\I\\L for \\N\\0\\E\r\n';

interface Setup {
  server: PrintServer;
  clock: VirtualClock;
  outputDir: string;
  warnings: string[];
}

async function setup(separatorFile: string): Promise<Setup> {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-sep-print-'));
  const systemDir = path.join(base, 'System32');
  await fs.mkdir(systemDir);
  await fs.writeFile(path.join(systemDir, 'banner.sep'), SEP, 'latin1');
  await fs.writeFile(path.join(base, 'outside.sep'), SEP, 'latin1');
  const registry = buildRegistry();
  addPrinter(registry, 'Single', 'LPT4:');
  registry.getKey(`${PRINTERS_KEY}\\Single`)?.setValue(regSz('Separator File', separatorFile));
  const warnings: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      const rec = JSON.parse(chunk.toString()) as { level: string; message: string };
      if (rec.level === 'warn') warnings.push(`${rec.message} ${chunk.toString()}`);
      done();
    },
  });
  const logger = winston.createLogger({
    level: 'debug',
    format: winston.format.json(),
    transports: [new winston.transports.Stream({ stream: sink })],
  });
  const clock = new VirtualClock();
  const stateDir = path.join(base, 'state');
  const server = await PrintServer.create({
    registry,
    driverStore: await DriverStore.open(await buildDriversRoot()),
    settings: { serverName: 'NTPRINT' },
    modules: ModuleRegistry.withBuiltins(),
    stateDir,
    clock,
    logger,
    systemDir,
    printing: { devices: { '*': { ppm: 6 } } },
  });
  clock.addSettler(() => server.whenIdle());
  return { server, clock, outputDir: path.join(stateDir, 'OUTPUT', 'LPT4'), warnings };
}

describe('separator pages at the device', () => {
  let s: Setup;
  afterEach(async () => {
    await s.server.close();
  });

  it('sends the separator ahead of the job; the device counts its page, the job does not', async () => {
    s = await setup('C:\\Windows\\System32\\banner.sep');
    const id = await submit(s.server, 'Single', ALICE, 'report.txt', 'one\ftwo\f');
    await s.clock.runUntil(() => s.server.queue.all().length === 0);
    const out = await fs.readFile(path.join(s.outputDir, `job-${String(id).padStart(5, '0')}.prn`), 'latin1');
    expect(out).toBe(`Job ${id} for alice\r\n\fone\ftwo\f`);
    const [printed] = s.server.events.recent(undefined, 307);
    expect(printed?.data.totalPages).toBe(2);
    const [device] = s.server.devicesOf('Single');
    expect(device?.pagesPrinted).toBe(3);
    // Three sheets from the first tray with paper.
    const sheets = device?.trays?.reduce((n, t) => n + t.sheets, 0);
    expect(sheets).toBe(100 + 500 - 3);
    expect(s.warnings).toEqual([]);
  });

  it('shows the job its own pages while it prints (the separator page is not among them)', async () => {
    s = await setup('banner.sep');
    const id = await submit(s.server, 'Single', ALICE, 'report.txt', 'one\ftwo\f');
    // 6 ppm: the separator page is out at 10 s, the job's first page at 20 s.
    await s.clock.advance(10_000);
    expect(s.server.queue.get(id) && (await jobPages(s, id))).toEqual({ totalPages: 2, pagesPrinted: 0 });
    await s.clock.advance(10_000);
    expect(await jobPages(s, id)).toEqual({ totalPages: 2, pagesPrinted: 1 });
    await s.clock.runUntil(() => s.server.queue.all().length === 0);
  });

  it('prints the job without a separator when the file is missing, and logs it', async () => {
    s = await setup('C:\\Windows\\System32\\missing.sep');
    const id = await submit(s.server, 'Single', ALICE, 'report.txt', 'one\f');
    await s.clock.runUntil(() => s.server.queue.all().length === 0);
    expect(await fs.readFile(path.join(s.outputDir, `job-${String(id).padStart(5, '0')}.prn`), 'latin1')).toBe('one\f');
    expect(s.server.devicesOf('Single')[0]?.pagesPrinted).toBe(1);
    expect(s.warnings.join('\n')).toMatch(/separator page not printed.*missing\.sep/);
  });

  it('refuses a separator path leaving System32 and prints the job without it', async () => {
    s = await setup('C:\\Windows\\System32\\..\\outside.sep');
    const id = await submit(s.server, 'Single', ALICE, 'report.txt', 'one\f');
    await s.clock.runUntil(() => s.server.queue.all().length === 0);
    expect(await fs.readFile(path.join(s.outputDir, `job-${String(id).padStart(5, '0')}.prn`), 'latin1')).toBe('one\f');
    expect(s.warnings.join('\n')).toMatch(/separator file refused.*parent directory/);
  });
});

async function jobPages(s: Setup, id: number): Promise<{ totalPages: number; pagesPrinted: number }> {
  const h = await s.server.openPrinter('\\\\NTPRINT\\Single', { desiredAccess: 0x8 }, ALICE);
  try {
    const j = await s.server.getJob(h, id);
    return { totalPages: j.totalPages, pagesPrinted: j.pagesPrinted };
  } finally {
    await s.server.closePrinter(h);
  }
}
