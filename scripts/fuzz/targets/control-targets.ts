/**
 * The spooler's control channel (lib/spooler/control): one JSON request per line from a local
 * tool. Seeds are the requests `pointprint status|print|printer|job|device` send.
 */
import { decodeControlMessage } from '../../../lib/spooler/control/control-message';
import { type DecoderTarget, memoSeeds } from '../fuzz-target';

const REQUESTS = [
  { id: 1, op: 'status', args: { events: 20 } },
  {
    id: 2,
    op: 'print',
    user: 'alice',
    password: 'Passw0rd!',
    args: { printer: 'HpColor', documentName: 'a.txt', data: 'aGVsbG8K' },
  },
  { id: 3, op: 'printer', args: { printer: 'HpColor', action: 'pause' } },
  { id: 4, op: 'job', args: { printer: 'HpColor', jobId: 2, action: 'cancel' } },
  { id: 5, op: 'device', args: { printer: 'HpColor', port: 'IP_10.0.0.5', action: 'fault', value: 'paper-out' } },
];

export const CONTROL_TARGETS: readonly DecoderTarget[] = [
  {
    name: 'control/request-line',
    decode: (input) => decodeControlMessage(input.toString('utf8')),
    seeds: memoSeeds(() => REQUESTS.map((r) => Buffer.from(JSON.stringify(r), 'utf8'))),
  },
];
