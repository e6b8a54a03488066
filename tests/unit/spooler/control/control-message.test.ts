/**
 * The control channel's request lines (lib/spooler/control/control-message.ts). Before the fuzz
 * suite (issue 13), the server cast parsed JSON to a ControlMessage: `{"id":1,"op":"job",
 * "args":null}` threw a TypeError inside the dispatcher, and an action named "constructor" was
 * looked up on the command tables' prototype. Each such line is now a MalformedPacketError,
 * answered with ERROR_INVALID_PARAMETER.
 */
import { MalformedPacketError } from '../../../../lib/common/errors';
import { decodeControlMessage } from '../../../../lib/spooler/control/control-message';

describe('decodeControlMessage', () => {
  it('reads the requests the CLI sends, keeping only their fields', () => {
    expect(decodeControlMessage('{"id":1,"op":"status","args":{"events":20},"extra":true}')).toEqual({
      id: 1,
      op: 'status',
      args: { events: 20 },
    });
    expect(
      decodeControlMessage(
        '{"id":4,"op":"job","user":"alice","password":"pw","args":{"printer":"HpColor","jobId":2,"action":"cancel"}}',
      ),
    ).toEqual({
      id: 4,
      op: 'job',
      user: 'alice',
      password: 'pw',
      args: { printer: 'HpColor', jobId: 2, action: 'cancel' },
    });
    expect(
      decodeControlMessage('{"id":5,"op":"device","args":{"printer":"HpColor","action":"ppm","value":"30"}}'),
    ).toEqual({ id: 5, op: 'device', args: { printer: 'HpColor', action: 'ppm', value: '30' } });
    // `pointprint device HpColor snmp off` (silences a network printer's agent).
    expect(
      decodeControlMessage('{"id":6,"op":"device","args":{"printer":"HpColor","action":"snmp","value":"off"}}'),
    ).toEqual({ id: 6, op: 'device', args: { printer: 'HpColor', action: 'snmp', value: 'off' } });
  });

  it.each([
    ['not JSON', '{"id":1,'],
    ['not an object', '[1,2]'],
    ['null', 'null'],
    ['no id', '{"op":"status","args":{}}'],
    ['args null (a TypeError in the dispatcher before)', '{"id":1,"op":"job","args":null}'],
    ['a prototype key as action', '{"id":1,"op":"printer","args":{"printer":"HpColor","action":"constructor"}}'],
    ['a job id that is not a count', '{"id":1,"op":"job","args":{"printer":"HpColor","jobId":-1,"action":"pause"}}'],
    ['a printer that is not a string', '{"id":1,"op":"print","args":{"printer":7,"documentName":"a","data":""}}'],
    ['an unknown operation', '{"id":1,"op":"reboot","args":{}}'],
    ['a user that is not a string', '{"id":1,"op":"status","user":{},"args":{}}'],
  ])('refuses %s with a MalformedPacketError', (_what, line) => {
    expect(() => decodeControlMessage(line)).toThrow(MalformedPacketError);
  });
});
