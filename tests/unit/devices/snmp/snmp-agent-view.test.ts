/**
 * The agent builds its MIB view again only when the printer changed: a port monitor's poll walks
 * the tables with one GETNEXT per value, and a view built for each request made an idle server
 * allocate over 1 MB/s (issue 13: V8 then never gives its young generation back). What a walk
 * reads must not change: the values follow the device, and sysUpTime moves with the clock.
 */
import { VirtualClock } from '../../../../lib/common/clock';
import { createSilentLogger } from '../../../../lib/common/logger';
import { DeviceFault } from '../../../../lib/devices/device-fault';
import { PrintDevice } from '../../../../lib/devices/print-device';
import { formatOid, parseOid, type Oid } from '../../../../lib/devices/snmp/oid';
import * as mibView from '../../../../lib/devices/snmp/printer-mib-view';
import { SnmpAgent } from '../../../../lib/devices/snmp/snmp-agent';
import { SnmpVersion } from '../../../../lib/devices/snmp/snmp-constants';
import { decodeSnmpMessage, encodeSnmpMessage } from '../../../../lib/devices/snmp/snmp-message';
import { SNMP_NULL, type VarBind } from '../../../../lib/devices/snmp/snmp-value';

const community = Buffer.from('public');
let requestId = 1;

function getNext(agent: SnmpAgent, oid: Oid): VarBind {
  const request = encodeSnmpMessage({
    version: SnmpVersion.SNMP_V2C,
    community,
    pdu: {
      type: 'GetNextRequest',
      requestId: requestId++,
      errorStatus: 0,
      errorIndex: 0,
      varBinds: [{ oid, value: SNMP_NULL }],
    },
  });
  const answer = agent.handleDatagram(request);
  if (answer === undefined) throw new Error('no answer');
  const vb = decodeSnmpMessage(answer).pdu.varBinds[0];
  if (vb === undefined) throw new Error('no variable binding');
  return vb;
}

/** Every instance, one GETNEXT each, as `snmpwalk` and the port monitor's table walks do. */
function walk(agent: SnmpAgent): Map<string, unknown> {
  const values = new Map<string, unknown>();
  let oid: Oid = [1, 3];
  for (let i = 0; i < 1000; i++) {
    const vb = getNext(agent, oid);
    if (vb.value.type === 'endOfMibView') return values;
    values.set(formatOid(vb.oid), vb.value);
    oid = vb.oid;
  }
  throw new Error('the walk did not end');
}

describe('SnmpAgent: one MIB view while the printer does not change', () => {
  const clock = new VirtualClock();
  const device = new PrintDevice(
    {
      name: 'HpColor',
      ppm: 6,
      outputDir: '/nonexistent',
      supplies: {
        tonerCapacityPages: 20,
        tonerPercent: 20,
        trays: [{ name: 'Tray 1', mediaName: 'Letter', capacity: 100 }],
      },
    },
    clock,
    createSilentLogger(),
  );
  const agent = new SnmpAgent({
    source: { mibSnapshot: () => device.mibSnapshot() },
    community: 'public',
    clock,
    logger: createSilentLogger(),
  });
  const sysUpTime = formatOid(parseOid('1.3.6.1.2.1.1.3.0'));
  const detectedErrorState = formatOid(parseOid('1.3.6.1.2.1.25.3.5.1.2.1'));
  const alertCode = formatOid(parseOid('1.3.6.1.2.1.43.18.1.1.7.1.1'));

  afterEach(() => jest.restoreAllMocks());

  it('builds the view once for a whole walk, and again once the printer changed', async () => {
    const build = jest.spyOn(mibView, 'buildPrinterMibView');
    const first = walk(agent);
    expect(first.size).toBeGreaterThan(30);
    expect(build).toHaveBeenCalledTimes(1);

    await clock.advance(5000);
    const second = walk(agent);
    expect(build).toHaveBeenCalledTimes(1);
    // The same values, but sysUpTime, which counts hundredths of a second.
    expect(second.get(sysUpTime)).toEqual({ type: 'TimeTicks', value: 500 });
    second.delete(sysUpTime);
    first.delete(sysUpTime);
    expect(second).toEqual(first);

    device.injectFault(DeviceFault.JAM);
    const jammed = walk(agent);
    expect(build).toHaveBeenCalledTimes(2);
    expect(jammed.get(detectedErrorState)).not.toEqual(first.get(detectedErrorState));
    expect(jammed.get(alertCode)).toEqual({ type: 'Integer', value: 8 }); // jam(8)
  });

  it('answers as a view built afresh would', () => {
    const cached = walk(agent);
    const fresh = new SnmpAgent({
      source: { mibSnapshot: () => device.mibSnapshot() },
      community: 'public',
      clock,
      logger: createSilentLogger(),
    });
    const direct = walk(fresh);
    // sysUpTime counts from each agent's start, and prtAlertTime is when each agent first saw the jam.
    const comparable = (m: Map<string, unknown>): Map<string, unknown> =>
      new Map([...m].filter(([oid]) => oid !== sysUpTime && !oid.startsWith('1.3.6.1.2.1.43.18.1.1.9.')));
    expect(comparable(cached)).toEqual(comparable(direct));
    expect(comparable(cached).size).toBeGreaterThan(30);
  });
});
