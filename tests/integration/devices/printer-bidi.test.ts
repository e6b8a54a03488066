/**
 * RpcSendRecvBidiData's answers ([MS-RPRN] 3.1.4.2.27) from the port monitor: a bidi-enabled
 * printer on a Standard TCP/IP port with SNMP answers its schema from the agent's last poll; the
 * same printer without PRINTER_ATTRIBUTE_ENABLE_BIDI, or one on a port without SNMP, answers
 * ERROR_NOT_SUPPORTED, as an unknown action does.
 */
import { promises as fs } from 'node:fs';
import { regDword, regSz } from '../../../lib/common/reg-value';
import { Win32ErrorCode } from '../../../lib/common/status/win32-error';
import { PRINT_KEY, type Registry } from '../../../lib/registry/registry-key';
import { AccessMask } from '../../../lib/spoolss/constants';
import { addPrinter, createPrintingServer, type PrintingServer } from '../../helpers/printing-server';
import { ADMIN } from '../../helpers/test-print-server';

jest.setTimeout(60000);

function tcpPort(r: Registry, name: string, host: string, snmp: number): void {
  const port = r.createKey(`${PRINT_KEY}\\Monitors\\Standard TCP/IP Port\\Ports\\${name}`);
  for (const [k, v] of Object.entries({ Protocol: 1, PortNumber: 9100, 'SNMP Index': 1 }))
    port.setValue(regDword(k, v));
  port.setValue(regSz('SNMP Community', 'public'));
  port.setValue(regSz('HostName', host));
  port.setValue(regDword('SNMP Enabled', snmp));
}

function configure(r: Registry): void {
  r.createKey(`${PRINT_KEY}\\Monitors\\Standard TCP/IP Port\\Ports`).setValue(regDword('StatusUpdateInterval', 1));
  tcpPort(r, 'IP_10.0.0.24', '127.0.0.24', 1);
  tcpPort(r, 'IP_10.0.0.25', '127.0.0.25', 0);
  addPrinter(r, 'Bidi', 'IP_10.0.0.24', { Attributes: 0x48 | 0x800 }); // + PRINTER_ATTRIBUTE_ENABLE_BIDI
  addPrinter(r, 'NoBidi', 'IP_10.0.0.24');
  addPrinter(r, 'NoSnmp', 'IP_10.0.0.25', { Attributes: 0x48 | 0x800 });
}

describe('bidi through the Standard TCP/IP port monitor', () => {
  let p: PrintingServer;
  beforeEach(async () => {
    p = await createPrintingServer({ configure, printing: { devices: { '*': { ppm: 6 } }, snmpTimeoutMs: 200 } });
    await p.server.whenIdle();
  });
  afterEach(async () => {
    await p.server.close();
    await fs.rm(p.stateDir, { recursive: true, force: true });
  });

  const open = (name: string) => p.server.openPrinter(name, { desiredAccess: AccessMask.PRINTER_ACCESS_USE }, ADMIN);

  it('EnumSchema, Get and GetAll answer from the SNMP view', async () => {
    const h = await open('Bidi');
    const schema = await p.server.bidi.sendRecvBidiData(h, 'EnumSchema', []);
    const paths = schema.map((e) => e.schema);
    expect(paths).toContain('\\Printer.Status.Summary:State');
    expect(paths).toContain('\\Printer.Consumables.Toner:Level');
    const [state, missing] = await p.server.bidi.sendRecvBidiData(h, 'get', [
      { reqNumber: 1, schema: '\\Printer.Status.Summary:State', data: { type: 'null' } },
      { reqNumber: 2, schema: '\\Printer.Nothing:Here', data: { type: 'null' } },
    ]);
    expect(state).toEqual({
      result: 0,
      reqNumber: 1,
      schema: '\\Printer.Status.Summary:State',
      data: { type: 'enum', value: 'Idle' },
    });
    expect(missing?.result).toBe(Win32ErrorCode.ERROR_NOT_FOUND);
    const toner = await p.server.bidi.sendRecvBidiData(h, 'GetAll', [
      { reqNumber: 3, schema: '\\Printer.Consumables', data: { type: 'null' } },
    ]);
    expect(toner.map((e) => e.schema).sort()).toEqual([
      '\\Printer.Consumables.Toner:Installed',
      '\\Printer.Consumables.Toner:Level',
    ]);
    await expect(p.server.bidi.sendRecvBidiData(h, 'foobar', [])).rejects.toMatchObject({
      win32: Win32ErrorCode.ERROR_NOT_SUPPORTED,
    });
    await expect(p.server.bidi.sendRecvBidiData(h, 'Set', [])).rejects.toMatchObject({
      win32: Win32ErrorCode.ERROR_NOT_SUPPORTED,
    });
  });

  it('without ENABLE_BIDI, or without SNMP: ERROR_NOT_SUPPORTED', async () => {
    for (const name of ['NoBidi', 'NoSnmp']) {
      await expect(p.server.bidi.sendRecvBidiData(await open(name), 'EnumSchema', [])).rejects.toMatchObject({
        win32: Win32ErrorCode.ERROR_NOT_SUPPORTED,
      });
    }
  });
});
