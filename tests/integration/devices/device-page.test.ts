/**
 * The embedded web page of a network print device, started by the device fleet: status,
 * supplies, trays, job log and network settings, open to read; alerts cleared only by a device
 * administrator (HTTP Basic, 401 with a challenge otherwise); updates pushed as the device
 * changes; closed with the fleet.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../../../lib/common/clock';
import { createSilentLogger } from '../../../lib/common/logger';
import { DeviceFleet } from '../../../lib/devices/device-fleet';
import type { PrintDevice } from '../../../lib/devices/print-device';
import type { DevicePageModel } from '../../../lib/devices/web/device-page-view';
import { basic, postForm, readEventsUntil } from '../../helpers/http-client';

jest.setTimeout(30_000);

const ADMIN = { name: 'admin', password: 'Adm1n!pass', groups: ['Administrators'] };

describe("a network device's own web page", () => {
  let dir: string;
  let fleet: DeviceFleet;
  let device: PrintDevice;
  let url: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-devpage-'));
    fleet = await DeviceFleet.create(
      [
        { portName: 'IP_10.0.0.15', tcp: { host: '127.0.0.1', port: 9100 } },
        { portName: 'IP_10.0.0.16', tcp: { host: '127.0.0.1', port: 9101 } },
        { portName: 'LPT1:' },
      ],
      {
        clock: systemClock,
        logger: createSilentLogger(),
        outputDir: path.join(dir, 'OUTPUT'),
        devices: {
          '*': { ppm: 6000, supplies: { tonerCapacityPages: 200 } },
          'IP_10.0.0.15': { web: { admins: [ADMIN] } },
        },
      },
    );
    const attached = fleet.all().find((a) => a.portName === 'IP_10.0.0.15');
    if (!attached) throw new Error('no device on IP_10.0.0.15');
    device = attached.device;
    url = device.webPage ?? '';
  });
  afterAll(async () => {
    await fleet?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const model = async (): Promise<DevicePageModel> =>
    (await (await fetch(`${url}status.json`)).json()) as DevicePageModel;

  it('each network device serves its page on its own address; a directly attached one has none', () => {
    const [a, b, lpt] = fleet.all();
    expect(a?.device.webPage).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(b?.device.webPage).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(a?.device.webPage).not.toBe(b?.device.webPage);
    expect(lpt?.device.webPage).toBeUndefined();
    expect(a?.device.snapshot().webPage).toBe(a?.device.webPage);
  });

  it('shows status, supplies, trays and network settings to anyone', async () => {
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const text = await page.text();
    for (const part of ['status', 'supplies', 'job-log', 'network']) expect(text).toContain(`data-section="${part}"`);
    expect(text).toContain('data-toner-percent="100"');
    expect(text).toContain('data-tray="Tray 2"');
    const m = await model();
    expect(m.network).toMatchObject({ hostName: 'IP_10.0.0.15', ipAddress: '127.0.0.1' });
    expect(m.device).not.toHaveProperty('outputDir');
    expect(m.network.configured).toEqual({ host: '127.0.0.1', port: 9100 });
    expect(m.network.services.map((s) => s.name)).toEqual([
      'RAW (AppSocket/JetDirect)',
      'LPD (RFC 1179)',
      'SNMP (UDP)',
      'HTTP',
    ]);
    expect(m.network.services[3]?.port).toBe(Number(new URL(url).port));
  });

  it('logs each job, and the toner level falls', async () => {
    const out = await device.print({ jobId: 7, documentName: 'report.txt', data: Buffer.from('x'), pages: 3 });
    expect(out.outcome).toBe('printed');
    const m = await model();
    expect(m.toner).toMatchObject({ percent: 98, pagesLeft: 197, capacityPages: 200 });
    expect(m.jobLog[0]).toMatchObject({ jobId: 7, documentName: 'report.txt', pages: 3, outcome: 'printed' });
    expect(await (await fetch(url)).text()).toContain('data-log-job="7"');
  });

  it('pushes the page again when a fault comes, and only a device administrator clears it', async () => {
    const seen = await readEventsUntil(
      `${url}events`,
      {},
      'the paper-out alert on the stream',
      (e) => e.data.includes('data-fault="paper-out"'),
      10_000,
      () => setTimeout(() => device.injectFault('paper-out'), 100),
    );
    expect(seen[0]?.data).not.toContain('data-fault="paper-out"');
    const clear = (headers: Record<string, string>) => postForm(`${url}faults/clear`, { fault: 'paper-out' }, headers);
    const anonymous = await clear({});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="IP_10.0.0.15 administrator", charset="UTF-8"');
    // A server account that is not the device's administrator is not known to the device.
    expect((await clear({ Authorization: basic('alice', 'Passw0rd!') })).status).toBe(401);
    expect((await clear({ Authorization: basic('admin', 'Adm1n!pass'), Origin: 'http://evil.example' })).status).toBe(
      403,
    );
    expect(device.faults).toEqual(['paper-out']);
    const done = await clear({ Authorization: basic('admin', 'Adm1n!pass') });
    expect([done.status, done.headers.get('location')]).toEqual([303, '/']);
    expect(device.faults).toEqual([]);
    const bad = await postForm(
      `${url}faults/clear`,
      { fault: 'fire' },
      { Authorization: basic('admin', 'Adm1n!pass') },
    );
    expect(bad.status).toBe(400);
  });

  it('a device without an administrator account refuses every change', async () => {
    const other = fleet.all().find((a) => a.portName === 'IP_10.0.0.16')?.device;
    other?.injectFault('jam');
    const r = await postForm(
      `${other?.webPage ?? ''}faults/clear`,
      { fault: 'all' },
      {
        Authorization: basic('admin', 'Adm1n!pass'),
      },
    );
    expect(r.status).toBe(403);
    expect(other?.faults).toEqual(['jam']);
    expect(await (await fetch(other?.webPage ?? '')).text()).toContain('No administrator account is configured');
  });

  it('closes with the fleet', async () => {
    const extra = await DeviceFleet.create([{ portName: 'IP_X', tcp: { host: '127.0.0.1', port: 9100 } }], {
      clock: systemClock,
      logger: createSilentLogger(),
      outputDir: path.join(dir, 'OUT2'),
    });
    const page = extra.all()[0]?.device.webPage ?? '';
    expect((await fetch(page)).status).toBe(200);
    await extra.close();
    await expect(fetch(page)).rejects.toThrow();
  });
});
