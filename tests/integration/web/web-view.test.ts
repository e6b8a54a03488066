/**
 * The live web view against a real print server host (NTPRINT, a state directory, emulated
 * devices): HTTP Basic against the server's accounts, what each user sees (printers, queues,
 * devices; the event log for administrators only), job and printer controls through SetJob and
 * SetPrinter with the user's identity (403 where the spooler says access denied), cross-site
 * posts refused, and the event stream following the queue.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSilentLogger } from '../../../lib/common/logger';
import { PrintServerHost } from '../../../lib/host/print-server-host';
import { AccessMask, PrinterControl } from '../../../lib/spoolss/constants';
import type { CallerContext } from '../../../lib/spoolss/types';
import type { LiveView } from '../../../lib/web/live-view-model';
import { basic, postForm, readEventsUntil } from '../../helpers/http-client';
import { until } from '../../helpers/until';

jest.setTimeout(30_000);

const BOB = { name: 'bob', password: 'Bob!pass1', groups: ['Users'] };
const ALICE = basic('alice', 'Passw0rd!');
const ADMIN = basic('admin', 'Adm1n!pass');
const caller = (userName: string, isAdministrator = false): CallerContext => ({
  userName,
  groups: [isAdministrator ? 'Administrators' : 'Users'],
  isAdministrator,
  remote: false,
});

describe('the live web view', () => {
  let state: string;
  let host: PrintServerHost;
  let url: string;

  const view = async (auth: string): Promise<LiveView> => {
    const r = await fetch(`${url}api/view`, { headers: { Authorization: auth } });
    expect(r.status).toBe(200);
    return (await r.json()) as LiveView;
  };
  const jobsOn = async (auth: string, printer: string) =>
    (await view(auth)).printers.find((p) => p.name === printer)?.jobs ?? [];

  /** A job submitted in process, as its owner, through the provider. */
  const submit = async (owner: CallerContext, documentName: string): Promise<number> => {
    const ps = host.printServer;
    const h = await ps.openPrinter('HpColor', { desiredAccess: AccessMask.PRINTER_ACCESS_USE }, owner);
    try {
      const jobId = await ps.startDocPrinter(h, { documentName });
      await ps.writePrinter(h, Buffer.from('page one\fpage two\f'));
      await ps.endDocPrinter(h);
      return jobId;
    } finally {
      await ps.closePrinter(h);
    }
  };

  beforeAll(async () => {
    state = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-web-'));
    host = await PrintServerHost.create({ stateDir: state, users: [BOB], logger: createSilentLogger() });
    await host.listen(0, '127.0.0.1');
    url = (await host.startWebView(0)).url;
    // Jobs stay queued while the printer is paused.
    const h = await host.printServer.openPrinter(
      'HpColor',
      { desiredAccess: AccessMask.PRINTER_ACCESS_ADMINISTER },
      caller('admin', true),
    );
    await host.printServer.setPrinter(h, { command: PrinterControl.PRINTER_CONTROL_PAUSE });
    await host.printServer.closePrinter(h);
  });
  afterAll(async () => {
    await host?.close();
    await fs.rm(state, { recursive: true, force: true });
  });

  it('listens on loopback and asks for the server accounts (401 with a Basic challenge)', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const none = await fetch(url);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Basic realm="pointprint NTPRINT", charset="UTF-8"');
    expect((await fetch(url, { headers: { Authorization: basic('alice', 'wrong') } })).status).toBe(401);
    expect((await fetch(url, { headers: { Authorization: basic('mallory', 'Passw0rd!') } })).status).toBe(401);
    // The script and the stylesheet hold nothing private.
    const script = await fetch(`${url}assets/live.js`);
    expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    const page = await fetch(url, { headers: { Authorization: ALICE } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('data-printer="HpColor"');
  });

  it('shows printers, hours, devices with toner and trays; the event log to administrators only', async () => {
    const alice = await view(ALICE);
    const hp = alice.printers.find((p) => p.name === 'HpColor');
    expect(hp).toMatchObject({ paused: true, canManagePrinter: false, pool: false, availability: 'always' });
    expect(hp?.statusNames).toContain('PRINTER_STATUS_PAUSED');
    // The port monitor learns the toner from the device's SNMP agent at its first poll.
    const device = await until('the first SNMP poll of IP_10.0.0.15', async () => {
      const d = (await view(ALICE)).printers.find((p) => p.name === 'HpColor')?.devices[0];
      return d?.tonerPercent !== undefined ? d : undefined;
    });
    expect(device).toMatchObject({ port: 'IP_10.0.0.15', tonerPercent: 100, faults: [] });
    expect(device?.trays?.map((t) => t.name)).toEqual(['Tray 1', 'Tray 2']);
    expect(device?.webPage).toMatch(/^http:\/\/127\.0\.0\.\d+:\d+\/$/);
    // Where the emulator writes printed output is a path on the host, not shown.
    expect(device).not.toHaveProperty('outputDir');
    expect(alice.events).toBeUndefined();
    const admin = await view(ADMIN);
    expect(admin.printers.find((p) => p.name === 'HpColor')?.canManagePrinter).toBe(true);
    expect(admin.events?.some((e) => e.id === 303)).toBe(true);
    const adminPage = await (await fetch(url, { headers: { Authorization: ADMIN } })).text();
    expect(adminPage).toContain('data-section="events"');
    const alicePage = await (await fetch(url, { headers: { Authorization: ALICE } })).text();
    expect(alicePage).not.toContain('data-section="events"');
  });

  it('escapes what clients named (a document name cannot become markup)', async () => {
    await submit(caller('bob'), '<img src=x onerror=alert(1)>.txt');
    const page = await (await fetch(url, { headers: { Authorization: ALICE } })).text();
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;.txt');
    expect(page).not.toContain('<img src=x');
  });

  it("cancel goes through SetJob as the user: 403 on another user's job, which stays; the owner may", async () => {
    const bobs = await submit(caller('bob'), 'bob-report.txt');
    const alices = await submit(caller('alice'), 'alice-notes.txt');
    const denied = await postForm(
      `${url}jobs`,
      { printer: 'HpColor', job: String(bobs), action: 'cancel' },
      { Authorization: ALICE, Accept: 'application/json' },
    );
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: string }).error).toMatch(/^ERROR_ACCESS_DENIED: /);
    expect((await jobsOn(ALICE, 'HpColor')).map((j) => j.jobId)).toContain(bobs);
    const own = await postForm(
      `${url}jobs`,
      { printer: 'HpColor', job: String(alices), action: 'cancel' },
      { Authorization: ALICE, Accept: 'application/json' },
    );
    expect(own.status).toBe(200);
    // Without Accept: application/json (a plain form), the answer sends the browser back to the page.
    const paused = await postForm(
      `${url}jobs`,
      { printer: 'HpColor', job: String(bobs), action: 'pause' },
      { Authorization: ADMIN },
    );
    expect([paused.status, paused.headers.get('location')]).toEqual([303, '/']);
    const jobs = await jobsOn(ALICE, 'HpColor');
    expect(jobs.map((j) => j.jobId)).not.toContain(alices);
    expect(jobs.find((j) => j.jobId === bobs)?.statusNames).toContain('JOB_STATUS_PAUSED');
  });

  it('pausing a printer takes Manage Printer (SetPrinter); bad requests and cross-site posts are refused', async () => {
    const post = (fields: Record<string, string>, headers: Record<string, string>) =>
      postForm(`${url}printers`, fields, { Accept: 'application/json', ...headers });
    expect((await post({ printer: 'HpColor', action: 'resume' }, { Authorization: ALICE })).status).toBe(403);
    expect((await post({ printer: 'HpColor', action: 'explode' }, { Authorization: ADMIN })).status).toBe(400);
    expect((await post({ printer: 'NoSuch', action: 'pause' }, { Authorization: ADMIN })).status).toBe(404);
    const crossSite = await post(
      { printer: 'HpColor', action: 'resume' },
      { Authorization: ADMIN, Origin: 'http://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    const notForm = await fetch(`${url}printers`, {
      method: 'POST',
      body: JSON.stringify({ printer: 'HpColor', action: 'resume' }),
      headers: { Authorization: ADMIN, 'Content-Type': 'application/json' },
    });
    expect(notForm.status).toBe(415);
    expect((await view(ADMIN)).printers.find((p) => p.name === 'HpColor')?.paused).toBe(true);
  });

  it('the event stream sends the content again when the queue changes', async () => {
    let submitted: Promise<number> | undefined;
    const events = await readEventsUntil(
      `${url}events`,
      { Authorization: ALICE },
      'a fragment with the new job',
      (e) => e.event === 'fragment' && e.data.includes('stream-test.txt'),
      10_000,
      () => {
        submitted ??= submit(caller('alice'), 'stream-test.txt');
      },
    );
    // The job is in before the server closes (a handle still open then would be closed under it).
    await submitted;
    expect(events[0]?.event).toBe('fragment');
    expect(events.at(-1)?.data).toContain('data-printer="HpColor"');
    // An event stream needs the same sign-in.
    expect((await fetch(`${url}events`)).status).toBe(401);
  });
});
