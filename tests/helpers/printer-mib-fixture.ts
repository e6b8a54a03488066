/**
 * A printer's state as plain data behind the PrinterMibSource interface, for the agent's tests
 * until the emulated PrintDevice implements the interface itself (integration phase of issue
 * 19). The tests change the fields and read what the agent reports.
 */
import type {
  InputTray,
  MarkerSupply,
  PrinterAlertCondition,
  PrinterMibSnapshot,
  PrinterMibSource,
} from '../../lib/devices/snmp/printer-mib-source';

export class PrinterMibFixture implements PrinterMibSource {
  sysDescr = 'HP Color LaserJet 4500 (pointprint emulated device)';
  sysName = 'HpColor';
  activity: PrinterMibSnapshot['activity'] = 'idle';
  offline = false;
  alerts: PrinterAlertCondition[] = [];
  markerSupplies: MarkerSupply[] = [
    { description: 'Black Cartridge', type: 'toner', unit: 'percent', maxCapacity: 100, level: 80 },
  ];
  inputTrays: InputTray[] = [
    { name: 'Tray 1', mediaName: 'Letter', type: 'sheetFeedManual', maxCapacity: 100, currentLevel: 100 },
    { name: 'Tray 2', mediaName: 'A4', maxCapacity: 500, currentLevel: 250 },
  ];

  mibSnapshot(): PrinterMibSnapshot {
    return {
      sysDescr: this.sysDescr,
      sysName: this.sysName,
      activity: this.activity,
      offline: this.offline,
      alerts: [...this.alerts],
      markerSupplies: [...this.markerSupplies],
      inputTrays: [...this.inputTrays],
    };
  }
}
