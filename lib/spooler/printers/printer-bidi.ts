/**
 * Bidirectional communication — [MS-RPRN] 3.1.4.2.27 RpcSendRecvBidiData: the spooler hands the
 * request to the port monitor of the printer's port, which answers from what it knows of the
 * device. Of Windows' monitors, Local Port has no bidi support and the Standard TCP/IP Port
 * monitor answers from SNMP; so here a printer answers when bidi is enabled on it
 * (PRINTER_ATTRIBUTE_ENABLE_BIDI) and its first port's status comes from SNMP polls. Any other
 * printer, and an action the monitor does not know, is ERROR_NOT_SUPPORTED (as Windows answers
 * smbtorture's "foobar" on a printer of LPT1:).
 *
 * The schema ("Bidirectional Communication Schema", Windows driver documentation), read-only:
 *   \Printer.Status.Summary:State                   BIDI_ENUM  Idle | Printing | Stopped | Unknown
 *   \Printer.Consumables.Toner:Installed, :Level    BIDI_BOOL, BIDI_INT (percent)
 *   \Printer.Layout.InputBins.<tray>:Installed, :Level (percent), :MediaSize
 * EnumSchema lists the schema paths (one BIDI_NULL entry each); Get answers each request's
 * schema (ERROR_NOT_FOUND for one it does not have); GetAll answers every value under each
 * request's property; Set is ERROR_NOT_SUPPORTED (the values are the device's).
 */
import { Win32Error } from '../../common/errors';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { PrinterAttribute } from '../../spoolss/constants';
import type { BidiCommunication, BidiData, BidiRequestEntry, BidiResponseEntry } from '../../spoolss/spooler-extras';
import type { PrinterHandle } from '../../spoolss/types';
import type { PrinterHandles } from '../handles/printer-handles';
import type { PortStatus } from '../ports/port-status';
import { readDword } from '../registry-values';
import { portsOf, type PrinterTable } from './printer-table';

export const BIDI_ACTION = {
  BIDI_ACTION_ENUM_SCHEMA: 'EnumSchema',
  BIDI_ACTION_GET: 'Get',
  BIDI_ACTION_SET: 'Set',
  BIDI_ACTION_GET_ALL: 'GetAll',
} as const;

export interface PrinterBidiOptions {
  readonly handles: PrinterHandles;
  readonly printers: PrinterTable;
  readonly portStatus: (portName: string) => PortStatus | undefined;
}

export class PrinterBidiRoom implements BidiCommunication {
  constructor(private readonly o: PrinterBidiOptions) {}

  sendRecvBidiData(
    handle: PrinterHandle,
    action: string | undefined,
    requests: readonly BidiRequestEntry[],
  ): Promise<BidiResponseEntry[]> {
    return new Promise<BidiResponseEntry[]>((resolve) => {
      this.o.handles.state(handle);
      if (handle.kind !== 'printer' || handle.printerName === undefined)
        throw new Win32Error(Win32ErrorCode.ERROR_INVALID_HANDLE, 'bidi needs a printer handle');
      const values = this.schemaOf(handle.printerName);
      const act = (action ?? '').toLowerCase(); // BIDI_ACTION_* compare case-insensitively
      const found = (schema: string | undefined): BidiData | undefined =>
        schema === undefined ? undefined : values.get(schema.toLowerCase())?.data;
      switch (act) {
        case BIDI_ACTION.BIDI_ACTION_ENUM_SCHEMA.toLowerCase():
          resolve([...values.values()].map((v, i) => ({ result: 0, reqNumber: i, schema: v.schema, data: NULL_DATA })));
          return;
        case BIDI_ACTION.BIDI_ACTION_GET.toLowerCase():
          resolve(
            requests.map((q) => {
              const data = found(q.schema);
              return data === undefined
                ? { result: Win32ErrorCode.ERROR_NOT_FOUND, reqNumber: q.reqNumber, ...schemaField(q), data: NULL_DATA }
                : { result: 0, reqNumber: q.reqNumber, ...schemaField(q), data };
            }),
          );
          return;
        case BIDI_ACTION.BIDI_ACTION_GET_ALL.toLowerCase():
          resolve(
            requests.flatMap((q) => {
              const prefix = (q.schema ?? '').toLowerCase();
              return [...values.entries()]
                .filter(([k]) => k === prefix || k.startsWith(`${prefix}.`) || k.startsWith(`${prefix}:`))
                .map(([, v]) => ({ result: 0, reqNumber: q.reqNumber, schema: v.schema, data: v.data }));
            }),
          );
          return;
        default:
          throw new Win32Error(Win32ErrorCode.ERROR_NOT_SUPPORTED, `bidi action "${action ?? ''}" not supported`);
      }
    });
  }

  /** The printer's schema values, keyed by lower-case path; ERROR_NOT_SUPPORTED without bidi. */
  private schemaOf(printerName: string): Map<string, { schema: string; data: BidiData }> {
    const key = this.o.printers.require(printerName);
    const attributes = readDword(key, 'Attributes') ?? 0;
    const port = portsOf(key)[0];
    const status = port === undefined ? undefined : this.o.portStatus(port);
    if ((attributes & PrinterAttribute.PRINTER_ATTRIBUTE_ENABLE_BIDI) === 0 || status?.source !== 'snmp')
      throw new Win32Error(Win32ErrorCode.ERROR_NOT_SUPPORTED, `${printerName}: its port monitor has no bidi support`);
    const out = new Map<string, { schema: string; data: BidiData }>();
    const put = (schema: string, data: BidiData): void => void out.set(schema.toLowerCase(), { schema, data });
    put('\\Printer.Status.Summary:State', { type: 'enum', value: STATE_NAMES[status.state] });
    if (status.tonerPercent !== undefined) {
      put('\\Printer.Consumables.Toner:Installed', { type: 'bool', value: 1 });
      put('\\Printer.Consumables.Toner:Level', { type: 'int', value: Math.round(status.tonerPercent) });
    }
    for (const tray of status.trays ?? []) {
      const at = `\\Printer.Layout.InputBins.${tray.name.replace(/[.:\\]/g, '_')}`;
      put(`${at}:Installed`, { type: 'bool', value: 1 });
      put(`${at}:Level`, {
        type: 'int',
        value: tray.capacity > 0 ? Math.round((100 * tray.sheets) / tray.capacity) : 0,
      });
      put(`${at}:MediaSize`, { type: 'string', value: tray.mediaName });
    }
    return out;
  }
}

const NULL_DATA: BidiData = { type: 'null' };
const STATE_NAMES: Readonly<Record<PortStatus['state'], string>> = {
  idle: 'Idle',
  printing: 'Printing',
  stopped: 'Stopped',
  unknown: 'Unknown',
};

function schemaField(q: BidiRequestEntry): { schema?: string } {
  return q.schema === undefined ? {} : { schema: q.schema };
}
