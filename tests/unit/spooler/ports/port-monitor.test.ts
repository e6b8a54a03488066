import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../../../../lib/common/clock';
import { createSilentLogger } from '../../../../lib/common/logger';
import { DeviceFleet } from '../../../../lib/devices/device-fleet';
import { PortMonitors } from '../../../../lib/spooler/ports/port-monitor';

describe('port monitors', () => {
  let dir: string;
  let fleet: DeviceFleet;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-monitors-'));
    fleet = await DeviceFleet.create(
      [{ portName: 'LPT1:' }, { portName: 'IP_10.0.0.5', tcp: { host: '127.0.0.1', port: 9100 } }],
      // 600 ppm: a page takes 100 ms of real time.
      { clock: systemClock, logger: createSilentLogger(), outputDir: dir, devices: { '*': { ppm: 600 } } },
    );
  });
  afterEach(async () => {
    await fleet.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reaches an attached device through Local Port and a network device through Standard TCP/IP', () => {
    const monitors = new PortMonitors(fleet, createSilentLogger());
    expect(monitors.port('lpt1:')?.kind).toBe('local');
    const tcp = monitors.port('IP_10.0.0.5');
    expect(tcp?.kind).toBe('tcp');
    expect(tcp?.address).toBe(`127.0.0.1:${fleet.all()[1]?.network?.port}`);
    expect(monitors.port('LPT2:')).toBeUndefined();
    expect(monitors.all().map((t) => t.portName)).toEqual(['LPT1:', 'IP_10.0.0.5']);
  });

  it("sends a job over TCP wrapped in PJL; the device's USTATUS JOB END says it printed", async () => {
    const monitors = new PortMonitors(fleet, createSilentLogger());
    const send = monitors.port('IP_10.0.0.5')?.send({
      jobId: 7,
      documentName: 'report.txt',
      data: Buffer.from('one\ftwo\f'),
      pages: 2,
    });
    const outcome = await send?.done;
    expect(outcome).toMatchObject({ outcome: 'printed', pages: 2 });
    if (outcome?.outcome !== 'printed') return;
    expect(await fs.readFile(outcome.outputFile, 'latin1')).toBe('one\ftwo\f');
  });

  it('a job aborted on a local port is not printed', async () => {
    const monitors = new PortMonitors(fleet, createSilentLogger());
    const send = monitors
      .port('LPT1:')
      ?.send({ jobId: 8, documentName: 'd', data: Buffer.from('a\fb\fc\f'), pages: 3 });
    send?.abort();
    expect((await send?.done)?.outcome).toBe('aborted');
  });
});
