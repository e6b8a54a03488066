/**
 * LPR beside RAW with a real LPR client: a print server whose printer `Labels` is on a Standard
 * TCP/IP port in LPR mode (Protocol 2, Queue "raw", byte counting off), its device a network
 * printer of its own with its LPD on port 515 of its address (useRegistryPortNumbers; binding
 * 515 needs root, as CI and the interop machines run). rlpr 2.05 (Debian) sends a file to that
 * printer, which prints it byte for byte; the spooler prints a job on `Labels` through the same
 * LPD. The address is a random 127.20.x.y so that parallel runs do not meet. The devices run on
 * the spooler's virtual clock: the test moves it on until the pages are out.
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { regDword, regSz } from '../../../lib/common/reg-value';
import { outputFileName } from '../../../lib/devices/print-device';
import { PRINT_KEY, type Registry } from '../../../lib/registry/registry-key';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { addPrinter, createPrintingServer, submit, type PrintingServer } from '../../helpers/printing-server';
import { ALICE } from '../../helpers/test-print-server';

jest.setTimeout(60000);

function rlpr(args: readonly string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(TOOLS.rlpr, ['-N', ...args], { timeout: 20000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, output: stdout + stderr });
    });
  });
}

describeWithTools(['rlpr'], 'a printer on an LPR port: rlpr and the spooler print on it', () => {
  const host = `127.20.${randomInt(1, 255)}.${randomInt(1, 255)}`;
  let p: PrintingServer;
  let outDir: string;

  const configure = (r: Registry): void => {
    const port = r.createKey(`${PRINT_KEY}\\Monitors\\Standard TCP/IP Port\\Ports\\IP_10.20.0.1`);
    for (const [k, v] of Object.entries({ HostName: host, PortNumber: 515, Protocol: 2, Queue: 'raw' }))
      port.setValue(typeof v === 'number' ? regDword(k, v) : regSz(k, v));
    addPrinter(r, 'Labels', 'IP_10.20.0.1');
  };

  beforeAll(async () => {
    p = await createPrintingServer({
      configure,
      // A label printer: fast, with a roll that does not run out during the test.
      printing: {
        devices: { '*': { ppm: 6000, supplies: { trays: [{ name: 'Roll', capacity: 100_000 }] } } },
        useRegistryPortNumbers: true,
      },
    });
    outDir = path.join(p.outputDir, 'IP_10.20.0.1');
  });
  afterAll(async () => {
    await p?.server.close();
    await fs.rm(p.stateDir, { recursive: true, force: true });
  });

  /** Moves the devices' clock on until the file is out. */
  const printed = async (file: string): Promise<Buffer> => {
    await p.clock.runUntil(() => existsSync(file), 1000, 3600_000);
    return fs.readFile(file);
  };

  it('the port is an LPR port on the LPD of its own printer, port 515', () => {
    expect(p.server.devicesOf('Labels')[0]).toMatchObject({ protocol: 'LPR', address: `${host}:515` });
  });

  it('rlpr sends a 256 KiB binary file to the printer; it comes out byte for byte', async () => {
    const dir = await fs.mkdtemp(path.join(p.stateDir, 'rlpr-'));
    const data = randomBytes(256 * 1024);
    const file = path.join(dir, 'labels.bin');
    await fs.writeFile(file, data);
    const r = await rlpr(['-H', host, '-P', 'raw', '-U', 'alice', file]);
    expect(r).toMatchObject({ code: 0 });
    expect(r.output).toContain('1 file spooled to raw@');
    // rlpr is done once the LPD has the job; the printer prints it on its own time, under a device job number.
    expect((await printed(path.join(outDir, outputFileName(90001)))).equals(data)).toBe(true);
  });

  it('the spooler sends a job on Labels over LPR; the printer prints it as the job', async () => {
    const data = Buffer.from('label 1\flabel 2\f\x00\x1b\xff', 'latin1');
    const id = await submit(p.server, 'Labels', ALICE, 'labels.prn', data);
    await p.clock.runUntil(() => p.server.queue.all().length === 0);
    expect(p.server.events.recent(undefined, 307)[0]?.data).toMatchObject({
      jobId: id,
      printerName: 'Labels',
      portName: 'IP_10.20.0.1',
      totalPages: 3,
    });
    expect(await printed(path.join(outDir, outputFileName(id)))).toEqual(data);
  });
});
