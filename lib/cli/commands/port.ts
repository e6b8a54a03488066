/**
 * `pointprint port add|delete|list`: a print server's ports administered over the wire, as
 * PowerShell's Add-PrinterPort, Remove-PrinterPort and Get-PrinterPort do it: RpcOpenPrinterEx on
 * `\\SERVER\,XcvMonitor <monitor>` with SERVER_ACCESS_ADMINISTER, then RpcXcvData with the
 * monitor's command ([MS-RPRN] 3.1.4.6.5):
 *
 *   port add '\\SERVER' IP_10.0.0.9 --host 10.0.0.9 [--port-number 9100 | --lpr --queue q]
 *                                   Standard TCP/IP Port: AddPort with PORT_DATA_1
 *   port add '\\SERVER' 'C:\out\a.prn' --local   Local Port: AddPort with the name
 *   port delete '\\SERVER' IP_10.0.0.9           the port's monitor (from EnumPorts): DeletePort
 *   port list '\\SERVER'                         RpcEnumPorts level 2
 *
 * The server decides the rights (administrators only) and answers in the monitor's status; each
 * refusal is said with what to do about it.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { PrintServerConnection } from '../../client/print-server-connection';
import { Win32Error } from '../../common/errors';
import { Win32ErrorCode, win32ErrorName } from '../../common/status/win32-error';
import { formatUnc } from '../../common/unc';
import { AccessMask } from '../../spoolss/constants';
import {
  encodeDeletePortData,
  encodePortData,
  LOCAL_PORT_MONITOR,
  PROTOCOL_LPR_TYPE,
  PROTOCOL_RAWTCP_TYPE,
  STANDARD_TCPIP_MONITOR,
} from '../../spoolss/tcpxcv';
import { EXIT, type CliDeps } from '../cli-deps';
import { commandLogger } from '../common-options';
import { CliError } from '../failure';
import { withServer } from '../network-connector';
import { clientInfo, WIRE_CALLER } from '../wire-client';
import { addRemoteOptions, parseServerArgument, type RemoteOptions } from './remote-printers';

interface PortAddOptions extends RemoteOptions {
  host?: string;
  portNumber?: number;
  lpr?: boolean;
  queue?: string;
  snmp?: boolean;
  snmpCommunity?: string;
  snmpIndex?: number;
  local?: boolean;
}

/** What a port command did, for the one line (or the JSON) it prints. */
interface PortResult {
  readonly server: string;
  readonly port: string;
  readonly monitor: string;
  readonly action: 'added' | 'deleted';
}

function parseNumber(what: string, min: number, max: number): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || n > max) throw new InvalidArgumentError(`expected ${what}, ${min}-${max}`);
    return n;
  };
}

/** Opens the monitor for administration, runs one XcvData command, closes; the monitor's status is thrown. */
async function xcvCommand(
  c: PrintServerConnection,
  userName: string,
  unc: string,
  monitor: string,
  dataName: string,
  input: Buffer,
): Promise<void> {
  const provider = c.provider;
  if (!provider.xcvData) throw new Win32Error(Win32ErrorCode.ERROR_NOT_SUPPORTED, 'XcvData');
  const h = await provider.openPrinter(
    `${unc}\\,XcvMonitor ${monitor}`,
    { desiredAccess: AccessMask.SERVER_ACCESS_ADMINISTER, clientInfo: clientInfo(userName) },
    WIRE_CALLER,
  );
  try {
    const reply = await provider.xcvData(h, dataName, input, 0);
    if (reply.status !== Win32ErrorCode.ERROR_SUCCESS)
      throw new Win32Error(reply.status, `XcvData ${dataName}: ${win32ErrorName(reply.status)}`);
  } finally {
    await provider.closePrinter(h).catch(() => undefined);
  }
}

/** A refusal from the server, said for the port with what to do. */
function explain(err: unknown, r: Omit<PortResult, 'action'>, action: 'add' | 'delete'): unknown {
  if (!(err instanceof Win32Error)) return err;
  const name = win32ErrorName(err.win32);
  const fail = (message: string, hint: string): CliError =>
    new CliError(`${message} (${name})`, hint, EXIT.FAILURE, { cause: err, code: name });
  switch (err.win32) {
    case Win32ErrorCode.ERROR_ACCESS_DENIED:
      return fail(
        `${r.server} refused to ${action} port ${r.port}: only its administrators may`,
        'connect as an administrator of the server: -U admin',
      );
    case Win32ErrorCode.ERROR_ALREADY_EXISTS:
      return fail(
        `${r.server} already has a port ${r.port}`,
        `choose another name, or delete it first: pointprint port delete '${r.server}' '${r.port}'`,
      );
    case Win32ErrorCode.ERROR_BUSY:
      return fail(
        `port ${r.port} on ${r.server} is in use by a printer`,
        `move the printer to another port first (pointprint printers '${r.server}' shows which uses it)`,
      );
    case Win32ErrorCode.ERROR_UNKNOWN_PORT:
    case Win32ErrorCode.ERROR_FILE_NOT_FOUND:
      return fail(`${r.server} has no port ${r.port}`, `list its ports: pointprint port list '${r.server}'`);
    case Win32ErrorCode.ERROR_INVALID_PARAMETER:
    case Win32ErrorCode.ERROR_INVALID_LEVEL:
      return fail(
        `${r.server} refused the settings of port ${r.port}`,
        'check --host (an address or a host name), --port-number (1-65535) and, with --lpr, --queue',
      );
    case Win32ErrorCode.ERROR_INVALID_PRINTER_NAME:
    case Win32ErrorCode.ERROR_NOT_SUPPORTED:
      return fail(
        `${r.server} has no "${r.monitor}" port monitor that answers XcvData`,
        'the server must be a Windows print server (or pointprint serve); Samba does not add ports this way',
      );
    default:
      return err;
  }
}

function report(deps: CliDeps, opts: RemoteOptions, result: PortResult): void {
  if (opts.json) deps.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else deps.stdout(`port ${result.port} ${result.action} on ${result.server} (${result.monitor})\n`);
}

export function registerPortCommand(program: Command, deps: CliDeps): void {
  const port = program
    .command('port')
    .description("a print server's ports over the wire (XcvData, as Add-PrinterPort / Remove-PrinterPort)");

  addRemoteOptions(
    port
      .command('add')
      .description('add a Standard TCP/IP port (--host) or a Local Port (--local)')
      .argument('<server>', "the server: '\\\\SERVER' (quoted), //SERVER or SERVER")
      .argument('<port-name>', 'the new port, e.g. IP_10.0.0.9')
      .option('--host <address>', "the printer's address or host name (Standard TCP/IP)")
      .option('--port-number <n>', 'RAW: 9100 (default); LPR: 515', parseNumber('a port number', 1, 65535))
      .option('--lpr', 'LPR instead of RAW')
      .option('--queue <name>', 'the LPR queue')
      .option('--no-snmp', 'no SNMP status')
      .option('--snmp-community <name>', 'the SNMP community (default public)')
      .option('--snmp-index <n>', 'the SNMP device index (default 1)', parseNumber('an index', 1, 0xffffffff))
      .option('--local', 'a Local Port (a file name, NUL:, LPTn: ...) instead of Standard TCP/IP')
      .addHelpText(
        'after',
        "\nExamples:\n  $ pointprint port add '\\\\NTPRINT' IP_10.0.0.9 --host 10.0.0.9 --address 127.0.0.1:4455 -U admin\n" +
          "  $ pointprint port add '\\\\NTPRINT' 'C:\\out\\a.prn' --local --address 127.0.0.1:4455 -U admin",
      ),
  ).action(async (serverArg: string, portName: string, opts: PortAddOptions) => {
    const server = parseServerArgument(serverArg);
    const unc = formatUnc(server);
    if (opts.local === true && opts.host !== undefined)
      throw new CliError('--local and --host do not go together', 'a Local Port has no address: drop one of them');
    if (opts.local !== true && opts.host === undefined)
      throw new CliError(
        `port ${portName}: no printer address`,
        'give --host <address> for a Standard TCP/IP port, or --local for a Local Port',
      );
    const monitor = opts.local === true ? LOCAL_PORT_MONITOR : STANDARD_TCPIP_MONITOR;
    const host = opts.host ?? '';
    const input =
      opts.local === true
        ? Buffer.from(`${portName}\0`, 'utf16le')
        : encodePortData({
            version: 1,
            portName,
            protocol: opts.lpr === true ? PROTOCOL_LPR_TYPE : PROTOCOL_RAWTCP_TYPE,
            hostAddress: host,
            ipAddress: '',
            snmpCommunity: opts.snmpCommunity ?? 'public',
            doubleSpool: 0,
            queue: opts.queue ?? '',
            portNumber: opts.portNumber ?? (opts.lpr === true ? 515 : 9100),
            snmpEnabled: opts.snmp === false ? 0 : 1,
            snmpDevIndex: opts.snmpIndex ?? 1,
          });
    const logger = commandLogger(deps, opts);
    const r = { server: unc, port: portName, monitor };
    await withServer(server, opts, deps, logger, (c, user) =>
      xcvCommand(c, user, unc, monitor, 'AddPort', input).catch((err: unknown) => {
        throw explain(err, r, 'add');
      }),
    );
    report(deps, opts, { ...r, action: 'added' });
  });

  addRemoteOptions(
    port
      .command('delete')
      .description("delete a port through its monitor (a printer's port is refused: ERROR_BUSY)")
      .argument('<server>', "the server: '\\\\SERVER' (quoted), //SERVER or SERVER")
      .argument('<port-name>', 'the port (pointprint port list shows them)')
      .addHelpText(
        'after',
        "\nExample:\n  $ pointprint port delete '\\\\NTPRINT' IP_10.0.0.9 --address 127.0.0.1:4455 -U admin",
      ),
  ).action(async (serverArg: string, portName: string, opts: RemoteOptions) => {
    const server = parseServerArgument(serverArg);
    const unc = formatUnc(server);
    const logger = commandLogger(deps, opts);
    const monitor = await withServer(server, opts, deps, logger, async (c, user) => {
      const known = (await c.provider.enumPorts(unc, WIRE_CALLER)).find(
        (p) => p.portName.toLowerCase() === portName.toLowerCase(),
      );
      const r = { server: unc, port: portName, monitor: known?.monitorName ?? '' };
      if (!known) throw explain(new Win32Error(Win32ErrorCode.ERROR_UNKNOWN_PORT), r, 'delete');
      const tcp = known.monitorName.toLowerCase() === STANDARD_TCPIP_MONITOR.toLowerCase();
      const input = tcp ? encodeDeletePortData(known.portName) : Buffer.from(`${known.portName}\0`, 'utf16le');
      await xcvCommand(c, user, unc, known.monitorName, 'DeletePort', input).catch((err: unknown) => {
        throw explain(err, r, 'delete');
      });
      return known.monitorName;
    });
    report(deps, opts, { server: unc, port: portName, monitor, action: 'deleted' });
  });

  addRemoteOptions(
    port
      .command('list')
      .description("a print server's ports and their monitors (RpcEnumPorts, as Get-PrinterPort)")
      .argument('<server>', "the server: '\\\\SERVER' (quoted), //SERVER or SERVER"),
  ).action(async (serverArg: string, opts: RemoteOptions) => {
    const server = parseServerArgument(serverArg);
    const unc = formatUnc(server);
    const ports = await withServer(server, opts, deps, commandLogger(deps, opts), (c) =>
      c.provider.enumPorts(unc, WIRE_CALLER),
    );
    const rows = ports.map((p) => ({ port: p.portName, monitor: p.monitorName }));
    if (opts.json) deps.stdout(`${JSON.stringify({ server: unc, ports: rows }, null, 2)}\n`);
    else deps.stdout(rows.map((r) => `${r.port.padEnd(24)} ${r.monitor}\n`).join(''));
  });
}
