/**
 * What an emulated device tells its SNMP agent (the PrinterMibSource snapshot, see
 * snmp/printer-mib-source.ts): the course's faults become Printer MIB alerts, the toner and
 * trays become the marker supplies and input tables, the page counter prtMarkerLifeCount.
 *
 *   device fault / state          alert (subunit)                       hrPrinterDetectedErrorState
 *   jam                           jam                                   jammed
 *   paper-out (every tray empty)  paperOut, one per tray (that tray)    noPaper
 *   paper-out (injected)          paperOut (the tray it feeds from)     noPaper
 *   door-open                     doorOpen (the front door)             doorOpen
 *   toner-out                     tonerOut (marker supply 1)            noToner
 *   toner low (not out)           tonerLow (marker supply 1)            lowToner
 *   offline                       none: `offline`                       offline
 *
 * An injected paper-out is the tray sensor's word against the counted sheets: the alert names
 * the tray the next page would come from, whose level stays what was counted.
 */
import { DeviceFault } from './device-fault';
import type { InputTray, PrinterAlertCondition, PrinterMibSnapshot } from './snmp/printer-mib-source';
import { isPaperOut, isTonerLow, isTonerOut, tonerPercent, type SuppliesState } from './supplies';

/** What the snapshot is made from: the device's state at one instant. */
export interface DeviceMibState {
  readonly name: string;
  readonly ppm: number;
  /** Faults now, injected or caused by the supplies. */
  readonly faults: readonly DeviceFault[];
  readonly printing: boolean;
  readonly supplies: SuppliesState;
  /** Pages printed over the device's life. */
  readonly pagesPrinted: number;
}

/** The one cartridge an emulated device has: marker supply 1. */
export const TONER_SUPPLY = 1;

export function deviceMibSnapshot(s: DeviceMibState): PrinterMibSnapshot {
  const alerts: PrinterAlertCondition[] = [];
  const faults = new Set(s.faults);
  if (faults.has(DeviceFault.JAM)) alerts.push({ kind: 'jam' });
  if (faults.has(DeviceFault.PAPER_OUT)) alerts.push(...paperOutAlerts(s.supplies));
  if (faults.has(DeviceFault.DOOR_OPEN)) alerts.push({ kind: 'doorOpen' });
  if (faults.has(DeviceFault.TONER_OUT)) alerts.push({ kind: 'tonerOut', subunit: TONER_SUPPLY });
  else if (isTonerLow(s.supplies)) alerts.push({ kind: 'tonerLow', subunit: TONER_SUPPLY });
  const trays: InputTray[] = s.supplies.trays.map((t) => ({
    name: t.name,
    mediaName: t.mediaName,
    maxCapacity: t.capacity,
    currentLevel: t.sheets,
  }));
  return {
    sysDescr: `pointprint emulated laser printer, ${s.ppm} ppm`,
    sysName: s.name,
    activity: s.printing && faults.size === 0 ? 'printing' : 'idle',
    offline: faults.has(DeviceFault.OFFLINE),
    alerts,
    markerSupplies: [
      {
        description: 'Black Toner Cartridge',
        type: 'tonerCartridge',
        unit: 'percent',
        maxCapacity: 100,
        level: isTonerOut(s.supplies) ? 0 : tonerPercent(s.supplies),
      },
    ],
    inputTrays: trays,
    lifeCount: s.pagesPrinted,
  };
}

function paperOutAlerts(supplies: SuppliesState): PrinterAlertCondition[] {
  const trays = supplies.trays;
  if (isPaperOut(supplies)) return trays.map((_, i) => ({ kind: 'paperOut', subunit: i + 1 }));
  const feeding = trays.findIndex((t) => t.sheets > 0);
  return [{ kind: 'paperOut', subunit: feeding + 1 }];
}
