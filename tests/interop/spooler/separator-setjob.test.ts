/**
 * Issue 6's last two pieces end to end on `PrintServerHost` (the NTPRINT fixture, state
 * directory, emulated devices):
 * - Marketing's `Separator File` (C:\Windows\System32\pointprint.sep, the fixture's System32
 *   folder): a job submitted with smbclient `print` comes out of the LPR network device with the
 *   rendered separator ahead of its bytes; the device counts the separator page, the job's 307
 *   event does not.
 * - RpcSetJob with a JOB_CONTAINER level 1 marshaled by impacket (priority, position, document
 *   name), checked with rpcclient `enumjobs`; bob may not change alice's job.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ServerStatus } from '../../../lib/spooler/print-server';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { until } from '../../helpers/until';
import { pointprint, startPrintingHost, type PrintingHost } from './printing-host';
import { ALICE, rpcclient, run } from '../../helpers/rpc-stack';

jest.setTimeout(60000);

const ERROR_ACCESS_DENIED = 5;
const ERROR_INVALID_PRIORITY = 1800;

describeWithTools(['smbclient', 'rpcclient', 'python3', 'impacket'], 'separator pages and SetJob fields', () => {
  let state: string;
  let port: number;
  let file: string;
  let printing: PrintingHost;
  beforeAll(async () => {
    printing = await startPrintingHost('pp-sep-serve-');
    ({ state, port, file } = printing);
  });
  afterAll(async () => {
    await printing?.close();
  });

  const smbPrint = (share: string, user: string) =>
    run(TOOLS.smbclient, [`//127.0.0.1/${share}`, '-p', String(port), '-U', user, '-m', 'SMB3', '-c', `print ${file}`]);
  const status = async (): Promise<ServerStatus> =>
    JSON.parse((await pointprint(['status', '--json', '--state', state])).out) as ServerStatus;
  const setJob = async (
    user: string,
    password: string,
    jobId: number,
    priority: number,
    position: number,
    doc: string,
  ) => {
    const r = await run(TOOLS.python3, [
      path.join(__dirname, 'impacket-setjob.py'),
      String(port),
      user,
      password,
      'HpColor',
      String(jobId),
      String(priority),
      String(position),
      doc,
    ]);
    expect(r.stderr).toBe('');
    return (JSON.parse(r.stdout) as { status: number }).status;
  };

  it('a job on Marketing comes out after the separator page; the device counts 3 pages, the job 2', async () => {
    expect((await pointprint(['device', 'Marketing', 'ppm', '6000', '--state', state])).code).toBe(0);
    const r = await smbPrint('MktColor', ALICE);
    expect(r.code).toBe(0);
    const printed = await until('event 307', async () =>
      (await status()).events.find((e) => e.id === 307 && e.data.printerName === 'Marketing'),
    );
    const jobId = Number(printed.data.jobId);
    expect(printed.data.totalPages).toBe(2);
    // Marketing's port is LPR: the job was handed to the printer's LPD, which prints it on its own time.
    const out = await until('the output', () =>
      fs
        .readFile(path.join(state, 'OUTPUT', 'IP_10.0.0.16', `job-${String(jobId).padStart(5, '0')}.prn`), 'latin1')
        .catch(() => undefined),
    );
    const sepEnd = out.indexOf('\f') + 1;
    const separator = out.slice(0, sepEnd);
    expect(separator.startsWith('\x1bEalice\r\n\r\n')).toBe(true);
    expect(separator).toContain(`Job: ${jobId}\r\n`);
    expect(separator).toMatch(/Printed: \d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2} [AP]M\r\n/);
    expect(separator).toContain('Printer: Marketing (MktColor) - pointprint separator page\r\n');
    // The job's bytes follow (the network port's PJL wrapper is stripped by the device).
    expect(out.slice(sepEnd)).toContain('page one\fpage two\f');
    // The device's page counter, as the next SNMP poll of the printer reads it.
    const device = await until('3 pages on the counter', async () => {
      const d = (await status()).printers.find((p) => p.name === 'Marketing')?.devices[0];
      return d?.pagesPrinted === 3 ? d : undefined;
    });
    expect(device).toMatchObject({ protocol: 'LPR', source: 'snmp' });
    // HpColor has no separator file.
    expect((await rpcclient(port, ALICE, 'getprinter HpColor 2')).stdout).toMatch(/sepfile:\s*\[\]/);
  });

  it('SetJob over the wire (impacket JOB_INFO_1): priority, position, document; bob is refused', async () => {
    expect((await pointprint(['printer', 'pause', 'HpColor', '--state', state])).code).toBe(0);
    expect((await smbPrint('HpColor', ALICE)).code).toBe(0);
    expect((await smbPrint('HpColor', ALICE)).code).toBe(0);
    const ids = (await status()).printers.find((p) => p.name === 'HpColor')?.jobs.map((j) => j.jobId) ?? [];
    expect(ids).toHaveLength(2);
    const [first, second] = ids as [number, number];

    expect(await setJob('alice', 'Passw0rd!', second, 7, 1, 'moved.txt')).toBe(0);
    expect(await setJob('alice', 'Passw0rd!', second, 100, 0, 'bad.txt')).toBe(ERROR_INVALID_PRIORITY);
    expect(await setJob('bob', 'Bob!pass1', first, 99, 1, 'bobs.txt')).toBe(ERROR_ACCESS_DENIED);

    const jobs = await rpcclient(port, ALICE, 'enumjobs HpColor 1');
    // rpcclient lists the jobs in RpcEnumJobs order, the queue order; priorities come from the status view.
    const order = [...jobs.stdout.matchAll(/jobid\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect(order).toEqual([second, first]);
    expect(jobs.stdout).toContain('moved.txt');
    expect(jobs.stdout).not.toContain('bobs.txt');
    expect(jobs.stdout).not.toContain('bad.txt');
    const view = (await status()).printers.find((p) => p.name === 'HpColor')?.jobs ?? [];
    expect(view.map((j) => [j.jobId, j.priority, j.documentName])).toEqual([
      [second, 7, 'moved.txt'],
      [first, 1, expect.stringContaining('report.txt')],
    ]);
  });
});
