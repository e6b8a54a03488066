/**
 * AddPrinter(Ex) level 2 and DeletePrinter — [MS-RPRN] 3.1.4.2.3, 3.1.4.2.15, 3.1.4.2.4: the
 * checks Windows makes, in the order smbtorture's AddPrinter tests (written against Windows) see
 * their statuses, then the printer's key under `Control\Print\Printers\<name>` with the values
 * and subkeys localspl writes (PrinterDriverData, DsSpooler).
 *
 *   no pPrinterName, or one with `,` or `\`   ERROR_INVALID_PRINTER_NAME
 *   a printer of that name (or share) exists   ERROR_PRINTER_ALREADY_EXISTS
 *   no port, or one the monitors do not have   ERROR_UNKNOWN_PORT
 *   a driver the server does not have          ERROR_UNKNOWN_PRINTER_DRIVER
 *   a print processor it does not have         ERROR_UNKNOWN_PRINTPROCESSOR (none: winprint, as
 *                                              Windows Server 2008 R2 and later do)
 *   shared without a share name, or with one
 *   another printer uses                       ERROR_INVALID_SHARENAME
 */
import { Win32Error } from '../../common/errors';
import { regDword, regMultiSz, regSz, RegType } from '../../common/reg-value';
import { Win32ErrorCode } from '../../common/status/win32-error';
import type { RegistryKey } from '../../registry/registry-key';
import { PrinterAttribute } from '../../spoolss/constants';
import type { NewPrinter } from '../../spoolss/types';
import type { PrintProcessors } from '../drivers/print-processors';
import type { Ports } from '../ports/ports';
import { SERVER_ENVIRONMENT } from '../local-server';
import { securityValue } from '../handles/printer-security-store';
import { readSz } from '../registry-values';
import { defaultDevMode } from './default-devmode';
import type { PrinterTable } from './printer-table';
import { applyPrinterFields, type SetPrinterDeps } from './set-printer';

export interface AddPrinterDeps extends SetPrinterDeps {
  readonly printers: PrinterTable;
  readonly ports: Ports;
  readonly printProcessors: PrintProcessors;
  readonly serverName: string;
}

const DEFAULT_PRINT_PROCESSOR = 'winprint';

/**
 * A PRINTER_NAME is `[SERVER_NAME] LOCAL_PRINTER_NAME` ([MS-RPRN] 2.2.4.14): `\\SERVER\Lab` names
 * the printer Lab. `net rpc printer migrate printers` sends the source server's PRINTER_INFO_2 as
 * is, so the prefix is the other server's name.
 * DEVIATION: what Windows does with another server's prefix is not documented; the local part is
 * kept, as Samba keeps it.
 */
function localPrinterName(name: string): string {
  const m = /^\\\\[^\\]+\\(.*)$/.exec(name);
  return m?.[1] ?? name;
}
const DEFAULT_DATATYPE = 'RAW';

/** Checks a level-2 AddPrinter request and writes the new printer's key; returns it. */
export function addPrinterKey(p: NewPrinter, deps: AddPrinterDeps): RegistryKey {
  const name = localPrinterName(p.printerName ?? '');
  if (name === '' || /[,\\]/.test(name) || name.length > 220)
    throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME, `printer name "${name}" invalid`);
  if (deps.printers.find(name))
    throw new Win32Error(Win32ErrorCode.ERROR_PRINTER_ALREADY_EXISTS, `printer "${name}" exists`);
  const ports = p.portNames ?? [];
  const known = new Set(deps.ports.enumPorts(undefined).map((port) => port.portName.toLowerCase()));
  const unknown = ports.find((port) => !known.has(port.toLowerCase()));
  if (ports.length === 0 || unknown !== undefined)
    throw new Win32Error(Win32ErrorCode.ERROR_UNKNOWN_PORT, `port "${unknown ?? ''}" unknown`);
  const driverName = p.driverName ?? '';
  if (driverName === '' || deps.drivers.versionsOf(driverName).length === 0)
    throw new Win32Error(Win32ErrorCode.ERROR_UNKNOWN_PRINTER_DRIVER, `no driver "${driverName}"`);
  const processor = p.printProcessor || DEFAULT_PRINT_PROCESSOR;
  const processors = deps.printProcessors
    .enumPrintProcessors(undefined, SERVER_ENVIRONMENT)
    .map((x) => x.name.toLowerCase());
  if (!processors.includes(processor.toLowerCase()))
    throw new Win32Error(Win32ErrorCode.ERROR_UNKNOWN_PRINTPROCESSOR, `no print processor "${processor}"`);
  const attributes = ((p.attributes ?? 0) | PrinterAttribute.PRINTER_ATTRIBUTE_LOCAL) >>> 0;
  const shareName = p.shareName ?? '';
  if ((attributes & PrinterAttribute.PRINTER_ATTRIBUTE_SHARED) !== 0) {
    const taken = shareName !== '' && deps.printers.find(shareName) !== undefined;
    if (shareName === '' || /[,\\/]/.test(shareName) || taken)
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_SHARENAME, `share name "${shareName}" invalid or taken`);
  }

  const key = deps.printers.create(name);
  for (const v of [
    regSz('Name', name),
    regSz('Share Name', shareName),
    regSz('Port', ports.join(',')),
    regSz('Printer Driver', driverName),
    regSz('Description', ''),
    regSz('Location', ''),
    regSz('Print Processor', processor),
    regSz('Datatype', p.datatype || DEFAULT_DATATYPE),
    regSz('Parameters', ''),
    regSz('Separator File', ''),
    regSz('SpoolDirectory', ''),
    regSz('ObjectGUID', ''),
    regDword('Attributes', attributes),
    regDword('Priority', 1),
    regDword('Default Priority', 0),
    regDword('StartTime', 0),
    regDword('UntilTime', 0),
    regDword('Status', 0),
    regDword('ChangeID', 1),
  ])
    key.setValue(v);
  try {
    applyPrinterFields(
      key,
      {
        fields: {
          ...p,
          printProcessor: processor,
          datatype: p.datatype || DEFAULT_DATATYPE,
          attributes,
          priority: p.priority || 1,
        },
      },
      deps,
    );
  } catch (err) {
    deps.printers.remove(key);
    throw err;
  }
  if (!key.getValue('Default DevMode'))
    key.setValue({ name: 'Default DevMode', type: RegType.REG_BINARY, value: defaultDevMode(name) });
  // localspl keeps every printer's descriptor in its key, the default one too (winreg reads it).
  if (!key.getValue('Security')) key.setValue(securityValue(deps.security.descriptor(name)));
  writeDriverData(key, driverName);
  writeDsSpooler(key, deps.serverName);
  return key;
}

function writeDriverData(key: RegistryKey, driverName: string): void {
  const data = key.createKey('PrinterDriverData');
  data.setValue(regSz('Model', driverName));
  // The same 16 bytes the fixture's printers carry (a driver's private defaults, empty).
  const printerData = Buffer.alloc(16);
  printerData.writeUInt32LE(0x1c, 0);
  printerData.writeUInt32LE(1, 4);
  data.setValue({ name: 'PrinterData', type: RegType.REG_BINARY, value: printerData });
}

/** The directory-service view of the printer localspl keeps under DsSpooler, even unpublished. */
export function writeDsSpooler(key: RegistryKey, serverName: string): void {
  const ds = key.createKey('DsSpooler');
  const name = readSz(key, 'Name') ?? key.name;
  const share = readSz(key, 'Share Name') ?? '';
  ds.setValue(regSz('printerName', name));
  ds.setValue(regSz('shortServerName', serverName));
  ds.setValue(regSz('serverName', serverName));
  ds.setValue(regSz('uNCName', `\\\\${serverName}\\${share || name}`));
  ds.setValue(regSz('printShareName', share));
  ds.setValue(regSz('driverName', readSz(key, 'Printer Driver') ?? ''));
  ds.setValue(regSz('location', readSz(key, 'Location') ?? ''));
  ds.setValue(regSz('description', readSz(key, 'Description') ?? ''));
  ds.setValue(
    regMultiSz(
      'portName',
      (readSz(key, 'Port') ?? '').split(',').filter((x) => x !== ''),
    ),
  );
  ds.setValue(regSz('printSpooling', 'PrintAfterSpooled'));
  ds.setValue(regDword('priority', 1));
  ds.setValue(regDword('versionNumber', 4));
  ds.setValue(regDword('flags', 0));
  ds.setValue(regSz('url', ''));
}
