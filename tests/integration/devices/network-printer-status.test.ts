/**
 * The spooler with network printers on loopback addresses of their own, on a virtual clock:
 * printer and job status learned from SNMP polls at the monitor's StatusUpdateInterval (not from
 * the device's memory), jobs held while a poll reports a print-blocking condition or the agent
 * is silent, a port without SNMP showing only what RAW reveals, and a printer on an LPR port
 * printing through the spooler.
 */
import { existsSync, promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { regDword, regSz } from '../../../lib/common/reg-value';
import { outputFileName } from '../../../lib/devices/print-device';
import { PRINT_KEY, type Registry } from '../../../lib/registry/registry-key';
import { AccessMask, JobStatus, PrinterStatus } from '../../../lib/spoolss/constants';
import type { PrinterHandle } from '../../../lib/spoolss/types';
import { addPrinter, createPrintingServer, submit, type PrintingServer } from '../../helpers/printing-server';
import { ADMIN, ALICE } from '../../helpers/test-print-server';

jest.setTimeout(60000);

const MINUTE = 60_000;
const PAGE_MS = 10_000; // 6 ppm
const { PRINTER_STATUS_PAPER_OUT, PRINTER_STATUS_ERROR, PRINTER_STATUS_OFFLINE, PRINTER_STATUS_PAPER_JAM } =
  PrinterStatus;

function tcpPort(r: Registry, name: string, values: Record<string, string | number>): void {
  const port = r.createKey(`${PRINT_KEY}\\Monitors\\Standard TCP/IP Port\\Ports\\${name}`);
  for (const [k, v] of Object.entries(values)) port.setValue(typeof v === 'number' ? regDword(k, v) : regSz(k, v));
}

/** Net: RAW with SNMP; Quiet: RAW without; Lpr: LPR with SNMP. Status every minute. */
function configure(r: Registry): void {
  r.createKey(`${PRINT_KEY}\\Monitors\\Standard TCP/IP Port\\Ports`).setValue(regDword('StatusUpdateInterval', 1));
  const raw = { Protocol: 1, PortNumber: 9100, 'SNMP Community': 'public', 'SNMP Index': 1 };
  tcpPort(r, 'IP_10.0.0.21', { ...raw, HostName: '127.0.0.21', 'SNMP Enabled': 1 });
  tcpPort(r, 'IP_10.0.0.22', { ...raw, HostName: '127.0.0.22', 'SNMP Enabled': 0 });
  tcpPort(r, 'IP_10.0.0.23', {
    ...raw,
    HostName: '127.0.0.23',
    Protocol: 2,
    PortNumber: 515,
    Queue: 'raw',
    'Double Spool': 0,
    'SNMP Enabled': 1,
  });
  addPrinter(r, 'Net', 'IP_10.0.0.21');
  addPrinter(r, 'Quiet', 'IP_10.0.0.22');
  addPrinter(r, 'Lpr', 'IP_10.0.0.23');
}

describe('network printers: status through the port monitor', () => {
  let p: PrintingServer;
  let handles: Record<string, PrinterHandle>;
  beforeEach(async () => {
    p = await createPrintingServer({ configure, printing: { devices: { '*': { ppm: 6 } }, snmpTimeoutMs: 200 } });
    handles = {};
    for (const name of ['Net', 'Quiet', 'Lpr']) {
      handles[name] = await p.server.openPrinter(name, { desiredAccess: AccessMask.PRINTER_ACCESS_USE }, ADMIN);
    }
    // The first poll, made at start.
    await p.server.whenIdle();
  });
  afterEach(async () => {
    await p.server.close();
    await fs.rm(p.stateDir, { recursive: true, force: true });
  });

  const printerStatus = async (name: string): Promise<number> => (await p.server.getPrinter(handles[name]!)).status;
  const jobStatus = async (name: string, id: number): Promise<number> =>
    (await p.server.getJob(handles[name]!, id)).status;

  it('a fault shows at the next poll, holds the next job there, and the job prints once a poll says ready', async () => {
    expect(p.server.devicesOf('Net')[0]).toMatchObject({
      source: 'snmp',
      state: 'idle',
      address: expect.stringMatching(/^127\.0\.0\.21:\d+$/) as unknown,
      protocol: 'RAW',
      snmp: { answering: true, address: expect.stringMatching(/^127\.0\.0\.21:\d+$/) as unknown },
    });
    await p.server.controlDevice('Net', undefined, { fault: 'paper-out' }, ADMIN);
    // The device is out of paper; the spooler does not know yet.
    expect(await printerStatus('Net')).toBe(0);
    await p.clock.advance(MINUTE);
    expect(await printerStatus('Net')).toBe(PRINTER_STATUS_PAPER_OUT | PRINTER_STATUS_ERROR);
    expect(p.server.devicesOf('Net')[0]).toMatchObject({ state: 'stopped', faults: ['paper-out'] });

    const id = await submit(p.server, 'Net', ALICE, 'held.txt', 'one\f');
    await p.clock.advance(MINUTE / 2);
    expect((await jobStatus('Net', id)) & JobStatus.JOB_STATUS_PRINTING).toBe(0);
    await p.server.controlDevice('Net', undefined, { clear: 'paper-out' }, ADMIN);
    const cleared = p.clock.now();
    await p.clock.runUntil(() => p.server.queue.all().length === 0);
    // Sent at the next poll (half a minute after the paper was loaded), then a page.
    const printed = p.server.events.recent(undefined, 307)[0];
    expect(Date.parse(printed!.time) - cleared).toBeGreaterThanOrEqual(MINUTE / 2 + PAGE_MS);
    expect(await printerStatus('Net')).toBe(0);
    // The page counter is what the last poll read: the page shows at the next one.
    expect(p.server.devicesOf('Net')[0]?.pagesPrinted).toBe(0);
    await p.clock.advance(MINUTE);
    expect(p.server.devicesOf('Net')[0]?.pagesPrinted).toBe(1);
  });

  it('an agent that stops answering turns the printer OFFLINE (faults unknown) and holds jobs; its answer brings it back', async () => {
    await p.server.controlDevice('Net', undefined, { fault: 'paper-out' }, ADMIN);
    await p.clock.advance(MINUTE);
    expect(await printerStatus('Net')).toBe(PRINTER_STATUS_PAPER_OUT | PRINTER_STATUS_ERROR);
    const off = await p.server.controlDevice('Net', undefined, { snmp: false }, ADMIN);
    expect(off).toMatchObject({ snmpAgent: 'off', faults: ['paper-out'] });
    await p.server.controlDevice('Net', undefined, { clear: 'paper-out' }, ADMIN);
    await p.clock.advance(MINUTE);
    // The device is ready, but the spooler hears nothing: offline, what it knew is gone.
    expect(await printerStatus('Net')).toBe(PRINTER_STATUS_OFFLINE);
    expect(p.server.devicesOf('Net')[0]).toMatchObject({ state: 'unknown', faults: [], snmp: { answering: false } });
    const id = await submit(p.server, 'Net', ALICE, 'waits.txt', 'one\f');
    await p.clock.advance(MINUTE / 2);
    // Queued, not sent: no port has it.
    expect(await jobStatus('Net', id)).toBe(0);
    await p.server.controlDevice('Net', undefined, { snmp: true }, ADMIN);
    await p.clock.runUntil(() => p.server.queue.all().length === 0);
    expect(await printerStatus('Net')).toBe(0);
  });

  it('without SNMP the port shows only what RAW reveals: a jam is not seen, the pages come out as PJL says', async () => {
    expect(p.server.devicesOf('Quiet')[0]).toMatchObject({ source: 'none', state: 'unknown', faults: [] });
    const id = await submit(p.server, 'Quiet', ALICE, 'long.txt', '1\f2\f3\f');
    await p.clock.runUntil(() =>
      (p.server.queue.get(id)?.status ?? 0) & JobStatus.JOB_STATUS_PRINTING ? true : false,
    );
    await p.clock.advance(PAGE_MS + 1);
    await p.server.controlDevice('Quiet', undefined, { fault: 'jam' }, ADMIN);
    await p.clock.advance(2 * MINUTE);
    expect(await printerStatus('Quiet')).toBe(PrinterStatus.PRINTER_STATUS_PRINTING);
    expect((await printerStatus('Quiet')) & PRINTER_STATUS_PAPER_JAM).toBe(0);
    const job = await p.server.getJob(handles.Quiet!, id);
    expect([job.status, job.pagesPrinted]).toEqual([JobStatus.JOB_STATUS_PRINTING, 1]);
    await p.server.controlDevice('Quiet', undefined, { clear: 'jam' }, ADMIN);
    await p.clock.runUntil(() => p.server.queue.all().length === 0);
    expect(p.server.events.recent(undefined, 307)[0]?.data).toMatchObject({ jobId: id, totalPages: 3 });
  });

  it('a port whose printer refuses the job (busy with a job from elsewhere) rests, then sends it again', async () => {
    const [host, port] = p.server.devicesOf('Net')[0]!.address!.split(':') as [string, string];
    // A tool prints 12 pages (two minutes) straight to the printer over RAW.
    const t0 = p.clock.now();
    const tool = net.connect({ host, port: Number(port), allowHalfOpen: true });
    tool.on('data', () => undefined);
    tool.end(Buffer.from('outside\f'.repeat(12)));
    await p.clock.advance(MINUTE);
    expect(p.server.devicesOf('Net')[0]).toMatchObject({ state: 'printing', blocked: false });
    const id = await submit(p.server, 'Net', ALICE, 'after.txt', 'one\f');
    await p.clock.runUntil(() => p.server.queue.all().length === 0);
    const outside = path.join(p.outputDir, 'IP_10.0.0.21', outputFileName(90001));
    expect(existsSync(outside)).toBe(true);
    // Refused while the tool's job printed (the port resting between tries), then printed after it.
    const printed = p.server.events.recent(undefined, 307)[0];
    expect(printed?.data).toMatchObject({ jobId: id });
    expect(Date.parse(printed!.time) - t0).toBeGreaterThanOrEqual(13 * PAGE_MS);
    expect(await fs.readFile(path.join(p.outputDir, 'IP_10.0.0.21', outputFileName(id)), 'latin1')).toBe('one\f');
    tool.destroy();
  });

  it('a printer on an LPR port prints through the spooler: handed to the LPD, printed by the device', async () => {
    expect(p.server.devicesOf('Lpr')[0]).toMatchObject({
      protocol: 'LPR',
      address: expect.stringMatching(/^127\.0\.0\.23:\d+$/) as unknown,
    });
    const data = Buffer.from('label one\flabel two\f\x00\xff', 'latin1');
    const id = await submit(p.server, 'Lpr', ALICE, 'labels.prn', data);
    await p.clock.runUntil(() => p.server.queue.all().length === 0);
    expect(p.server.events.recent(undefined, 307)[0]?.data).toMatchObject({ jobId: id, portName: 'IP_10.0.0.23' });
    const file = path.join(p.outputDir, 'IP_10.0.0.23', outputFileName(id));
    await p.clock.runUntil(() => p.server.devicesOf('Lpr')[0]?.pagesPrinted === 3, PAGE_MS);
    expect(await fs.readFile(file)).toEqual(data);
  });
});
