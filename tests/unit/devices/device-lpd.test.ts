/**
 * A network device's LPD: jobs are received and the connection closed at once (the sender is
 * done), then printed one after another on the device's own time; PJL-wrapped jobs keep the
 * spooler's job id, others get a device job number; the spool is bounded.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VirtualClock } from '../../../lib/common/clock';
import { createSilentLogger } from '../../../lib/common/logger';
import { DeviceLpd, MAX_SPOOLED_LPD_JOBS } from '../../../lib/devices/device-lpd';
import { LprRefusedError } from '../../../lib/devices/lpr/lpr-errors';
import { sendLprJob, type LprJob } from '../../../lib/devices/lpr/lpr-sender';
import { wrapPjlJob } from '../../../lib/devices/pjl';
import { outputFileName, PrintDevice } from '../../../lib/devices/print-device';

const PAGE_MS = 10_000; // 6 ppm

describe('DeviceLpd', () => {
  let dir: string;
  let clock: VirtualClock;
  let device: PrintDevice;
  let lpd: DeviceLpd;
  let port: number;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-lpd-'));
    clock = new VirtualClock();
    device = new PrintDevice({ name: 'IP_10.0.0.16', ppm: 6, outputDir: dir }, clock, createSilentLogger());
    lpd = new DeviceLpd(device, createSilentLogger());
    ({ port } = await lpd.listen(0, '127.0.0.1'));
  });
  afterEach(async () => {
    await lpd.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const send = (data: Buffer, over: Partial<LprJob> = {}): Promise<void> =>
    sendLprJob({
      host: '127.0.0.1',
      port,
      queue: 'PASSTHRU',
      byteCounting: true,
      data,
      jobId: 1,
      hostName: 'NTPRINT',
      userName: 'alice',
      ...over,
    });
  const output = (jobId: number): Promise<string> => fs.readFile(path.join(dir, outputFileName(jobId)), 'latin1');

  it('takes jobs at once and prints them in turn: the spooler job by its id, a plain one byte for byte', async () => {
    await send(wrapPjlJob(12, 2, Buffer.from('one\ftwo\f')), { jobId: 12 });
    const plain = Buffer.from([0, 1, 2, 0x0c, 0xff, 0x1b]);
    await send(plain, { byteCounting: false, jobId: 13 });
    // Both senders are done; nothing is printed yet.
    expect(lpd.pending).toBe(2);
    expect(device.currentJobId).toBe(12);
    await clock.advance(2 * PAGE_MS);
    await device.whenIdle();
    expect(await output(12)).toBe('one\ftwo\f');
    expect(device.currentJobId).toBe(90001);
    await clock.advance(2 * PAGE_MS);
    await device.whenIdle();
    expect(Buffer.from(await output(90001), 'latin1')).toEqual(plain);
    expect(lpd.pending).toBe(0);
    expect(device.snapshot().pagesPrinted).toBe(4);
  });

  it('waits while the device prints a job from elsewhere', async () => {
    const raw = device.print({ jobId: 5, documentName: 'raw', data: Buffer.from('r\f'), pages: 1 });
    await send(Buffer.from('l\f'));
    expect([lpd.pending, device.currentJobId]).toEqual([1, 5]);
    await clock.advance(PAGE_MS);
    expect(await raw).toMatchObject({ outcome: 'printed' });
    expect(device.currentJobId).toBe(90001);
    await clock.advance(PAGE_MS);
    await device.whenIdle();
    expect(await output(90001)).toBe('l\f');
  });

  it("a device restored from its saved state goes on numbering LPD jobs; an earlier job's output stays", async () => {
    await send(Buffer.from('first\f'));
    await clock.advance(PAGE_MS);
    await device.whenIdle();
    await lpd.close();
    // Plugged in again (or the server restarted) with the state the fleet saved.
    device = new PrintDevice({ name: 'IP_10.0.0.16', ppm: 6, outputDir: dir }, clock, createSilentLogger(), {
      ...device.state(),
    });
    lpd = new DeviceLpd(device, createSilentLogger());
    ({ port } = await lpd.listen(0, '127.0.0.1'));
    await send(Buffer.from('second\f'));
    await clock.advance(PAGE_MS);
    await device.whenIdle();
    expect([await output(90001), await output(90002)]).toEqual(['first\f', 'second\f']);
  });

  it(`spools at most ${MAX_SPOOLED_LPD_JOBS} jobs; the next is refused`, async () => {
    device.injectFault('offline');
    for (let i = 0; i < MAX_SPOOLED_LPD_JOBS; i++) await send(Buffer.from(`job ${i}\f`), { jobId: i });
    await expect(send(Buffer.from('one too many'))).rejects.toBeInstanceOf(LprRefusedError);
    expect(lpd.pending).toBe(MAX_SPOOLED_LPD_JOBS);
  });

  it('closing drops the spool and stops the job printing, as a power-off', async () => {
    await send(Buffer.from('a\fb\fc\f'));
    await send(Buffer.from('d\f'));
    await clock.advance(PAGE_MS);
    expect(device.snapshot().currentJob).toMatchObject({ jobId: 90001, pagesPrinted: 1 });
    await lpd.close();
    expect([device.busy, lpd.pending]).toEqual([false, 0]);
    await clock.advance(10 * PAGE_MS);
    expect(await fs.readdir(dir)).toEqual([]);
  });
});
