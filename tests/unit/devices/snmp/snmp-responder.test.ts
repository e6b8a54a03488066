import { MibViewBuilder } from '../../../../lib/devices/snmp/mib-view';
import { parseOid, type Oid } from '../../../../lib/devices/snmp/oid';
import { DEFAULT_MAX_MESSAGE_SIZE, ErrorStatus } from '../../../../lib/devices/snmp/snmp-constants';
import { encodeSnmpMessage, type Pdu, type SnmpMessage } from '../../../../lib/devices/snmp/snmp-message';
import { respond } from '../../../../lib/devices/snmp/snmp-responder';
import { snmpInteger, snmpOctets, type SnmpValue, type VarBind } from '../../../../lib/devices/snmp/snmp-value';

const o = parseOid;
const NULL: SnmpValue = { type: 'Null' };

// A small view: two scalars and a two-row, two-column table under 1.3.6.1.9.
const view = new MibViewBuilder()
  .scalar(o('1.3.6.1.2.1.1.1'), snmpOctets('descr'))
  .scalar(o('1.3.6.1.2.1.1.5'), snmpOctets('name'))
  .columns(o('1.3.6.1.9.1'), [2, 3])
  .cell(o('1.3.6.1.9.1'), 2, [1, 1], snmpInteger(21))
  .cell(o('1.3.6.1.9.1'), 2, [1, 2], snmpInteger(22))
  .cell(o('1.3.6.1.9.1'), 3, [1, 1], snmpInteger(31))
  .cell(o('1.3.6.1.9.1'), 3, [1, 2], snmpInteger(32))
  .build();

function request(version: 0 | 1, pdu: Pdu): SnmpMessage {
  return { version, community: Buffer.from('public'), pdu };
}
const asks = (...oids: string[]): VarBind[] => oids.map((t) => ({ oid: o(t), value: NULL }));
const basic = (type: 'GetRequest' | 'GetNextRequest' | 'SetRequest', varBinds: VarBind[]): Pdu => ({
  type,
  requestId: 99,
  errorStatus: 0,
  errorIndex: 0,
  varBinds,
});
const shown = (m: SnmpMessage | undefined): unknown =>
  m && {
    ...m.pdu,
    varBinds: m.pdu.varBinds.map(
      (vb) => `${vb.oid.join('.')}=${'value' in vb.value ? String(vb.value.value) : vb.value.type}`,
    ),
  };

describe('GetRequest', () => {
  it('v2c: values, noSuchInstance under a known object, noSuchObject elsewhere', () => {
    const r = respond(
      request(1, basic('GetRequest', asks('1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.5.1', '1.3.6.1.9.1.2.1.3', '1.3.6.1.8'))),
      view,
      DEFAULT_MAX_MESSAGE_SIZE,
    );
    expect(shown(r)).toEqual({
      type: 'Response',
      requestId: 99,
      errorStatus: 0,
      errorIndex: 0,
      varBinds: [
        '1.3.6.1.2.1.1.5.0=name',
        '1.3.6.1.2.1.1.5.1=noSuchInstance',
        '1.3.6.1.9.1.2.1.3=noSuchInstance',
        '1.3.6.1.8=noSuchObject',
      ],
    });
    expect(r?.version).toBe(1);
    expect(r?.community.toString()).toBe('public');
  });
  it('v1: the first missing variable fails the request with noSuchName, bindings as received', () => {
    const req = request(0, basic('GetRequest', asks('1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.9.0')));
    const r = respond(req, view, DEFAULT_MAX_MESSAGE_SIZE);
    expect(r?.pdu).toEqual({ ...req.pdu, type: 'Response', errorStatus: ErrorStatus.noSuchName, errorIndex: 2 });
  });
});

describe('GetNextRequest', () => {
  it('walks in lexicographic order across scalars and table columns', () => {
    const walked: string[] = [];
    let cursor: Oid = o('1.3');
    for (let i = 0; i < 10; i++) {
      const r = respond(
        request(1, basic('GetNextRequest', [{ oid: cursor, value: NULL }])),
        view,
        DEFAULT_MAX_MESSAGE_SIZE,
      );
      const vb = r?.pdu.varBinds[0] as VarBind;
      if (vb.value.type === 'endOfMibView') break;
      walked.push(vb.oid.join('.'));
      cursor = vb.oid;
    }
    expect(walked).toEqual([
      '1.3.6.1.2.1.1.1.0',
      '1.3.6.1.2.1.1.5.0',
      '1.3.6.1.9.1.2.1.1',
      '1.3.6.1.9.1.2.1.2',
      '1.3.6.1.9.1.3.1.1',
      '1.3.6.1.9.1.3.1.2',
    ]);
  });
  it('v2c: endOfMibView past the last instance; v1: noSuchName', () => {
    const v2 = respond(request(1, basic('GetNextRequest', asks('1.3.6.1.9.1.3.1.2'))), view, DEFAULT_MAX_MESSAGE_SIZE);
    expect(shown(v2)).toMatchObject({ errorStatus: 0, varBinds: ['1.3.6.1.9.1.3.1.2=endOfMibView'] });
    const v1 = respond(
      request(0, basic('GetNextRequest', asks('1.3.6.1.2.1.1.1', '1.3.6.1.9.1.3.1.2'))),
      view,
      DEFAULT_MAX_MESSAGE_SIZE,
    );
    expect(shown(v1)).toMatchObject({ errorStatus: ErrorStatus.noSuchName, errorIndex: 2 });
  });
});

describe('GetBulkRequest (v2c)', () => {
  const bulk = (nonRepeaters: number, maxRepetitions: number, ...oids: string[]): SnmpMessage =>
    request(1, { type: 'GetBulkRequest', requestId: 5, nonRepeaters, maxRepetitions, varBinds: asks(...oids) });

  it('one successor for each non-repeater, then repetitions interleaved', () => {
    const r = respond(bulk(1, 2, '1.3.6.1.2.1.1.1', '1.3.6.1.9.1.2', '1.3.6.1.9.1.3'), view, DEFAULT_MAX_MESSAGE_SIZE);
    expect(shown(r)).toMatchObject({
      errorStatus: 0,
      varBinds: [
        '1.3.6.1.2.1.1.1.0=descr',
        '1.3.6.1.9.1.2.1.1=21',
        '1.3.6.1.9.1.3.1.1=31',
        '1.3.6.1.9.1.2.1.2=22',
        '1.3.6.1.9.1.3.1.2=32',
      ],
    });
  });
  it('stops after the repetition in which every variable reached endOfMibView', () => {
    const r = respond(bulk(0, 50, '1.3.6.1.9.1.3.1.1'), view, DEFAULT_MAX_MESSAGE_SIZE);
    expect(shown(r)).toMatchObject({ varBinds: ['1.3.6.1.9.1.3.1.2=32', '1.3.6.1.9.1.3.1.2=endOfMibView'] });
  });
  it('negative non-repeaters and max-repetitions count as zero', () => {
    const r = respond(bulk(-3, -1, '1.3.6.1.2.1.1.1'), view, DEFAULT_MAX_MESSAGE_SIZE);
    expect(r?.pdu.varBinds).toEqual([]);
  });
  it('cuts the list at the end to fit the message size, without an error', () => {
    const big = new MibViewBuilder();
    for (let i = 1; i <= 500; i++) big.cell(o('1.3.6.1.9.1'), 2, [i], snmpOctets('x'.repeat(20)));
    const r = respond(bulk(0, 1000, '1.3.6.1.9'), big.build(), 484) as SnmpMessage;
    expect(r.pdu).toMatchObject({ type: 'Response', errorStatus: 0 });
    expect(r.pdu.varBinds.length).toBeGreaterThan(5);
    expect(r.pdu.varBinds.length).toBeLessThan(500);
    expect(encodeSnmpMessage(r).length).toBeLessThanOrEqual(484);
    expect(r.pdu.varBinds.map((vb) => vb.oid[vb.oid.length - 1])).toEqual(r.pdu.varBinds.map((_, i) => i + 1));
  });
});

describe('SetRequest: nothing is writable', () => {
  it('v2c: notWritable at index 1, bindings as received', () => {
    const req = request(1, basic('SetRequest', [{ oid: o('1.3.6.1.2.1.1.5.0'), value: snmpOctets('x') }]));
    expect(respond(req, view, DEFAULT_MAX_MESSAGE_SIZE)?.pdu).toEqual({
      ...req.pdu,
      type: 'Response',
      errorStatus: ErrorStatus.notWritable,
      errorIndex: 1,
    });
  });
  it('v1: noSuchName (RFC 3584 4.4)', () => {
    const req = request(0, basic('SetRequest', [{ oid: o('1.3.6.1.2.1.1.5.0'), value: snmpOctets('x') }]));
    expect(respond(req, view, DEFAULT_MAX_MESSAGE_SIZE)?.pdu).toMatchObject({
      errorStatus: ErrorStatus.noSuchName,
      errorIndex: 1,
    });
  });
});

describe('tooBig and what is not a request', () => {
  const many = asks(...Array.from({ length: 60 }, () => '1.3.6.1.2.1.1.1.0'));
  it('v2c: tooBig with no bindings', () => {
    const r = respond(request(1, basic('GetRequest', many)), view, 484);
    expect(r?.pdu).toMatchObject({ errorStatus: ErrorStatus.tooBig, errorIndex: 0, varBinds: [] });
  });
  it('v1: tooBig with the bindings of the request', () => {
    const few = asks(...Array.from({ length: 25 }, () => '1.3.6.1.2.1.1.1.0'));
    const r = respond(request(0, basic('GetRequest', few)), view, 484);
    expect(r?.pdu).toMatchObject({ errorStatus: ErrorStatus.tooBig, errorIndex: 0, varBinds: few });
  });
  it('a Response or a Report gets no answer', () => {
    for (const type of ['Response', 'Report', 'SNMPv2-Trap', 'InformRequest'] as const) {
      expect(
        respond(
          request(1, { type, requestId: 1, errorStatus: 0, errorIndex: 0, varBinds: [] }),
          view,
          DEFAULT_MAX_MESSAGE_SIZE,
        ),
      ).toBeUndefined();
    }
  });
});
