/**
 * The print server end to end with real tools: smbclient `print` submits to the printer share,
 * rpcclient `enumjobs` lists the queue over MS-RPRN, the pointprint CLI manages printers, jobs
 * and devices over the control channel, and the job comes out of the RAW network device behind
 * HpColor's Standard TCP/IP port.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ServerStatus } from '../../../lib/spooler/print-server';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { until } from '../../helpers/until';
import { pointprint, startPrintingHost, type PrintingHost } from './printing-host';
import { ALICE, rpcclient, run } from '../../helpers/rpc-stack';

jest.setTimeout(60000);

const BOB = 'bob%Bob!pass1';

describeWithTools(['smbclient', 'rpcclient'], 'printing through pointprint with smbclient and rpcclient', () => {
  let state: string;
  let port: number;
  let file: string;
  let printing: PrintingHost;
  beforeAll(async () => {
    printing = await startPrintingHost('pp-serve-');
    ({ state, port, file } = printing);
  });
  afterAll(async () => {
    await printing?.close();
  });

  const smbPrint = (user: string) =>
    run(TOOLS.smbclient, ['//127.0.0.1/HpColor', '-p', String(port), '-U', user, '-m', 'SMB3', '-c', `print ${file}`]);

  it('smbclient print queues a job that rpcclient enumjobs and pointprint status show; bob may not cancel it', async () => {
    expect((await pointprint(['printer', 'pause', 'HpColor', '--state', state])).code).toBe(0);
    const r = await smbPrint(ALICE);
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
    const jobs = await rpcclient(port, ALICE, 'enumjobs HpColor 1');
    expect(jobs.stdout).toContain('report.txt');
    expect(jobs.stdout).toMatch(/alice/i);
    // What smbclient's `queue` shows over SMB1 (job id, size, name), here over MS-RPRN: `queue` is an
    // SMB1 RAP call that smbclient does not send on an SMB2/3 connection, to smbd either
    // (docs/spooler-decisions.md, "smbclient queue").
    const level2 = await rpcclient(port, ALICE, 'enumjobs HpColor 2');
    // rpcclient's JOB_INFO_2 line: `<n>: jobid[<id>]: <user> <document> <datatype> <printed>/<total> pages, <size> bytes`.
    expect(level2.stdout).toMatch(/^\d+: jobid\[\d+\]: alice \S*report\.txt\S* .*, 18 bytes$/m);
    const status = JSON.parse((await pointprint(['status', '--json', '--state', state])).out) as ServerStatus;
    const hp = status.printers.find((p) => p.name === 'HpColor');
    expect(hp?.statusNames).toContain('PRINTER_STATUS_PAUSED');
    const job = hp?.jobs[0];
    expect(job?.documentName).toContain('report.txt');
    expect(job).toMatchObject({ userName: 'alice', size: 18 });
    const bob = await pointprint([
      'job',
      'cancel',
      String(job?.jobId),
      '--printer',
      'HpColor',
      '--state',
      state,
      '-U',
      BOB,
    ]);
    expect(bob.code).toBe(1);
    expect(bob.err).toMatch(/access denied/i);
    const bobPause = await pointprint(['printer', 'resume', 'HpColor', '--state', state, '-U', BOB]);
    expect(bobPause.code).toBe(1);
  });

  it('resumed, the job goes over TCP to the RAW device, prints, and event 307 is logged', async () => {
    expect((await pointprint(['device', 'HpColor', 'ppm', '6000', '--state', state])).code).toBe(0);
    expect((await pointprint(['printer', 'resume', 'HpColor', '--state', state, '-U', 'admin%Adm1n!pass'])).code).toBe(
      0,
    );
    const outDir = path.join(state, 'OUTPUT', 'IP_10.0.0.15');
    const files = await until('output', async () => {
      const names = await fs.readdir(outDir).catch(() => [] as string[]);
      return names.some((n) => n.endsWith('.prn')) ? names : undefined;
    });
    expect(files).toHaveLength(1);
    expect(await fs.readFile(path.join(outDir, files[0] ?? ''), 'latin1')).toBe('page one\fpage two\f');
    const status = await until('307', async () => {
      const s = JSON.parse((await pointprint(['status', '--json', '--state', state])).out) as ServerStatus;
      return s.events.some((e) => e.id === 307) ? s : undefined;
    });
    const e307 = status.events.find((e) => e.id === 307);
    expect(e307?.data).toMatchObject({
      userName: 'alice',
      printerName: 'HpColor',
      portName: 'IP_10.0.0.15',
      size: 18,
      totalPages: 2,
    });
    expect(status.usage.users.alice).toMatchObject({ jobs: 1, pages: 2 });
    const text = await pointprint(['status', '--state', state]);
    expect(text.out).toContain('HpColor (shared as HpColor)');
    expect(text.out).toMatch(/device IP_10\.0\.0\.15 \(RAW 127\.0\.0\.15:\d+\): (idle|unknown)/);
  });

  it('pointprint device fault shows in status and rpcclient getprinter; clear brings it back', async () => {
    expect((await pointprint(['device', 'HpColor', 'fault', 'paper-out', '--state', state])).code).toBe(0);
    // The spooler learns it from the next SNMP poll of the printer (tests/interop/devices/printer-status-snmp).
    await until('PAPER_OUT', async () => {
      const s = JSON.parse((await pointprint(['status', '--json', '--state', state])).out) as ServerStatus;
      return (
        s.printers.find((p) => p.name === 'HpColor')?.statusNames.includes('PRINTER_STATUS_PAPER_OUT') || undefined
      );
    });
    const gp = await rpcclient(port, ALICE, 'getprinter HpColor 2');
    expect(gp.stdout).toMatch(/status:\[0x[0-9a-f]*1[0-9a-f]\]|status:\[0x12\]/i);
    expect((await pointprint(['device', 'HpColor', 'clear', '--state', state, '-U', 'alice%Passw0rd!'])).code).toBe(1);
    expect((await pointprint(['device', 'HpColor', 'clear', '--state', state])).code).toBe(0);
    expect(
      (await pointprint(['print', file, '--printer', 'HpColor', '--state', state, '-U', 'alice%Passw0rd!'])).out,
    ).toMatch(/job \d+ queued/);
  });
});
