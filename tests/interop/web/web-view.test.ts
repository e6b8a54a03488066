/**
 * The live web view and a device's own page in a real browser: Debian's chromium, driven by
 * puppeteer-core, against `pointprint serve --http-port 0` from the build. Jobs are printed with
 * smbclient, faults injected with `pointprint device`, and the pages followed without a reload
 * (a marker set in the page must survive). Screenshots go to tests/interop/web/output/.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { spawnServer, type SpawnedServer } from '../../helpers/spawn-server';
import { until } from '../../helpers/until';
import { run } from '../../helpers/rpc-stack';
import { pointprint } from '../spooler/printing-host';
import { clickLive, inPage, launchChromium, screenshot, signedInPage, textOf, waitInPage } from './browser';

jest.setTimeout(120_000);

const HP = '[data-printer="HpColor"]';
const DEVICE = '[data-device="IP_10.0.0.15"]';

/** HpColor's network device: a 100-page cartridge at 80% (each page is 1%), 20 pages per minute. */
const DEVICES_JSON = {
  'IP_10.0.0.15': {
    ppm: 20,
    supplies: {
      tonerCapacityPages: 100,
      tonerPagesLeft: 80,
      tonerLowPercent: 10,
      trays: [
        { name: 'Tray 1', mediaName: 'Letter', capacity: 100, sheets: 100 },
        { name: 'Tray 2', mediaName: 'A4', capacity: 500, sheets: 500 },
      ],
    },
    faults: [],
    pagesPrinted: 0,
  },
};

describeWithTools(['chromium', 'smbclient'], 'the web view in chromium', () => {
  let state: string;
  let server: SpawnedServer;
  let url: string;
  let browser: Browser;
  let admin: Page;
  /** The spooler's id of the job printed in the second test. */
  let printedJobId = '';

  /** Prints a two-page text file with smbclient as `user` (smbclient's `print`, SMB3). */
  const smbPrint = async (user: string, name: string): Promise<void> => {
    const file = path.join(state, name);
    await fs.writeFile(file, `${name}: page one\f${name}: page two\f`);
    const r = await run(TOOLS.smbclient, [
      '//127.0.0.1/HpColor',
      '-p',
      String(server.port),
      '-U',
      user,
      '-m',
      'SMB3',
      '-c',
      `print ${file}`,
    ]);
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
  };
  const jobRow = (name: string): string =>
    `[...document.querySelectorAll('${HP} tr[data-job-id]')].find((tr) => tr.textContent.includes(${JSON.stringify(name)}))`;
  /** Marks the page; the mark is gone if the page was ever reloaded. */
  const mark = (page: Page) => inPage(page, `window.__noReload = 'kept'`);
  const stillMarked = (page: Page) => inPage<string | undefined>(page, 'window.__noReload');

  beforeAll(async () => {
    state = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-web-interop-'));
    await fs.writeFile(path.join(state, 'devices.json'), JSON.stringify(DEVICES_JSON));
    server = await spawnServer({ args: ['--state', state, '--user', 'bob:Bob!pass1:Users', '--http-port', '0'] });
    const line = await until('the web view line', () =>
      Promise.resolve(/^web view on (\S+)$/m.exec(server.stdout())?.[1] ?? undefined),
    );
    url = line;
    browser = await launchChromium();
    admin = await signedInPage(browser, 'admin', 'Adm1n!pass');
  });
  afterAll(async () => {
    await browser?.close();
    server?.kill();
    await server?.exited;
    if (state) await fs.rm(state, { recursive: true, force: true });
  });

  it('opens, asks for a sign-in, and shows HpColor with its device, toner and trays', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    // Without credentials the browser gets the Basic challenge (headless, it cannot ask: the load fails).
    const anonymous = await (await browser.createBrowserContext()).newPage();
    await expect(anonymous.goto(url)).rejects.toThrow(/ERR_INVALID_AUTH_CREDENTIALS/);
    await anonymous.close();

    const response = await admin.goto(url);
    expect(response?.status()).toBe(200);
    await admin.waitForSelector(`${HP} ${DEVICE}`);
    await waitInPage(admin, `document.querySelector('[data-live-state]').textContent === 'live'`);
    expect(await textOf(admin, '[data-user]')).toContain('admin');
    expect(await textOf(admin, `${HP} h2`)).toContain('HpColor');
    // The port monitor learns the toner from the printer's SNMP agent (every 2 s in the fixture).
    await waitInPage(admin, `document.querySelector('${DEVICE} [data-toner-percent]')?.textContent === '80%'`);
    expect(await textOf(admin, `${DEVICE} [data-tray="Tray 2"]`)).toContain('500/500 A4');
    expect(await inPage<boolean>(admin, `!!document.querySelector('[data-section="events"]')`)).toBe(true);
    await screenshot(admin, 'web-view-signed-in.png');
  });

  it('a job printed with smbclient appears, prints and finishes on the page, with no reload', async () => {
    await mark(admin);
    const updates = await inPage<string>(admin, `document.querySelector('[data-live]').dataset.updates`);
    await smbPrint('alice%Passw0rd!', 'quarterly.txt');
    await waitInPage(admin, `!!${jobRow('quarterly.txt')}`);
    expect(await inPage<string>(admin, `${jobRow('quarterly.txt')}.dataset.owner`)).toBe('alice');
    printedJobId = await inPage<string>(admin, `${jobRow('quarterly.txt')}.dataset.jobId`);
    // Printing: the job's row says so and the device shows its pages coming out.
    await waitInPage(admin, `${jobRow('quarterly.txt')}?.querySelector('[data-status="JOB_STATUS_PRINTING"]') != null`);
    await waitInPage(admin, `document.querySelector('${DEVICE}').dataset.deviceState === 'printing'`);
    await screenshot(admin, 'web-view-printing.png');
    // Finished: the row leaves the queue and event 307 says it was printed.
    await waitInPage(admin, `!${jobRow('quarterly.txt')}`);
    await waitInPage(
      admin,
      `[...document.querySelectorAll('[data-event-id="307"]')].some((tr) => tr.textContent.includes('quarterly.txt'))`,
    );
    // The view's toner follows at the port monitor's next SNMP poll.
    await waitInPage(admin, `document.querySelector('${DEVICE} [data-toner-percent]')?.textContent === '78%'`);
    expect(await stillMarked(admin)).toBe('kept');
    const after = await inPage<string>(admin, `document.querySelector('[data-live]').dataset.updates`);
    expect(Number(after)).toBeGreaterThan(Number(updates));
    await screenshot(admin, 'web-view-printed.png');
  });

  it("the device's own page opens from the view and shows the toner level falling after a job", async () => {
    const href = await inPage<string>(admin, `document.querySelector('[data-device-page="IP_10.0.0.15"]').href`);
    // The printer's own address: IP_10.0.0.15 is 127.0.0.15 (registry-fixtures/README.md).
    expect(href).toMatch(/^http:\/\/127\.0\.0\.15:\d+\/$/);
    const device = await signedInPage(browser, 'admin', 'Adm1n!pass');
    expect((await device.goto(href))?.status()).toBe(200);
    for (const part of ['status', 'supplies', 'job-log', 'network']) {
      await device.waitForSelector(`[data-section="${part}"]`);
    }
    await waitInPage(device, `document.querySelector('[data-live-state]').textContent === 'live'`);
    expect(await textOf(device, '[data-toner-percent]')).toBe('78%');
    // The device's log names a job as the spooler's PJL JOB NAME does: by its id.
    expect(await inPage<boolean>(device, `!!document.querySelector('[data-log-job="${printedJobId}"]')`)).toBe(true);
    const logged = await inPage<number>(device, `document.querySelectorAll('[data-log-job]').length`);
    await mark(device);
    await smbPrint('alice%Passw0rd!', 'minutes.txt');
    // The view while it prints: the picture in the README (docs/web-view.png is a copy of it).
    await waitInPage(admin, `${jobRow('minutes.txt')}?.querySelector('[data-status="JOB_STATUS_PRINTING"]') != null`);
    await screenshot(admin, 'web-view.png');
    await waitInPage(device, `document.querySelector('[data-toner-percent]').textContent === '76%'`);
    await waitInPage(device, `document.querySelectorAll('[data-log-job]').length === ${logged + 1}`);
    expect(await stillMarked(device)).toBe('kept');
    await screenshot(device, 'device-page.png');
    await device.close();
  });

  it('a paper-out fault shows on the device, and a device administrator clears it on its page', async () => {
    const fault = await pointprint(['device', 'HpColor', 'fault', 'paper-out', '--state', state]);
    expect(fault.code).toBe(0);
    await waitInPage(admin, `!!document.querySelector('${DEVICE} [data-fault="paper-out"]')`);
    await waitInPage(admin, `!!document.querySelector('${HP} [data-status="PRINTER_STATUS_PAPER_OUT"]')`);
    expect(await textOf(admin, `${DEVICE} [data-fault="paper-out"]`)).toBe('Out of paper');
    await screenshot(admin, 'web-view-paper-out.png');

    const href = await inPage<string>(admin, `document.querySelector('[data-device-page="IP_10.0.0.15"]').href`);
    const device = await signedInPage(browser, 'admin', 'Adm1n!pass');
    await device.goto(href);
    await device.waitForSelector('[data-fault="paper-out"]');
    await screenshot(device, 'device-page-paper-out.png');
    // The form posts; the device asks for its administrator (401), the browser signs in, the page comes back.
    await Promise.all([device.waitForNavigation({ timeout: 20_000 }), device.click('[data-clear="paper-out"]')]);
    await device.waitForSelector('[data-section="status"]');
    expect(await inPage<boolean>(device, `!!document.querySelector('[data-fault]')`)).toBe(false);
    await device.close();
    await waitInPage(admin, `!document.querySelector('${DEVICE} [data-fault]')`);
  });

  it("a user without Manage Documents cannot cancel another user's job: 403, and the job stays", async () => {
    await mark(admin);
    await clickLive(admin, `${HP} [data-printer-action="pause"]`);
    await waitInPage(admin, `!!document.querySelector('${HP} [data-status="PRINTER_STATUS_PAUSED"]')`);
    await smbPrint('bob%Bob!pass1', 'bobs-payroll.txt');

    const alice = await signedInPage(browser, 'alice', 'Passw0rd!');
    await alice.goto(url);
    await waitInPage(alice, `!!${jobRow('bobs-payroll.txt')}`);
    // Alice has no Manage Printer: no pause or resume of the printer; no event log either.
    expect(await inPage<boolean>(alice, `!!document.querySelector('${HP} [data-printer-action]')`)).toBe(false);
    expect(await inPage<boolean>(alice, `!!document.querySelector('[data-section="events"]')`)).toBe(false);
    const jobId = await inPage<string>(alice, `${jobRow('bobs-payroll.txt')}.dataset.jobId`);
    // As Windows' print queue window does, the page offers Cancel; SetJob refuses it.
    await clickLive(alice, `${HP} tr[data-job-id="${jobId}"] [data-job-action="cancel"]`);
    await waitInPage(alice, `document.querySelector('[data-live-notice]').classList.contains('failed')`);
    expect(await textOf(alice, '[data-live-notice]')).toMatch(/ERROR_ACCESS_DENIED/);
    const status = await inPage<number>(
      alice,
      `fetch('/jobs', { method: 'POST', headers: { Accept: 'application/json' },
         body: new URLSearchParams({ printer: 'HpColor', job: '${jobId}', action: 'cancel' }) }).then((r) => r.status)`,
    );
    expect(status).toBe(403);
    // The job is still there for her and for the administrator, after several updates.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await inPage<boolean>(alice, `!!${jobRow('bobs-payroll.txt')}`)).toBe(true);
    expect(await inPage<boolean>(admin, `!!${jobRow('bobs-payroll.txt')}`)).toBe(true);
    await screenshot(alice, 'web-view-access-denied.png');

    // The administrator (Manage Documents) may: the row goes on both pages, live.
    await clickLive(admin, `${HP} tr[data-job-id="${jobId}"] [data-job-action="cancel"]`);
    await waitInPage(admin, `!${jobRow('bobs-payroll.txt')}`);
    await waitInPage(alice, `!${jobRow('bobs-payroll.txt')}`);
    await clickLive(admin, `${HP} [data-printer-action="resume"]`);
    await waitInPage(admin, `!document.querySelector('${HP} [data-status="PRINTER_STATUS_PAUSED"]')`);
    expect(await stillMarked(admin)).toBe('kept');
    await alice.close();
  });
});
