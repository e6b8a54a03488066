/**
 * A printer pool made over the wire, end to end on `PrintServerHost` with emulated devices:
 * Samba's own spoolss client (python3-samba's samba.dcerpc.spoolss, Samba's NDR) adds a Local
 * Port through XcvData and sets HpColor's ports to `IP_10.0.0.15,LPT7:` with SetPrinter level 2;
 * rpcclient then reads the pool back, and two jobs printed with smbclient go to the two devices at
 * once: the one-page job that came second is printed on the new port while the first port's
 * device is still busy with a four-page job. A normal user gets ERROR_ACCESS_DENIED for both
 * calls and the ports stay as they were.
 *
 * rpcclient itself cannot make the pool: its `setprinter` command sends only a new comment.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ServerStatus } from '../../../lib/spooler/print-server';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { until } from '../../helpers/until';
import { ADMIN, ALICE, rpcclient, run } from '../../helpers/rpc-stack';
import { pointprint, startPrintingHost, type PrintingHost } from './printing-host';

jest.setTimeout(90_000);

const ERROR_ACCESS_DENIED = 5;
const SCRIPT = path.join(__dirname, 'samba-setprinter-pool.py');

interface PoolResult {
  readonly addPort: number;
  readonly setPrinter: number;
  readonly ports: string;
}

describeWithTools(['smbclient', 'rpcclient', 'python3'], 'a printer pool made with SetPrinter level 2', () => {
  let printing: PrintingHost;
  beforeAll(async () => {
    printing = await startPrintingHost('pp-pool-');
  });
  afterAll(async () => {
    await printing?.close();
  });

  const makePool = async (account: string, newPort: string): Promise<PoolResult> => {
    const [user, password] = account.split('%');
    const args = { port: printing.port, user, password, printer: 'HpColor', newPort, admin: account === ADMIN };
    const r = await run(TOOLS.python3, [SCRIPT, JSON.stringify(args)], 60_000);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    return JSON.parse(r.stdout) as PoolResult;
  };
  const smbPrint = async (file: string): Promise<void> => {
    const r = await run(TOOLS.smbclient, [
      '//127.0.0.1/HpColor',
      '-p',
      String(printing.port),
      '-U',
      ALICE,
      '-m',
      'SMB3',
      '-c',
      `print ${file}`,
    ]);
    expect(r.code).toBe(0);
  };
  const printedEvents = async (): Promise<ServerStatus['events']> => {
    const status = JSON.parse((await pointprint(['status', '--json', '--state', printing.state])).out) as ServerStatus;
    return status.events.filter((e) => e.id === 307 && e.data.printerName === 'HpColor');
  };

  it('a normal user may neither add the port nor change the ports', async () => {
    const r = await makePool(ALICE, 'LPT6:');
    expect(r).toEqual({ addPort: ERROR_ACCESS_DENIED, setPrinter: ERROR_ACCESS_DENIED, ports: 'IP_10.0.0.15' });
  });

  it('the pool is made, read back by rpcclient, and prints two jobs at once', async () => {
    expect(await makePool(ADMIN, 'LPT7:')).toEqual({ addPort: 0, setPrinter: 0, ports: 'IP_10.0.0.15,LPT7:' });
    const info = await rpcclient(printing.port, ALICE, 'getprinter HpColor 2');
    expect(info.stdout).toContain('portname:[IP_10.0.0.15,LPT7:]');

    const long = path.join(printing.state, 'long.txt');
    const short = path.join(printing.state, 'short.txt');
    await fs.writeFile(long, 'one\ftwo\fthree\ffour\f');
    await fs.writeFile(short, 'short\f');
    await smbPrint(long);
    await smbPrint(short);
    const events = await until(
      'both jobs printed',
      async () => {
        const printed = await printedEvents();
        return printed.length >= 2 ? printed : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    // smbclient names the document after the file it was given, with its own pid after a dash.
    const document = (e: (typeof events)[number]): string =>
      path.basename(String(e.data.documentName)).replace(/-\d+$/, '');
    const byDocument = new Map(events.map((e) => [document(e), e]));
    expect(byDocument.get('short.txt')?.data.portName).toBe('LPT7:');
    expect(byDocument.get('long.txt')?.data.portName).toBe('IP_10.0.0.15');
    // The job submitted second finished first: it did not wait for the four pages of the first.
    expect(events.map(document)).toEqual(['short.txt', 'long.txt']);
  });
});
