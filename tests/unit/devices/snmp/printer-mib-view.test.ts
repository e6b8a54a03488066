import { SnmpAgent } from '../../../../lib/devices/snmp/snmp-agent';
import { decodeDetectedErrorState, encodeDetectedErrorState } from '../../../../lib/devices/snmp/host-resources-mib';
import { parseOid } from '../../../../lib/devices/snmp/oid';
import { PrinterAlertTable } from '../../../../lib/devices/snmp/printer-alert-table';
import { buildPrinterMibView } from '../../../../lib/devices/snmp/printer-mib-view';
import type { SnmpValue } from '../../../../lib/devices/snmp/snmp-value';
import { createSilentLogger } from '../../../../lib/common/logger';
import { VirtualClock } from '../../../../lib/common/clock';
import { PrintDevice } from '../../../../lib/devices/print-device';
import type { PrinterMibSnapshot } from '../../../../lib/devices/snmp/printer-mib-source';
import { hex } from './fixtures';

/** A printer's state as the agent receives it: the view is a function of this snapshot alone. */
const BASE: PrinterMibSnapshot = {
  sysDescr: 'HP Color LaserJet 4500 (pointprint emulated device)',
  sysName: 'HpColor',
  activity: 'idle',
  offline: false,
  alerts: [],
  markerSupplies: [{ description: 'Black Cartridge', type: 'toner', unit: 'percent', maxCapacity: 100, level: 80 }],
  inputTrays: [
    { name: 'Tray 1', mediaName: 'Letter', type: 'sheetFeedManual', maxCapacity: 100, currentLevel: 100 },
    { name: 'Tray 2', mediaName: 'A4', maxCapacity: 500, currentLevel: 250 },
  ],
};
const printer = (over: Partial<PrinterMibSnapshot> = {}): PrinterMibSnapshot => ({ ...BASE, ...over });

function viewOf(snapshot: PrinterMibSnapshot, alerts = new PrinterAlertTable()) {
  return buildPrinterMibView(snapshot, {
    deviceIndex: 1,
    upTimeTicks: 4200,
    alerts: alerts.update(snapshot.alerts, 4200),
    alertsAdded: alerts.alertsAdded,
  });
}
/** The value at a numeric OID, shown as "Type:value". */
function at(snapshot: PrinterMibSnapshot, oid: string, alerts?: PrinterAlertTable): string {
  const v: SnmpValue = viewOf(snapshot, alerts).get(parseOid(oid));
  if (!('value' in v)) return v.type;
  return `${v.type}:${Buffer.isBuffer(v.value) ? v.value.toString('latin1') : Array.isArray(v.value) ? v.value.join('.') : String(v.value)}`;
}

describe('hrPrinterDetectedErrorState bits (RFC 2790: bit 0 is the top bit of octet 0)', () => {
  it.each([
    [[], '0000'],
    [['lowPaper'], '8000'],
    [['noPaper', 'doorOpen'], '4800'],
    [['offline'], '0200'],
    [['serviceRequested'], '0100'],
    [['inputTrayMissing'], '0080'],
    [['overduePreventMaint'], '0002'],
  ] as const)('%j -> %s', (errors, bytes) => {
    expect(encodeDetectedErrorState(errors)).toEqual(hex(bytes));
    expect([...decodeDetectedErrorState(hex(bytes))].sort()).toEqual([...errors].sort());
  });
  it('decodes the one octet older printers send', () => {
    expect([...decodeDetectedErrorState(hex('10'))]).toEqual(['noToner']);
  });
});

describe('the printer MIB of a device', () => {
  it('system group', () => {
    const p = printer();
    expect(at(p, '1.3.6.1.2.1.1.1.0')).toBe(`OctetString:${p.sysDescr}`);
    expect(at(p, '1.3.6.1.2.1.1.2.0')).toBe('ObjectIdentifier:0.0');
    expect(at(p, '1.3.6.1.2.1.1.3.0')).toBe('TimeTicks:4200');
    expect(at(p, '1.3.6.1.2.1.1.5.0')).toBe('OctetString:HpColor');
  });

  it('marker supplies: toner level, maximum, description, type and unit', () => {
    const p = printer();
    const col = (c: number): string => at(p, `1.3.6.1.2.1.43.11.1.1.${c}.1.1`);
    expect([col(4), col(5), col(6), col(7), col(8), col(9)]).toEqual([
      'Integer:3', // supplyThatIsConsumed
      'Integer:3', // toner
      'OctetString:Black Cartridge',
      'Integer:19', // percent
      'Integer:100',
      'Integer:80',
    ]);
    expect(at(p, '1.3.6.1.2.1.43.11.1.1.9.1.2')).toBe('noSuchInstance');
    expect(at(p, '1.3.6.1.2.1.43.11.1.1.1.1.1')).toBe('noSuchObject'); // the index column is not-accessible
  });

  it('input trays: levels, capacity in sheets, media names and declared dimensions', () => {
    const p = printer();
    const tray = (c: number, t: number): string => at(p, `1.3.6.1.2.1.43.8.2.1.${c}.1.${t}`);
    expect([tray(2, 1), tray(2, 2)]).toEqual(['Integer:5', 'Integer:3']); // sheetFeedManual, removable tray
    expect([tray(8, 2), tray(9, 2), tray(10, 2), tray(12, 2), tray(13, 2)]).toEqual([
      'Integer:8',
      'Integer:500',
      'Integer:250',
      'OctetString:A4',
      'OctetString:Tray 2',
    ]);
    expect([tray(4, 1), tray(5, 1), tray(4, 2), tray(5, 2)]).toEqual([
      'Integer:110000',
      'Integer:85000',
      'Integer:116929',
      'Integer:82677',
    ]);
  });

  it('an idle printer without faults: running, idle, no error bits, no alerts', () => {
    const p = printer();
    expect(at(p, '1.3.6.1.2.1.25.3.2.1.5.1')).toBe('Integer:2');
    expect(at(p, '1.3.6.1.2.1.25.3.5.1.1.1')).toBe('Integer:3');
    expect(at(p, '1.3.6.1.2.1.25.3.5.1.2.1')).toBe('OctetString:\0\0');
    expect(viewOf(p).next(parseOid('1.3.6.1.2.1.43.18'))).toBeUndefined();
    expect(at(p, '1.3.6.1.2.1.43.6.1.1.3.1.1')).toBe('Integer:4'); // coverClosed
  });

  it('paper out in tray 2 and the door open: down, other, bits, alert rows and the cover', () => {
    const p = printer({ activity: 'printing', alerts: [{ kind: 'paperOut', subunit: 2 }, { kind: 'doorOpen' }] });
    expect(at(p, '1.3.6.1.2.1.25.3.2.1.5.1')).toBe('Integer:5'); // down
    expect(at(p, '1.3.6.1.2.1.25.3.5.1.1.1')).toBe('Integer:1'); // other
    expect(at(p, '1.3.6.1.2.1.25.3.5.1.2.1')).toBe('OctetString:\x48\0');
    const alert = (c: number, i: number): string => at(p, `1.3.6.1.2.1.43.18.1.1.${c}.1.${i}`);
    // index, severity critical(3), training untrained(3), group, group index, location unknown, code, description, time
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => alert(c, 1))).toEqual([
      'Integer:1',
      'Integer:3',
      'Integer:3',
      'Integer:8',
      'Integer:2',
      'Integer:-2',
      'Integer:808',
      'OctetString:Out of paper: Tray 2',
      'TimeTicks:4200',
    ]);
    expect([4, 5, 7, 8].map((c) => alert(c, 2))).toEqual([
      'Integer:6',
      'Integer:1',
      'Integer:3',
      'OctetString:Door open',
    ]);
    expect(at(p, '1.3.6.1.2.1.43.6.1.1.3.1.1')).toBe('Integer:3'); // coverOpen
    expect(at(p, '1.3.6.1.2.1.43.8.2.1.11.1.2')).toBe('Integer:20'); // active + critical alerts
    expect(at(p, '1.3.6.1.2.1.43.8.2.1.11.1.1')).toBe('Integer:4');
  });

  it('toner low alone is a warning: printing goes on', () => {
    const p = printer({ activity: 'printing', alerts: [{ kind: 'tonerLow', subunit: 1 }] });
    expect(at(p, '1.3.6.1.2.1.25.3.2.1.5.1')).toBe('Integer:3'); // warning
    expect(at(p, '1.3.6.1.2.1.25.3.5.1.1.1')).toBe('Integer:4'); // printing
    expect(at(p, '1.3.6.1.2.1.25.3.5.1.2.1')).toBe('OctetString:\x20\0'); // lowToner
    expect(at(p, '1.3.6.1.2.1.43.18.1.1.2.1.1')).toBe('Integer:5'); // warningBinaryChangeEvent
    expect(at(p, '1.3.6.1.2.1.43.18.1.1.7.1.1')).toBe('Integer:1104');
  });

  it('offline sets its bit and no alert row', () => {
    const p = printer({ offline: true });
    expect(at(p, '1.3.6.1.2.1.25.3.5.1.2.1')).toBe('OctetString:\x02\0');
    expect(at(p, '1.3.6.1.2.1.25.3.2.1.5.1')).toBe('Integer:5');
    expect(viewOf(p).next(parseOid('1.3.6.1.2.1.43.18'))).toBeUndefined();
  });
});

describe('prtAlertTable indices (RFC 3805 prtAlertIndex)', () => {
  it('a new alert takes the next index and its time; a cleared one leaves; the rest keep theirs', () => {
    const table = new PrinterAlertTable();
    expect(table.update([{ kind: 'jam' }, { kind: 'tonerLow', subunit: 1 }], 100)).toEqual([
      { index: 1, kind: 'jam', time: 100 },
      { index: 2, kind: 'tonerLow', subunit: 1, time: 100 },
    ]);
    expect(table.update([{ kind: 'tonerLow', subunit: 1 }, { kind: 'doorOpen' }], 250)).toEqual([
      { index: 2, kind: 'tonerLow', subunit: 1, time: 100 },
      { index: 3, kind: 'doorOpen', time: 250 },
    ]);
    expect(table.update([{ kind: 'jam' }], 300)).toEqual([{ index: 4, kind: 'jam', time: 300 }]);
    expect(table.alertsAdded).toBe(4);
  });
});

describe('the agent without a socket', () => {
  const clock = new VirtualClock();
  const device = new PrintDevice({ name: 'HpColor', outputDir: '/nonexistent' }, clock, createSilentLogger());
  let now = 1_000_000;
  const agent = new SnmpAgent({
    source: device,
    community: 'public',
    logger: createSilentLogger(),
    clock: { now: () => now },
  });
  const get = (community: string): Buffer =>
    Buffer.concat([
      hex('30 29 02 01 01 04 06'),
      Buffer.from(community.padEnd(6).slice(0, 6)),
      hex('a0 1c 02 04 00000001 020100 020100 300e 300c 06 08 2b06010201010300 0500'),
    ]);

  it('answers with sysUpTime counted from its start, in hundredths', () => {
    now += 12_345;
    const out = agent.handleDatagram(get('public')) as Buffer;
    // ... 43 02 04d2: TimeTicks 1234 at the end of the message
    expect(out.subarray(out.length - 4)).toEqual(hex('43 02 04d2'));
  });
  it('drops a wrong community, garbage and SNMPv3 silently, and counts them', () => {
    expect(agent.handleDatagram(get('secret'))).toBeUndefined();
    expect(agent.handleDatagram(hex('30 03 02 01'))).toBeUndefined();
    expect(agent.handleDatagram(hex('30 0e 02 01 03 30 09 02 01 01 02 01 01 04 01 04'))).toBeUndefined();
    expect(agent.counters).toMatchObject({ inBadCommunityNames: 1, inASNParseErrs: 1, inBadVersions: 1, outPkts: 1 });
  });
});
