/**
 * The INFO buffers our client reads from a print server ([MS-RPRN] 2.2.2: PRINTER_INFO,
 * DRIVER_INFO, JOB_INFO, FORM_INFO, PORT_INFO, MONITOR_INFO in their flat, offset-addressed
 * form, with DEVMODE and security descriptors inside), and what the client makes of each record.
 * The first byte of an input picks the layout, the second the record count, the rest is the
 * buffer. Seeds are the server's own packing of records with every field filled.
 */
import { encodeSecurityDescriptor } from '../../../lib/common/security-descriptor';
import {
  driverInfoFromRecord,
  formInfoFromRecord,
  jobInfoFromRecord,
  monitorInfoFromRecord,
  portInfoFromRecord,
  printerInfoFromRecord,
} from '../../../lib/rpc/rprn/client/info-records';
import {
  type FlatLayout,
  type FlatRecord,
  type FlatValue,
  packFlat,
  unpackFlat,
} from '../../../lib/rpc/rprn/structures/flat-buffer';
import {
  DRIVER_INFO_LAYOUTS,
  FORM_INFO_1_LAYOUT,
  JOB_INFO_LAYOUTS,
  MONITOR_INFO_LAYOUTS,
  PORT_INFO_LAYOUTS,
  PRINTER_INFO_LAYOUTS,
} from '../../../lib/rpc/rprn/structures/info-layouts';
import { type DecoderTarget, memoSeeds } from '../fuzz-target';

type Convert = (rec: FlatRecord) => unknown;

const LAYOUTS: readonly (readonly [FlatLayout, Convert | undefined])[] = [
  ...Object.entries(PRINTER_INFO_LAYOUTS).map(
    ([level, l]) =>
      [l, level === '2' ? (r: FlatRecord) => printerInfoFromRecord(r, '\\\\NTPRINT') : undefined] as const,
  ),
  ...Object.entries(DRIVER_INFO_LAYOUTS).map(
    ([level, l]) => [l, level === '1' ? undefined : driverInfoFromRecord] as const,
  ),
  ...Object.entries(JOB_INFO_LAYOUTS).map(
    ([level, l]) => [l, level === '3' ? undefined : (r: FlatRecord) => jobInfoFromRecord(r, '\\\\NTPRINT')] as const,
  ),
  [FORM_INFO_1_LAYOUT, formInfoFromRecord],
  ...Object.values(PORT_INFO_LAYOUTS).map((l) => [l, portInfoFromRecord] as const),
  ...Object.values(MONITOR_INFO_LAYOUTS).map((l) => [l, monitorInfoFromRecord] as const),
];

/** A DEVMODEW of 220 bytes ([MS-RPRN] 2.2.2.1): dmDeviceName, dmSize at 68, no driver extra. */
function devMode(): Buffer {
  const b = Buffer.alloc(220);
  b.write('HP Color LaserJet', 0, 'utf16le');
  b.writeUInt16LE(0x0401, 64);
  b.writeUInt16LE(220, 68);
  return b;
}

function filled(layout: FlatLayout): FlatRecord {
  const value = (kind: string, name: string): FlatValue => {
    switch (kind) {
      case 'dword':
        return 7;
      case 'word':
        return 1;
      case 'string':
        return name.slice(1);
      case 'multiSz':
        return ['UNIRES.DLL', 'STDNAMES.GPD'];
      case 'filetime':
      case 'qword':
        return 0x01d0000000000000n;
      case 'systemTime':
        return { year: 2026, month: 1, dayOfWeek: 5, day: 2, hour: 3, minute: 4, second: 5, milliseconds: 6 };
      case 'devMode':
        return devMode();
      case 'securityDescriptor':
        return encodeSecurityDescriptor({ owner: 'S-1-5-32-544', dacl: [{ sid: 'S-1-1-0', mask: 8, flags: 0 }] });
      default:
        return undefined;
    }
  };
  return Object.fromEntries(layout.fields.map((f) => [f.name, value(f.kind, f.name)]));
}

function decodeFlatInfo(input: Buffer): void {
  const entry = LAYOUTS[(input[0] ?? 0) % LAYOUTS.length];
  if (entry === undefined) return;
  const [layout, convert] = entry;
  for (const rec of unpackFlat(layout, input.subarray(2), (input[1] ?? 0) % 8)) convert?.(rec);
}

export const FLAT_INFO_TARGETS: readonly DecoderTarget[] = [
  {
    name: 'rprn/flat-info-buffers',
    decode: decodeFlatInfo,
    seeds: memoSeeds(() =>
      LAYOUTS.map(([layout], i) => {
        const records = [filled(layout), filled(layout)];
        return Buffer.concat([Buffer.from([i, 2]), packFlat(layout, records, 4096)]);
      }),
    ),
    maxRandomLength: 1024,
  },
];
