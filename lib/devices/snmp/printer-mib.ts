/**
 * The Printer MIB v2 (RFC 3805, printmib = mib-2 43) tables this agent serves, and the
 * enumerations of IANA-PRINTER-MIB they use. Every table is indexed by
 * { hrDeviceIndex, <table>Index }; index columns (column 1) are not-accessible except
 * prtAlertIndex, which RFC 3805 made read-only.
 *
 *   prtCoverEntry          printmib 6.1.1   { hrDeviceIndex, prtCoverIndex }
 *   prtInputEntry          printmib 8.2.1   { hrDeviceIndex, prtInputIndex }
 *   prtMarkerEntry         printmib 10.2.1  { hrDeviceIndex, prtMarkerIndex }
 *   prtMarkerSuppliesEntry printmib 11.1.1  { hrDeviceIndex, prtMarkerSuppliesIndex }
 *   prtAlertEntry          printmib 18.1.1  { hrDeviceIndex, prtAlertIndex }
 */
import type { Oid } from './oid';

export const PRINTMIB: Oid = [1, 3, 6, 1, 2, 1, 43];
export const PRT_COVER_ENTRY: Oid = [...PRINTMIB, 6, 1, 1];
export const PRT_INPUT_ENTRY: Oid = [...PRINTMIB, 8, 2, 1];
export const PRT_MARKER_ENTRY: Oid = [...PRINTMIB, 10, 2, 1];
export const PRT_MARKER_SUPPLIES_ENTRY: Oid = [...PRINTMIB, 11, 1, 1];
export const PRT_ALERT_ENTRY: Oid = [...PRINTMIB, 18, 1, 1];

export const PrtCoverColumn = { prtCoverDescription: 2, prtCoverStatus: 3 } as const;

export const PrtInputColumn = {
  prtInputType: 2,
  prtInputDimUnit: 3,
  prtInputMediaDimFeedDirDeclared: 4,
  prtInputMediaDimXFeedDirDeclared: 5,
  prtInputMediaDimFeedDirChosen: 6,
  prtInputMediaDimXFeedDirChosen: 7,
  prtInputCapacityUnit: 8,
  prtInputMaxCapacity: 9,
  prtInputCurrentLevel: 10,
  prtInputStatus: 11,
  prtInputMediaName: 12,
  prtInputName: 13,
} as const;

/** The prtMarkerTable columns served: how the marker marks, what it counts, and its counter. */
export const PrtMarkerColumn = {
  prtMarkerMarkTech: 2,
  prtMarkerCounterUnit: 3,
  prtMarkerLifeCount: 4,
} as const;

export const PrtMarkerMarkTechTC = { other: 1, unknown: 2, electrophotographicLaser: 4 } as const;

export const PrtMarkerCounterUnitTC = { impressions: 7, sheets: 8 } as const;

export const PrtMarkerSuppliesColumn = {
  prtMarkerSuppliesMarkerIndex: 2,
  prtMarkerSuppliesColorantIndex: 3,
  prtMarkerSuppliesClass: 4,
  prtMarkerSuppliesType: 5,
  prtMarkerSuppliesDescription: 6,
  prtMarkerSuppliesSupplyUnit: 7,
  prtMarkerSuppliesMaxCapacity: 8,
  prtMarkerSuppliesLevel: 9,
} as const;

export const PrtAlertColumn = {
  prtAlertIndex: 1,
  prtAlertSeverityLevel: 2,
  prtAlertTrainingLevel: 3,
  prtAlertGroup: 4,
  prtAlertGroupIndex: 5,
  prtAlertLocation: 6,
  prtAlertCode: 7,
  prtAlertDescription: 8,
  prtAlertTime: 9,
} as const;

export const PrtCoverStatusTC = {
  other: 1,
  unknown: 2,
  coverOpen: 3,
  coverClosed: 4,
  interlockOpen: 5,
  interlockClosed: 6,
} as const;

export const PrtInputTypeTC = {
  other: 1,
  unknown: 2,
  sheetFeedAutoRemovableTray: 3,
  sheetFeedAutoNonRemovableTray: 4,
  sheetFeedManual: 5,
} as const;

export const PrtMediaUnitTC = { tenThousandthsOfInches: 3, micrometers: 4 } as const;

export const PrtCapacityUnitTC = { other: 1, unknown: 2, sheets: 8, percent: 19 } as const;

export const PrtMarkerSuppliesClassTC = { other: 1, supplyThatIsConsumed: 3, receptacleThatIsFilled: 4 } as const;

export const PrtMarkerSuppliesTypeTC = {
  other: 1,
  unknown: 2,
  toner: 3,
  wasteToner: 4,
  ink: 5,
  opc: 9,
  fuser: 15,
  tonerCartridge: 21,
} as const;

export const PrtMarkerSuppliesSupplyUnitTC = {
  other: 1,
  unknown: 2,
  impressions: 7,
  sheets: 8,
  tenthsOfGrams: 13,
  percent: 19,
} as const;

export const PrtAlertSeverityLevelTC = { other: 1, critical: 3, warning: 4, warningBinaryChangeEvent: 5 } as const;

export const PrtAlertTrainingLevelTC = {
  other: 1,
  unknown: 2,
  untrained: 3,
  trained: 4,
  fieldService: 5,
  management: 6,
  noInterventionRequired: 7,
} as const;

export const PrtAlertGroupTC = {
  other: 1,
  generalPrinter: 5,
  cover: 6,
  input: 8,
  output: 9,
  marker: 10,
  markerSupplies: 11,
  mediaPath: 13,
} as const;

export const PrtAlertCodeTC = {
  other: 1,
  coverOpen: 3,
  jam: 8,
  inputMediaSupplyLow: 807,
  inputMediaSupplyEmpty: 808,
  markerTonerEmpty: 1101,
  markerTonerAlmostEmpty: 1104,
} as const;

/**
 * PrtSubUnitStatusTC is a sum: availability (0 idle, 2 standby, 4 active, 6 busy, 1 on request,
 * 3 broken, 5 unknown) + 8 non-critical alerts + 16 critical alerts + 32 off-line
 * + 64 transitioning.
 */
export const PrtSubUnitStatus = {
  AVAILABLE_IDLE: 0,
  AVAILABLE_ACTIVE: 4,
  NON_CRITICAL_ALERTS: 8,
  CRITICAL_ALERTS: 16,
  OFF_LINE: 32,
} as const;

/** The declared size of standard media in ten-thousandths of an inch: [feed direction, cross-feed]. */
export const MEDIA_DIMENSIONS: Readonly<Record<string, readonly [number, number]>> = {
  letter: [110000, 85000],
  legal: [140000, 85000],
  a4: [116929, 82677],
  a5: [82677, 58268],
};
