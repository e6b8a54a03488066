import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageStats } from '../../../../lib/spooler/services/usage-stats';

describe('UsageStats', () => {
  let stateDir: string;
  beforeEach(async () => {
    stateDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-usage-'));
  });
  afterEach(async () => {
    await fs.rm(stateDir, { recursive: true, force: true });
  });

  it('counts jobs, pages and bytes per printer and per user (user names case-insensitive)', () => {
    const usage = new UsageStats(undefined);
    usage.record('HpColor', 'Alice', 2, 100);
    usage.record('HpColor', 'alice', 1, 50);
    usage.record('Single', 'bob', 3, 13);
    expect(usage.snapshot()).toEqual({
      printers: { HpColor: { jobs: 2, pages: 3, bytes: 150 }, Single: { jobs: 1, pages: 3, bytes: 13 } },
      users: { alice: { jobs: 2, pages: 3, bytes: 150 }, bob: { jobs: 1, pages: 3, bytes: 13 } },
    });
  });

  it('keeps its counters in usage.json across restarts, and stops writing once closed', async () => {
    const first = new UsageStats(stateDir);
    first.record('HpColor', 'alice', 2, 100);
    await first.close();
    first.record('HpColor', 'alice', 5, 500);
    const second = new UsageStats(stateDir);
    expect(second.snapshot().printers.HpColor).toEqual({ jobs: 1, pages: 2, bytes: 100 });
    expect(JSON.parse(await fs.readFile(path.join(stateDir, 'usage.json'), 'utf8'))).toEqual(second.snapshot());
  });

  it('a usage.json that cannot be read is kept aside and counting starts again', async () => {
    await fs.writeFile(path.join(stateDir, 'usage.json'), '{"printers": {"HpColor": {"jobs": 3');
    const usage = new UsageStats(stateDir);
    expect(usage.snapshot()).toEqual({ printers: {}, users: {} });
    expect(await fs.readFile(path.join(stateDir, 'usage.json.corrupt-truncated'), 'utf8')).toContain('HpColor');
    usage.record('Single', 'bob', 1, 10);
    await usage.close();
    expect(JSON.parse(await fs.readFile(path.join(stateDir, 'usage.json'), 'utf8'))).toEqual(usage.snapshot());
  });

  it('a snapshot is a copy', () => {
    const usage = new UsageStats(undefined);
    usage.record('HpColor', 'alice', 1, 1);
    const snap = usage.snapshot();
    usage.record('HpColor', 'alice', 1, 1);
    expect(snap.printers.HpColor?.jobs).toBe(1);
  });
});
