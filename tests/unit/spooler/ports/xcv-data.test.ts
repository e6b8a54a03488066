/**
 * XcvData on the Standard TCP/IP and Local Port monitors through the PrintServer, as a remote
 * administrator (and a normal user) reaches them with OpenPrinterEx `,XcvMonitor <monitor>` /
 * `,XcvPort <port>`; the monitors' statuses as Windows' tcpmon and localmon answer.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { AccessMask } from '../../../../lib/spoolss/constants';
import {
  decodePortData,
  encodeConfigInfoData,
  encodeDeletePortData,
  encodePortData,
  type PortData,
} from '../../../../lib/spoolss/tcpxcv';
import type { PrintServer } from '../../../../lib/spooler/print-server';
import type { CallerContext, PrinterHandle } from '../../../../lib/spoolss/types';
import {
  ADMIN,
  ALICE,
  createTestServer,
  expectWin32,
  openPrinter,
  type TestServer,
} from '../../../helpers/test-print-server';

const TCP = '\\\\NTPRINT\\,XcvMonitor Standard TCP/IP Port';
const LOCAL = '\\\\NTPRINT\\,XcvMonitor Local Port';
const ports = (t: TestServer): Promise<string[]> =>
  t.server.enumPorts(undefined, ADMIN).then((p) => p.map((x) => x.portName));

function portData(over: Partial<PortData> = {}): PortData {
  return {
    version: 1,
    portName: 'IP_127.0.0.9',
    protocol: 1,
    hostAddress: '127.0.0.9',
    snmpCommunity: 'public',
    doubleSpool: 0,
    queue: '',
    ipAddress: '',
    portNumber: 9100,
    snmpEnabled: 1,
    snmpDevIndex: 1,
    ...over,
  };
}

const xcv = (s: PrintServer, h: PrinterHandle, cmd: string, input: Buffer = Buffer.alloc(0), cb = 0) =>
  s.xcvData(h, cmd, input, cb);
const open = (
  s: PrintServer,
  name: string,
  caller: CallerContext,
  access: number = AccessMask.SERVER_ACCESS_ADMINISTER,
) => openPrinter(s, name, caller, access);

describe('XcvData: the Standard TCP/IP Port monitor', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });
  afterEach(() => t.server.close());

  it('answers MonitorUI with tcpmonui.dll after a size probe, without needing administration', async () => {
    const h = await open(t.server, TCP, ALICE, AccessMask.SERVER_ACCESS_ENUMERATE);
    const probe = await xcv(t.server, h, 'MonitorUI');
    expect(probe.status).toBe(Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER);
    expect(probe.needed).toBe(26);
    const short = await xcv(t.server, h, 'MonitorUI', Buffer.alloc(0), 25);
    expect(short.status).toBe(Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER);
    const ok = await xcv(t.server, h, 'MonitorUI', Buffer.alloc(0), 30);
    expect(ok.status).toBe(0);
    expect(ok.output).toHaveLength(30);
    expect(ok.output.subarray(0, 26).toString('utf16le')).toBe('tcpmonui.dll\0');
  });

  it('adds a port with PORT_DATA_1, refuses it twice, and configures and reads it through ,XcvPort', async () => {
    const h = await open(t.server, TCP, ADMIN);
    expect((await xcv(t.server, h, 'AddPort', encodePortData(portData()))).status).toBe(0);
    expect(await ports(t)).toContain('IP_127.0.0.9');
    const again = await xcv(t.server, h, 'AddPort', encodePortData(portData()));
    expect(again.status).toBe(Win32ErrorCode.ERROR_ALREADY_EXISTS);
    const key = t.registry.getKey(
      'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Monitors\\Standard TCP/IP Port\\Ports\\IP_127.0.0.9',
    );
    expect(key?.getValue('IPAddress')?.value).toBe('127.0.0.9');
    expect(key?.getValue('PortNumber')?.value).toBe(9100);

    const lpr = portData({
      protocol: 2,
      queue: 'lp1',
      portNumber: 515,
      hostAddress: 'printer.example',
      snmpEnabled: 0,
    });
    expect((await xcv(t.server, h, 'ConfigPort', encodePortData(lpr))).status).toBe(0);
    const ph = await open(t.server, '\\\\NTPRINT\\,XcvPort IP_127.0.0.9', ALICE, AccessMask.SERVER_ACCESS_ENUMERATE);
    const info = await xcv(t.server, ph, 'GetConfigInfo', encodeConfigInfoData(), 964);
    expect(info.status).toBe(0);
    expect(decodePortData(info.output)).toMatchObject({
      portName: 'IP_127.0.0.9',
      protocol: 2,
      queue: 'lp1',
      portNumber: 515,
      hostAddress: 'printer.example',
      snmpEnabled: 0,
    });
    const host = await xcv(t.server, ph, 'HostAddress', Buffer.alloc(0), 64);
    expect(host.output.subarray(0, host.needed).toString('utf16le')).toBe('printer.example\0');
    const index = await xcv(t.server, ph, 'SNMPDeviceIndex', Buffer.alloc(0), 4);
    expect(index.output.readUInt32LE(0)).toBe(1);
  });

  it('refuses changes to a handle without SERVER_ACCESS_ADMINISTER, and bad input, as tcpmon does', async () => {
    const user = await open(t.server, TCP, ALICE, AccessMask.SERVER_ACCESS_ENUMERATE);
    expect((await xcv(t.server, user, 'AddPort', encodePortData(portData()))).status).toBe(
      Win32ErrorCode.ERROR_ACCESS_DENIED,
    );
    await expectWin32(open(t.server, TCP, ALICE), Win32ErrorCode.ERROR_ACCESS_DENIED);
    expect(await ports(t)).not.toContain('IP_127.0.0.9');
    const h = await open(t.server, TCP, ADMIN);
    expect((await xcv(t.server, h, 'addport', encodePortData(portData()))).status).toBe(
      Win32ErrorCode.ERROR_INVALID_PARAMETER,
    );
    expect((await xcv(t.server, h, '')).status).toBe(Win32ErrorCode.ERROR_INVALID_PARAMETER);
    expect((await xcv(t.server, h, 'AddPort', encodePortData(portData()).subarray(0, 900))).status).toBe(
      Win32ErrorCode.ERROR_INVALID_PARAMETER,
    );
    const v3 = encodePortData(portData());
    v3.writeUInt32LE(3, 128);
    expect((await xcv(t.server, h, 'AddPort', v3)).status).toBe(Win32ErrorCode.ERROR_INVALID_LEVEL);
    expect((await xcv(t.server, h, 'AddPort', encodePortData(portData({ portNumber: 0 })))).status).toBe(
      Win32ErrorCode.ERROR_INVALID_PARAMETER,
    );
  });

  it('deletes an unused port, and refuses one a printer uses (ERROR_BUSY) or one it lacks', async () => {
    const h = await open(t.server, TCP, ADMIN);
    await xcv(t.server, h, 'AddPort', encodePortData(portData()));
    expect((await xcv(t.server, h, 'DeletePort', encodeDeletePortData('IP_127.0.0.9'))).status).toBe(0);
    expect(await ports(t)).not.toContain('IP_127.0.0.9');
    expect((await xcv(t.server, h, 'DeletePort', encodeDeletePortData('IP_127.0.0.9'))).status).toBe(
      Win32ErrorCode.ERROR_UNKNOWN_PORT,
    );
    expect((await xcv(t.server, h, 'DeletePort', encodeDeletePortData('IP_10.0.0.5'))).status).toBe(
      Win32ErrorCode.ERROR_BUSY,
    );
  });

  it('is not reachable through a printer handle, and an unknown monitor or port does not open', async () => {
    const printer = await openPrinter(t.server, 'HpColor', ADMIN, AccessMask.PRINTER_ALL_ACCESS);
    await expectWin32(xcv(t.server, printer, 'MonitorUI'), Win32ErrorCode.ERROR_INVALID_HANDLE);
    await expectWin32(
      open(t.server, '\\\\NTPRINT\\,XcvMonitor Nope', ADMIN),
      Win32ErrorCode.ERROR_INVALID_PRINTER_NAME,
    );
    await expectWin32(open(t.server, '\\\\NTPRINT\\,XcvPort NOPE:', ADMIN), Win32ErrorCode.ERROR_INVALID_PRINTER_NAME);
  });

  it('answers the dialog-based AddPort, ConfigurePort and DeletePort as Windows answers a remote caller', async () => {
    await expectWin32(t.server.addPort('\\\\NTPRINT', 'foo', ADMIN), Win32ErrorCode.ERROR_NOT_SUPPORTED);
    await expectWin32(t.server.configurePort(undefined, 'LPT1:', ADMIN), Win32ErrorCode.ERROR_NOT_SUPPORTED);
    await expectWin32(t.server.deletePort(undefined, 'LPT1:', ADMIN), Win32ErrorCode.ERROR_NOT_SUPPORTED);
    await expectWin32(t.server.deletePort(undefined, 'NOPE:', ADMIN), Win32ErrorCode.ERROR_UNKNOWN_PORT);
    await expectWin32(t.server.addPort('\\\\ELSEWHERE', 'foo', ADMIN), Win32ErrorCode.ERROR_INVALID_NAME);
  });
});

describe('XcvData: the Local Port monitor', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });
  afterEach(() => t.server.close());

  const name = (s: string): Buffer => Buffer.from(`${s}\0`, 'utf16le');

  it('adds, validates and deletes a local port as localmon does', async () => {
    const h = await open(t.server, LOCAL, ADMIN);
    const ui = await xcv(t.server, h, 'MonitorUI', Buffer.alloc(0), 64);
    expect(ui.output.subarray(0, ui.needed).toString('utf16le')).toBe('localui.dll\0');
    expect((await xcv(t.server, h, 'AddPort', name('C:\\out\\lab.prn'))).status).toBe(0);
    expect(await ports(t)).toContain('C:\\out\\lab.prn');
    expect((await xcv(t.server, h, 'AddPort', name('c:\\OUT\\lab.prn'))).status).toBe(
      Win32ErrorCode.ERROR_ALREADY_EXISTS,
    );
    expect((await xcv(t.server, h, 'PortIsValid', name('LPT2:'))).status).toBe(0);
    expect((await xcv(t.server, h, 'PortIsValid', name(''))).status).toBe(Win32ErrorCode.ERROR_PATH_NOT_FOUND);
    const timeout = await xcv(t.server, h, 'GetTransmissionRetryTimeout', Buffer.alloc(0), 4);
    expect(timeout.output.readUInt32LE(0)).toBe(45);
    expect((await xcv(t.server, h, 'DeletePort', name('C:\\out\\lab.prn'))).status).toBe(0);
    expect((await xcv(t.server, h, 'DeletePort', name('C:\\out\\lab.prn'))).status).toBe(
      Win32ErrorCode.ERROR_FILE_NOT_FOUND,
    );
    expect((await xcv(t.server, h, 'DeletePort', name('LPT1:'))).status).toBe(Win32ErrorCode.ERROR_BUSY);
  });
});

describe('ports added over the wire', () => {
  let stateDir: string;
  beforeEach(async () => {
    stateDir = await mkdtemp(path.join(tmpdir(), 'pp-xcv-'));
  });
  afterEach(() => rm(stateDir, { recursive: true, force: true }));

  it('survive a restart from the state folder, and a deleted one stays deleted', async () => {
    const first = await createTestServer({ stateDir });
    const tcp = await open(first.server, TCP, ADMIN);
    await xcv(first.server, tcp, 'AddPort', encodePortData(portData({ portName: 'IP_kept' })));
    await xcv(first.server, tcp, 'AddPort', encodePortData(portData({ portName: 'IP_gone' })));
    await xcv(first.server, tcp, 'DeletePort', encodeDeletePortData('IP_gone'));
    const local = await open(first.server, LOCAL, ADMIN);
    await xcv(first.server, local, 'AddPort', Buffer.from('NUL:\0', 'utf16le'));
    await first.server.close();

    const second = await createTestServer({ stateDir });
    const names = await ports(second);
    expect(names).toEqual(expect.arrayContaining(['IP_kept', 'NUL:']));
    expect(names).not.toContain('IP_gone');
    await second.server.close();
  });
});
