/**
 * What a print device tells its SNMP agent: the narrow interface an emulated device implements
 * to be seen as a network printer. The agent calls `mibSnapshot()` once per request and derives
 * everything else from it, so the MIB follows the device as it prints and as faults come and go:
 *
 * - system (RFC 3418): sysDescr, sysName, sysObjectID, sysContact, sysLocation;
 * - Host Resources (RFC 2790): hrDeviceStatus, hrPrinterStatus and hrPrinterDetectedErrorState,
 *   derived from `activity`, `offline` and `alerts` as RFC 3805 2.2.13.2 maps them;
 * - Printer MIB (RFC 3805): prtMarkerSuppliesTable from `markerSupplies`, prtInputTable from
 *   `inputTrays`, prtAlertTable from `alerts` (the agent numbers and time-stamps them),
 *   prtCoverTable (one front door, open while a `doorOpen` alert is active) and prtMarkerTable
 *   (one marker, its prtMarkerLifeCount from `lifeCount`).
 *
 * Levels and capacities use the MIB's conventions: -1 other, -2 unknown, -3 "some remains".
 */
import type { Oid } from './oid';

/** The alerts an emulated device raises, as the course's faults name them. */
export type PrinterAlertKind = 'jam' | 'paperOut' | 'paperLow' | 'doorOpen' | 'tonerOut' | 'tonerLow';

export interface PrinterAlertCondition {
  readonly kind: PrinterAlertKind;
  /**
   * The 1-based row of the sub-unit at fault: the input tray for paperOut and paperLow, the
   * marker supply for tonerOut and tonerLow. Omitted when the fault is not tied to one row.
   */
  readonly subunit?: number;
}

/** A subset of PrtMarkerSuppliesTypeTC (IANA-PRINTER-MIB). */
export type MarkerSupplyType = 'toner' | 'tonerCartridge' | 'wasteToner' | 'ink' | 'opc' | 'fuser' | 'other';

/** A subset of PrtMarkerSuppliesSupplyUnitTC. */
export type MarkerSupplyUnit = 'percent' | 'impressions' | 'sheets' | 'tenthsOfGrams' | 'other';

export interface MarkerSupply {
  /** prtMarkerSuppliesDescription, e.g. "Black Cartridge HP C9720A". */
  readonly description: string;
  readonly type: MarkerSupplyType;
  readonly unit: MarkerSupplyUnit;
  readonly maxCapacity: number;
  readonly level: number;
}

/** A subset of PrtInputTypeTC. */
export type InputTrayType = 'sheetFeedAutoRemovableTray' | 'sheetFeedAutoNonRemovableTray' | 'sheetFeedManual';

export interface InputTray {
  /** prtInputName, e.g. "Tray 2". */
  readonly name: string;
  /** prtInputMediaName, e.g. "A4". Letter, Legal, A4 and A5 also give the declared dimensions. */
  readonly mediaName: string;
  readonly type?: InputTrayType;
  /** In sheets. */
  readonly maxCapacity: number;
  readonly currentLevel: number;
}

export interface PrinterMibSnapshot {
  readonly sysDescr: string;
  readonly sysName: string;
  /** The vendor's identification; zeroDotZero (0.0) when the device names none. */
  readonly sysObjectID?: Oid;
  readonly sysContact?: string;
  readonly sysLocation?: string;
  /** What the engine is doing; faults are given by `offline` and `alerts`. */
  readonly activity: 'idle' | 'printing' | 'warmup';
  readonly offline: boolean;
  readonly alerts: readonly PrinterAlertCondition[];
  readonly markerSupplies: readonly MarkerSupply[];
  readonly inputTrays: readonly InputTray[];
  /** Impressions printed over the device's life (prtMarkerLifeCount, the page counter); 0 when omitted. */
  readonly lifeCount?: number;
}

export interface PrinterMibSource {
  mibSnapshot(): PrinterMibSnapshot;
}
