/**
 * Builds a printer's MIB view from its snapshot: the system group, its hrDeviceTable and
 * hrPrinterTable rows, and the Printer MIB's cover, input, marker, marker supplies and alert
 * tables (see printer-mib-source.ts for where each value comes from).
 *
 * How an alert shows (RFC 3805 prtAlertTable, IANA-PRINTER-MIB codes) and which
 * hrPrinterDetectedErrorState bit it sets:
 *
 *   kind      prtAlertCode                 group              severity                  bit
 *   jam       jam(8)                       mediaPath(13), -1  critical(3)               jammed
 *   paperOut  inputMediaSupplyEmpty(808)   input(8), tray     critical(3)               noPaper
 *   paperLow  inputMediaSupplyLow(807)     input(8), tray     warningBinaryChange(5)    lowPaper
 *   doorOpen  coverOpen(3)                 cover(6), 1        critical(3)               doorOpen
 *   tonerOut  markerTonerEmpty(1101)       markerSupplies(11) critical(3)               noToner
 *   tonerLow  markerTonerAlmostEmpty(1104) markerSupplies(11) warningBinaryChange(5)    lowToner
 *
 * `offline` sets the offline bit and no alert row: it is a state of the printer, not a fault.
 * prtAlertTrainingLevel is our choice, the MIB leaves it to the printer: anyone (untrained) can
 * load paper, shut a door or clear a jam; replacing toner is for a trained user.
 */
import {
  CRITICAL_DETECTED_ERRORS,
  deviceStatusFor,
  encodeDetectedErrorState,
  HR_DEVICE_ENTRY,
  HR_DEVICE_PRINTER,
  HR_PRINTER_ENTRY,
  HrDeviceColumn,
  HrPrinterColumn,
  HrPrinterStatus,
  type HrPrinterDetectedError,
} from './host-resources-mib';
import { MibViewBuilder, type MibView } from './mib-view';
import type { PrinterAlertRow } from './printer-alert-table';
import {
  MEDIA_DIMENSIONS,
  PRT_ALERT_ENTRY,
  PRT_COVER_ENTRY,
  PRT_INPUT_ENTRY,
  PRT_MARKER_ENTRY,
  PRT_MARKER_SUPPLIES_ENTRY,
  PrtAlertCodeTC,
  PrtAlertColumn,
  PrtAlertGroupTC,
  PrtAlertSeverityLevelTC,
  PrtAlertTrainingLevelTC,
  PrtCapacityUnitTC,
  PrtCoverColumn,
  PrtCoverStatusTC,
  PrtInputColumn,
  PrtInputTypeTC,
  PrtMarkerColumn,
  PrtMarkerCounterUnitTC,
  PrtMarkerMarkTechTC,
  PrtMarkerSuppliesClassTC,
  PrtMarkerSuppliesColumn,
  PrtMarkerSuppliesSupplyUnitTC,
  PrtMarkerSuppliesTypeTC,
  PrtMediaUnitTC,
  PrtSubUnitStatus,
} from './printer-mib';
import type { PrinterAlertKind, PrinterMibSnapshot } from './printer-mib-source';
import { PRINTER_SYS_SERVICES, SystemObject, ZERO_DOT_ZERO } from './system-mib';
import { snmpCounter32, snmpInteger, snmpOctets, snmpOid, snmpTimeTicks } from './snmp-value';

interface AlertShape {
  readonly code: number;
  readonly group: number;
  readonly severity: number;
  readonly training: number;
  readonly bit: HrPrinterDetectedError;
  readonly description: string;
}

const { critical, warningBinaryChangeEvent } = PrtAlertSeverityLevelTC;
const { untrained, trained } = PrtAlertTrainingLevelTC;

export const ALERT_SHAPES: Readonly<Record<PrinterAlertKind, AlertShape>> = {
  jam: {
    code: PrtAlertCodeTC.jam,
    group: PrtAlertGroupTC.mediaPath,
    severity: critical,
    training: untrained,
    bit: 'jammed',
    description: 'Paper jam',
  },
  paperOut: {
    code: PrtAlertCodeTC.inputMediaSupplyEmpty,
    group: PrtAlertGroupTC.input,
    severity: critical,
    training: untrained,
    bit: 'noPaper',
    description: 'Out of paper',
  },
  paperLow: {
    code: PrtAlertCodeTC.inputMediaSupplyLow,
    group: PrtAlertGroupTC.input,
    severity: warningBinaryChangeEvent,
    training: untrained,
    bit: 'lowPaper',
    description: 'Paper low',
  },
  doorOpen: {
    code: PrtAlertCodeTC.coverOpen,
    group: PrtAlertGroupTC.cover,
    severity: critical,
    training: untrained,
    bit: 'doorOpen',
    description: 'Door open',
  },
  tonerOut: {
    code: PrtAlertCodeTC.markerTonerEmpty,
    group: PrtAlertGroupTC.markerSupplies,
    severity: critical,
    training: trained,
    bit: 'noToner',
    description: 'Toner empty',
  },
  tonerLow: {
    code: PrtAlertCodeTC.markerTonerAlmostEmpty,
    group: PrtAlertGroupTC.markerSupplies,
    severity: warningBinaryChangeEvent,
    training: trained,
    bit: 'lowToner',
    description: 'Toner low',
  },
};

/** The one cover an emulated device has. */
const FRONT_DOOR = 1;

export interface PrinterMibViewOptions {
  /** hrDeviceIndex of the printer: the port's SNMP Device Index. */
  readonly deviceIndex: number;
  /** sysUpTime in hundredths of a second. */
  readonly upTimeTicks: number;
  readonly alerts: readonly PrinterAlertRow[];
  /** hrDeviceErrors. */
  readonly alertsAdded: number;
}

/** hrPrinterDetectedErrorState's conditions for a snapshot. */
export function detectedErrorsOf(snapshot: PrinterMibSnapshot): Set<HrPrinterDetectedError> {
  const errors = new Set<HrPrinterDetectedError>(snapshot.alerts.map((a) => ALERT_SHAPES[a.kind].bit));
  if (snapshot.offline) errors.add('offline');
  return errors;
}

export function buildPrinterMibView(snapshot: PrinterMibSnapshot, options: PrinterMibViewOptions): MibView {
  const b = new MibViewBuilder();
  const dev = options.deviceIndex;
  b.scalar(SystemObject.sysDescr, snmpOctets(snapshot.sysDescr))
    .scalar(SystemObject.sysObjectID, snmpOid(snapshot.sysObjectID ?? ZERO_DOT_ZERO))
    .scalar(SystemObject.sysUpTime, snmpTimeTicks(options.upTimeTicks))
    .scalar(SystemObject.sysContact, snmpOctets(snapshot.sysContact ?? ''))
    .scalar(SystemObject.sysName, snmpOctets(snapshot.sysName))
    .scalar(SystemObject.sysLocation, snmpOctets(snapshot.sysLocation ?? ''))
    .scalar(SystemObject.sysServices, snmpInteger(PRINTER_SYS_SERVICES));

  const errors = detectedErrorsOf(snapshot);
  const down = [...errors].some((e) => CRITICAL_DETECTED_ERRORS.has(e));
  b.columns(HR_DEVICE_ENTRY, Object.values(HrDeviceColumn));
  b.cell(HR_DEVICE_ENTRY, HrDeviceColumn.hrDeviceIndex, [dev], snmpInteger(dev))
    .cell(HR_DEVICE_ENTRY, HrDeviceColumn.hrDeviceType, [dev], snmpOid(HR_DEVICE_PRINTER))
    .cell(HR_DEVICE_ENTRY, HrDeviceColumn.hrDeviceDescr, [dev], snmpOctets(snapshot.sysDescr.slice(0, 64)))
    .cell(HR_DEVICE_ENTRY, HrDeviceColumn.hrDeviceID, [dev], snmpOid(ZERO_DOT_ZERO))
    .cell(HR_DEVICE_ENTRY, HrDeviceColumn.hrDeviceStatus, [dev], snmpInteger(deviceStatusFor(errors)))
    .cell(HR_DEVICE_ENTRY, HrDeviceColumn.hrDeviceErrors, [dev], snmpCounter32(options.alertsAdded));
  const printerStatus = down ? HrPrinterStatus.other : HrPrinterStatus[snapshot.activity];
  b.columns(HR_PRINTER_ENTRY, Object.values(HrPrinterColumn));
  b.cell(HR_PRINTER_ENTRY, HrPrinterColumn.hrPrinterStatus, [dev], snmpInteger(printerStatus)).cell(
    HR_PRINTER_ENTRY,
    HrPrinterColumn.hrPrinterDetectedErrorState,
    [dev],
    snmpOctets(encodeDetectedErrorState(errors)),
  );

  const doorOpen = snapshot.alerts.some((a) => a.kind === 'doorOpen');
  b.columns(PRT_COVER_ENTRY, Object.values(PrtCoverColumn));
  b.cell(PRT_COVER_ENTRY, PrtCoverColumn.prtCoverDescription, [dev, FRONT_DOOR], snmpOctets('Front door')).cell(
    PRT_COVER_ENTRY,
    PrtCoverColumn.prtCoverStatus,
    [dev, FRONT_DOOR],
    snmpInteger(doorOpen ? PrtCoverStatusTC.coverOpen : PrtCoverStatusTC.coverClosed),
  );

  addInputTable(b, snapshot, dev);
  addMarkerTable(b, snapshot, dev);
  addMarkerSuppliesTable(b, snapshot, dev);
  addAlertTable(b, snapshot, options);
  return b.build();
}

/** prtInputStatus: available, plus the alert and off-line flags that concern the tray. */
function inputStatus(snapshot: PrinterMibSnapshot, tray: number): number {
  const own = snapshot.alerts.filter((a) => ALERT_SHAPES[a.kind].group === PrtAlertGroupTC.input && a.subunit === tray);
  let status = snapshot.activity === 'printing' ? PrtSubUnitStatus.AVAILABLE_ACTIVE : PrtSubUnitStatus.AVAILABLE_IDLE;
  if (own.some((a) => ALERT_SHAPES[a.kind].severity === critical)) status += PrtSubUnitStatus.CRITICAL_ALERTS;
  if (own.some((a) => ALERT_SHAPES[a.kind].severity !== critical)) status += PrtSubUnitStatus.NON_CRITICAL_ALERTS;
  if (snapshot.offline) status += PrtSubUnitStatus.OFF_LINE;
  return status;
}

function addInputTable(b: MibViewBuilder, snapshot: PrinterMibSnapshot, dev: number): void {
  const C = PrtInputColumn;
  b.columns(PRT_INPUT_ENTRY, Object.values(C));
  snapshot.inputTrays.forEach((tray, i) => {
    const index = [dev, i + 1];
    const [feed, xfeed] = MEDIA_DIMENSIONS[tray.mediaName.toLowerCase()] ?? [-2, -2];
    const cell = (column: number, value: number | string): void => {
      b.cell(PRT_INPUT_ENTRY, column, index, typeof value === 'number' ? snmpInteger(value) : snmpOctets(value));
    };
    cell(C.prtInputType, PrtInputTypeTC[tray.type ?? 'sheetFeedAutoRemovableTray']);
    cell(C.prtInputDimUnit, PrtMediaUnitTC.tenThousandthsOfInches);
    cell(C.prtInputMediaDimFeedDirDeclared, feed);
    cell(C.prtInputMediaDimXFeedDirDeclared, xfeed);
    cell(C.prtInputMediaDimFeedDirChosen, feed);
    cell(C.prtInputMediaDimXFeedDirChosen, xfeed);
    cell(C.prtInputCapacityUnit, PrtCapacityUnitTC.sheets);
    cell(C.prtInputMaxCapacity, tray.maxCapacity);
    cell(C.prtInputCurrentLevel, tray.currentLevel);
    cell(C.prtInputStatus, inputStatus(snapshot, i + 1));
    cell(C.prtInputMediaName, tray.mediaName);
    cell(C.prtInputName, tray.name);
  });
}

/** The one marker (prtMarkerIndex 1) the supplies' prtMarkerSuppliesMarkerIndex names, with its page counter. */
function addMarkerTable(b: MibViewBuilder, snapshot: PrinterMibSnapshot, dev: number): void {
  const C = PrtMarkerColumn;
  const index = [dev, 1];
  b.columns(PRT_MARKER_ENTRY, Object.values(C));
  b.cell(PRT_MARKER_ENTRY, C.prtMarkerMarkTech, index, snmpInteger(PrtMarkerMarkTechTC.electrophotographicLaser))
    .cell(PRT_MARKER_ENTRY, C.prtMarkerCounterUnit, index, snmpInteger(PrtMarkerCounterUnitTC.impressions))
    .cell(PRT_MARKER_ENTRY, C.prtMarkerLifeCount, index, snmpCounter32((snapshot.lifeCount ?? 0) % 0x100000000));
}

function addMarkerSuppliesTable(b: MibViewBuilder, snapshot: PrinterMibSnapshot, dev: number): void {
  const C = PrtMarkerSuppliesColumn;
  b.columns(PRT_MARKER_SUPPLIES_ENTRY, Object.values(C));
  snapshot.markerSupplies.forEach((supply, i) => {
    const index = [dev, i + 1];
    const cls =
      supply.type === 'wasteToner'
        ? PrtMarkerSuppliesClassTC.receptacleThatIsFilled
        : PrtMarkerSuppliesClassTC.supplyThatIsConsumed;
    b.cell(PRT_MARKER_SUPPLIES_ENTRY, C.prtMarkerSuppliesMarkerIndex, index, snmpInteger(1))
      .cell(PRT_MARKER_SUPPLIES_ENTRY, C.prtMarkerSuppliesColorantIndex, index, snmpInteger(0))
      .cell(PRT_MARKER_SUPPLIES_ENTRY, C.prtMarkerSuppliesClass, index, snmpInteger(cls))
      .cell(
        PRT_MARKER_SUPPLIES_ENTRY,
        C.prtMarkerSuppliesType,
        index,
        snmpInteger(PrtMarkerSuppliesTypeTC[supply.type]),
      )
      .cell(PRT_MARKER_SUPPLIES_ENTRY, C.prtMarkerSuppliesDescription, index, snmpOctets(supply.description))
      .cell(
        PRT_MARKER_SUPPLIES_ENTRY,
        C.prtMarkerSuppliesSupplyUnit,
        index,
        snmpInteger(PrtMarkerSuppliesSupplyUnitTC[supply.unit]),
      )
      .cell(PRT_MARKER_SUPPLIES_ENTRY, C.prtMarkerSuppliesMaxCapacity, index, snmpInteger(supply.maxCapacity))
      .cell(PRT_MARKER_SUPPLIES_ENTRY, C.prtMarkerSuppliesLevel, index, snmpInteger(supply.level));
  });
}

function alertDescription(snapshot: PrinterMibSnapshot, row: PrinterAlertRow): string {
  const shape = ALERT_SHAPES[row.kind];
  const tray =
    shape.group === PrtAlertGroupTC.input && row.subunit !== undefined
      ? snapshot.inputTrays[row.subunit - 1]
      : undefined;
  return tray ? `${shape.description}: ${tray.name}` : shape.description;
}

function addAlertTable(b: MibViewBuilder, snapshot: PrinterMibSnapshot, options: PrinterMibViewOptions): void {
  const C = PrtAlertColumn;
  b.columns(PRT_ALERT_ENTRY, Object.values(C));
  for (const row of options.alerts) {
    const shape = ALERT_SHAPES[row.kind];
    const index = [options.deviceIndex, row.index];
    const groupIndex =
      shape.group === PrtAlertGroupTC.cover
        ? FRONT_DOOR
        : shape.group === PrtAlertGroupTC.mediaPath
          ? -1
          : (row.subunit ?? -1);
    b.cell(PRT_ALERT_ENTRY, C.prtAlertIndex, index, snmpInteger(row.index))
      .cell(PRT_ALERT_ENTRY, C.prtAlertSeverityLevel, index, snmpInteger(shape.severity))
      .cell(PRT_ALERT_ENTRY, C.prtAlertTrainingLevel, index, snmpInteger(shape.training))
      .cell(PRT_ALERT_ENTRY, C.prtAlertGroup, index, snmpInteger(shape.group))
      .cell(PRT_ALERT_ENTRY, C.prtAlertGroupIndex, index, snmpInteger(groupIndex))
      .cell(PRT_ALERT_ENTRY, C.prtAlertLocation, index, snmpInteger(-2))
      .cell(PRT_ALERT_ENTRY, C.prtAlertCode, index, snmpInteger(shape.code))
      .cell(PRT_ALERT_ENTRY, C.prtAlertDescription, index, snmpOctets(alertDescription(snapshot, row)))
      .cell(PRT_ALERT_ENTRY, C.prtAlertTime, index, snmpTimeTicks(row.time));
  }
}
