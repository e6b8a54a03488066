/**
 * The parts of HOST-RESOURCES-MIB (RFC 2790) a printer exposes: its row of hrDeviceTable
 * (hrDevice 2) and of hrPrinterTable (hrDevice 5), both indexed by hrDeviceIndex, which is the
 * "SNMP Device Index" of Windows' Standard TCP/IP port (1 on nearly every printer).
 *
 * hrPrinterDetectedErrorState is an OCTET STRING of bits numbered from the most significant
 * bit of the first octet (bit 0 = 0x80 of octet 0, bit 8 = 0x80 of octet 1). RFC 3805 2.2.13.2
 * ties the three objects together: a warning condition (lowPaper, lowToner, serviceRequested,
 * ...) leaves the printer running with hrDeviceStatus warning(3); a critical one (noPaper,
 * noToner, doorOpen, jammed, offline, ...) makes it down(5) with hrPrinterStatus other(1).
 */
import type { Oid } from './oid';

export const HR_DEVICE: Oid = [1, 3, 6, 1, 2, 1, 25, 3];
/** hrDeviceTypes 5. */
export const HR_DEVICE_PRINTER: Oid = [...HR_DEVICE, 1, 5];
export const HR_DEVICE_ENTRY: Oid = [...HR_DEVICE, 2, 1];
export const HR_PRINTER_ENTRY: Oid = [...HR_DEVICE, 5, 1];

export const HrDeviceColumn = {
  hrDeviceIndex: 1,
  hrDeviceType: 2,
  hrDeviceDescr: 3,
  hrDeviceID: 4,
  hrDeviceStatus: 5,
  hrDeviceErrors: 6,
} as const;

export const HrPrinterColumn = {
  hrPrinterStatus: 1,
  hrPrinterDetectedErrorState: 2,
} as const;

export const HrDeviceStatus = { unknown: 1, running: 2, warning: 3, testing: 4, down: 5 } as const;
export type HrDeviceStatus = (typeof HrDeviceStatus)[keyof typeof HrDeviceStatus];

export const HrPrinterStatus = { other: 1, unknown: 2, idle: 3, printing: 4, warmup: 5 } as const;
export type HrPrinterStatus = (typeof HrPrinterStatus)[keyof typeof HrPrinterStatus];

/** Bit numbers of hrPrinterDetectedErrorState (RFC 2790, extended to 15 bits by RFC 3805). */
export const HrPrinterDetectedError = {
  lowPaper: 0,
  noPaper: 1,
  lowToner: 2,
  noToner: 3,
  doorOpen: 4,
  jammed: 5,
  offline: 6,
  serviceRequested: 7,
  inputTrayMissing: 8,
  outputTrayMissing: 9,
  markerSupplyMissing: 10,
  outputNearFull: 11,
  outputFull: 12,
  inputTrayEmpty: 13,
  overduePreventMaint: 14,
} as const;
export type HrPrinterDetectedError = keyof typeof HrPrinterDetectedError;

/** Conditions that stop printing (hrDeviceStatus down(5)); the others are warnings. */
export const CRITICAL_DETECTED_ERRORS: ReadonlySet<HrPrinterDetectedError> = new Set([
  'noPaper',
  'noToner',
  'doorOpen',
  'jammed',
  'offline',
  'inputTrayMissing',
  'outputTrayMissing',
  'markerSupplyMissing',
  'outputFull',
]);

/** Two octets: every bit RFC 3805 defines fits. */
export const DETECTED_ERROR_STATE_OCTETS = 2;

export function encodeDetectedErrorState(errors: Iterable<HrPrinterDetectedError>): Buffer {
  const out = Buffer.alloc(DETECTED_ERROR_STATE_OCTETS);
  for (const e of errors) {
    const bit = HrPrinterDetectedError[e];
    out[bit >> 3] = (out[bit >> 3] as number) | (0x80 >> (bit & 7));
  }
  return out;
}

/** Any length is accepted: older printers send one octet, some send more than two. */
export function decodeDetectedErrorState(octets: Buffer): Set<HrPrinterDetectedError> {
  const out = new Set<HrPrinterDetectedError>();
  for (const [name, bit] of Object.entries(HrPrinterDetectedError) as [HrPrinterDetectedError, number][]) {
    const octet = octets[bit >> 3];
    if (octet !== undefined && (octet & (0x80 >> (bit & 7))) !== 0) out.add(name);
  }
  return out;
}

/** hrDeviceStatus for a set of detected conditions: the worst of them (down > warning > running). */
export function deviceStatusFor(errors: ReadonlySet<HrPrinterDetectedError>): HrDeviceStatus {
  if ([...errors].some((e) => CRITICAL_DETECTED_ERRORS.has(e))) return HrDeviceStatus.down;
  return errors.size > 0 ? HrDeviceStatus.warning : HrDeviceStatus.running;
}
