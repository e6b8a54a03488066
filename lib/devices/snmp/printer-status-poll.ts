/**
 * What the Standard TCP/IP port monitor reads from a printer's agent, as typed results: the
 * Host Resources status of the printer (one GetRequest for hrDeviceStatus, hrPrinterStatus and
 * hrPrinterDetectedErrorState of the port's SNMP Device Index), the page counter
 * (prtMarkerLifeCount of marker 1) and walks of the Printer MIB's supplies, input and alert
 * tables (GetNextRequest over the columns it needs, row by row).
 *
 * In SNMPv1 the end of a column is a noSuchName error naming it (RFC 1157 4.1.3); the walk
 * then goes on with the other columns.
 */
import { MalformedPacketError } from '../../common/errors';
import {
  decodeDetectedErrorState,
  HR_DEVICE_ENTRY,
  HR_PRINTER_ENTRY,
  HrDeviceColumn,
  HrDeviceStatus,
  HrPrinterColumn,
  HrPrinterStatus,
  type HrPrinterDetectedError,
} from './host-resources-mib';
import { oidStartsWith, type Oid } from './oid';
import {
  PRT_ALERT_ENTRY,
  PRT_INPUT_ENTRY,
  PRT_MARKER_ENTRY,
  PRT_MARKER_SUPPLIES_ENTRY,
  PrtAlertColumn,
  PrtInputColumn,
  PrtMarkerColumn,
  PrtMarkerSuppliesColumn,
} from './printer-mib';
import { ErrorStatus } from './snmp-constants';
import { SnmpErrorStatusError } from './snmp-errors';
import type { SnmpManager } from './snmp-manager';
import type { SnmpValue } from './snmp-value';

type NameOf<T extends Record<string, number>> = keyof T & string;

export interface PolledPrinterStatus {
  readonly deviceStatus: NameOf<typeof HrDeviceStatus>;
  readonly printerStatus: NameOf<typeof HrPrinterStatus>;
  readonly detectedErrors: ReadonlySet<HrPrinterDetectedError>;
}

export interface PolledMarkerSupply {
  readonly index: number;
  readonly description: string;
  readonly maxCapacity: number;
  readonly level: number;
}

export interface PolledInputTray {
  readonly index: number;
  readonly name: string;
  readonly mediaName: string;
  readonly maxCapacity: number;
  readonly currentLevel: number;
}

export interface PolledAlert {
  readonly index: number;
  readonly severityLevel: number;
  readonly group: number;
  readonly groupIndex: number;
  readonly code: number;
  readonly description: string;
}

/** Tables are walked at most this many rows deep: a printer has a handful of trays and supplies. */
export const DEFAULT_MAX_ROWS = 64;

function integer(v: SnmpValue | undefined, what: string): number {
  if (v?.type !== 'Integer')
    throw new MalformedPacketError(`${what}: expected an INTEGER, got ${v?.type ?? 'nothing'}`);
  return v.value;
}

function octets(v: SnmpValue | undefined, what: string): Buffer {
  if (v?.type !== 'OctetString')
    throw new MalformedPacketError(`${what}: expected an OCTET STRING, got ${v?.type ?? 'nothing'}`);
  return v.value;
}

function enumName<T extends Record<string, number>>(table: T, value: number, what: string): NameOf<T> {
  const name = Object.keys(table).find((k) => table[k] === value);
  if (name === undefined) throw new MalformedPacketError(`${what}: ${value} is not a known value`);
  return name;
}

export async function pollPrinterStatus(manager: SnmpManager, deviceIndex = 1): Promise<PolledPrinterStatus> {
  const [device, printer, errors] = await manager.get([
    [...HR_DEVICE_ENTRY, HrDeviceColumn.hrDeviceStatus, deviceIndex],
    [...HR_PRINTER_ENTRY, HrPrinterColumn.hrPrinterStatus, deviceIndex],
    [...HR_PRINTER_ENTRY, HrPrinterColumn.hrPrinterDetectedErrorState, deviceIndex],
  ]);
  return {
    deviceStatus: enumName(HrDeviceStatus, integer(device?.value, 'hrDeviceStatus'), 'hrDeviceStatus'),
    printerStatus: enumName(HrPrinterStatus, integer(printer?.value, 'hrPrinterStatus'), 'hrPrinterStatus'),
    detectedErrors: decodeDetectedErrorState(octets(errors?.value, 'hrPrinterDetectedErrorState')),
  };
}

/** prtMarkerLifeCount of the first marker: the pages the printer has printed in its life. */
export async function pollMarkerLifeCount(manager: SnmpManager, deviceIndex = 1): Promise<number> {
  const [count] = await manager.get([[...PRT_MARKER_ENTRY, PrtMarkerColumn.prtMarkerLifeCount, deviceIndex, 1]]);
  const v = count?.value;
  if (v?.type !== 'Counter32') {
    throw new MalformedPacketError(`prtMarkerLifeCount: expected a Counter32, got ${v?.type ?? 'nothing'}`);
  }
  return v.value;
}

/**
 * The rows `{ hrDeviceIndex, rowIndex }` of a table, restricted to `columns`: row index → column → value.
 * A row that misses a column (a sparse table) is left out.
 */
export async function walkPrinterTable(
  manager: SnmpManager,
  entry: Oid,
  columns: readonly number[],
  deviceIndex = 1,
  maxRows = DEFAULT_MAX_ROWS,
): Promise<Map<number, Map<number, SnmpValue>>> {
  const rows = new Map<number, Map<number, SnmpValue>>();
  const prefixes = columns.map((c) => [...entry, c, deviceIndex]);
  let active = columns.map((_, i) => i);
  const cursors: Oid[] = [...prefixes];
  for (let step = 0; step < maxRows && active.length > 0; step++) {
    let results;
    try {
      results = await manager.getNext(active.map((i) => cursors[i] as Oid));
    } catch (err) {
      if (!(err instanceof SnmpErrorStatusError) || err.errorStatus !== ErrorStatus.noSuchName || err.errorIndex < 1)
        throw err;
      active = active.filter((_, k) => k !== err.errorIndex - 1);
      continue;
    }
    const still: number[] = [];
    results.forEach((vb, k) => {
      const i = active[k] as number;
      const prefix = prefixes[i] as Oid;
      if (vb.value.type === 'endOfMibView' || vb.oid.length !== prefix.length + 1 || !oidStartsWith(vb.oid, prefix))
        return;
      const row = vb.oid[prefix.length] as number;
      const cells = rows.get(row) ?? new Map<number, SnmpValue>();
      cells.set(columns[i] as number, vb.value);
      rows.set(row, cells);
      cursors[i] = vb.oid;
      still.push(i);
    });
    active = still;
  }
  for (const [row, cells] of rows) if (cells.size !== columns.length) rows.delete(row);
  return rows;
}

export async function pollMarkerSupplies(manager: SnmpManager, deviceIndex = 1): Promise<PolledMarkerSupply[]> {
  const C = PrtMarkerSuppliesColumn;
  const rows = await walkPrinterTable(
    manager,
    PRT_MARKER_SUPPLIES_ENTRY,
    [C.prtMarkerSuppliesDescription, C.prtMarkerSuppliesMaxCapacity, C.prtMarkerSuppliesLevel],
    deviceIndex,
  );
  return [...rows].map(([index, cells]) => ({
    index,
    description: octets(cells.get(C.prtMarkerSuppliesDescription), 'prtMarkerSuppliesDescription').toString('utf8'),
    maxCapacity: integer(cells.get(C.prtMarkerSuppliesMaxCapacity), 'prtMarkerSuppliesMaxCapacity'),
    level: integer(cells.get(C.prtMarkerSuppliesLevel), 'prtMarkerSuppliesLevel'),
  }));
}

export async function pollInputTrays(manager: SnmpManager, deviceIndex = 1): Promise<PolledInputTray[]> {
  const C = PrtInputColumn;
  const rows = await walkPrinterTable(
    manager,
    PRT_INPUT_ENTRY,
    [C.prtInputMaxCapacity, C.prtInputCurrentLevel, C.prtInputMediaName, C.prtInputName],
    deviceIndex,
  );
  return [...rows].map(([index, cells]) => ({
    index,
    name: octets(cells.get(C.prtInputName), 'prtInputName').toString('utf8'),
    mediaName: octets(cells.get(C.prtInputMediaName), 'prtInputMediaName').toString('utf8'),
    maxCapacity: integer(cells.get(C.prtInputMaxCapacity), 'prtInputMaxCapacity'),
    currentLevel: integer(cells.get(C.prtInputCurrentLevel), 'prtInputCurrentLevel'),
  }));
}

export async function pollAlerts(manager: SnmpManager, deviceIndex = 1): Promise<PolledAlert[]> {
  const C = PrtAlertColumn;
  const rows = await walkPrinterTable(
    manager,
    PRT_ALERT_ENTRY,
    [C.prtAlertSeverityLevel, C.prtAlertGroup, C.prtAlertGroupIndex, C.prtAlertCode, C.prtAlertDescription],
    deviceIndex,
  );
  return [...rows].map(([index, cells]) => ({
    index,
    severityLevel: integer(cells.get(C.prtAlertSeverityLevel), 'prtAlertSeverityLevel'),
    group: integer(cells.get(C.prtAlertGroup), 'prtAlertGroup'),
    groupIndex: integer(cells.get(C.prtAlertGroupIndex), 'prtAlertGroupIndex'),
    code: integer(cells.get(C.prtAlertCode), 'prtAlertCode'),
    description: octets(cells.get(C.prtAlertDescription), 'prtAlertDescription').toString('utf8'),
  }));
}
