/**
 * Decoders of the emulated print devices' protocols: SNMP messages in BER ([RFC 3416], [RFC 1157]
 * with X.690's encoding, Host Resources' hrPrinterDetectedErrorState) and LPR ([RFC 1179]: daemon
 * commands, receive-job subcommands, control files).
 */
import { decodeDetectedErrorState, encodeDetectedErrorState } from '../../../lib/devices/snmp/host-resources-mib';
import { SnmpVersion } from '../../../lib/devices/snmp/snmp-constants';
import { decodeSnmpMessage, encodeSnmpMessage } from '../../../lib/devices/snmp/snmp-message';
import { buildControlFile, parseControlFile } from '../../../lib/devices/lpr/control-file';
import {
  decodeDaemonCommand,
  decodeJobSubcommand,
  encodeDaemonCommand,
  encodeJobSubcommand,
} from '../../../lib/devices/lpr/lpd-protocol';
import { type DecoderTarget, memoSeeds } from '../fuzz-target';

const PRT_MARKER_SUPPLIES_LEVEL = [1, 3, 6, 1, 2, 1, 43, 11, 1, 1, 9, 1, 1];
const SYS_DESCR = [1, 3, 6, 1, 2, 1, 1, 1, 0];

export const DEVICE_TARGETS: readonly DecoderTarget[] = [
  {
    name: 'snmp/message',
    decode: decodeSnmpMessage,
    seeds: memoSeeds(() => [
      encodeSnmpMessage({
        version: SnmpVersion.SNMP_V2C,
        community: Buffer.from('public'),
        pdu: {
          type: 'GetRequest',
          requestId: 1,
          errorStatus: 0,
          errorIndex: 0,
          varBinds: [{ oid: SYS_DESCR, value: { type: 'Null' } }],
        },
      }),
      encodeSnmpMessage({
        version: SnmpVersion.SNMP_V2C,
        community: Buffer.from('public'),
        pdu: {
          type: 'GetBulkRequest',
          requestId: 0x7fffffff,
          nonRepeaters: 0,
          maxRepetitions: 10,
          varBinds: [{ oid: PRT_MARKER_SUPPLIES_LEVEL, value: { type: 'Null' } }],
        },
      }),
      encodeSnmpMessage({
        version: SnmpVersion.SNMP_V1,
        community: Buffer.from('public'),
        pdu: {
          type: 'Response',
          requestId: 3,
          errorStatus: 0,
          errorIndex: 0,
          varBinds: [
            { oid: SYS_DESCR, value: { type: 'OctetString', value: Buffer.from('HP Color LaserJet') } },
            { oid: PRT_MARKER_SUPPLIES_LEVEL, value: { type: 'Integer', value: -3 } },
            { oid: [1, 3, 6, 1, 2, 1, 1, 3, 0], value: { type: 'TimeTicks', value: 123456 } },
            {
              oid: [1, 3, 6, 1, 2, 1, 1, 2, 0],
              value: { type: 'ObjectIdentifier', value: [1, 3, 6, 1, 4, 1, 11, 2, 3, 9, 1] },
            },
            { oid: [1, 3, 6, 1, 2, 1, 31, 1, 1, 1, 6, 1], value: { type: 'Counter64', value: 0xffffffffffn } },
            { oid: [1, 3, 6, 1, 2, 1, 4, 20, 1, 1], value: { type: 'IpAddress', value: Buffer.from([127, 0, 0, 1]) } },
          ],
        },
      }),
    ]),
  },
  {
    name: 'snmp/detected-error-state',
    decode: decodeDetectedErrorState,
    seeds: memoSeeds(() => [encodeDetectedErrorState(new Set(['lowPaper', 'noToner']))]),
  },
  {
    name: 'lpr/daemon-command',
    decode: (line) => decodeDaemonCommand(line),
    seeds: memoSeeds(() => [
      encodeDaemonCommand(2, 'HpColor').subarray(0, -1),
      encodeDaemonCommand(5, 'HpColor', ['root', '12']).subarray(0, -1),
    ]),
  },
  {
    name: 'lpr/job-subcommand',
    decode: (line) => decodeJobSubcommand(line),
    seeds: memoSeeds(() => [
      encodeJobSubcommand({ kind: 'controlFile', count: 60, name: 'cfA001host' }).subarray(0, -1),
      encodeJobSubcommand({ kind: 'dataFile', count: 12345, name: 'dfA001host' }).subarray(0, -1),
    ]),
  },
  {
    name: 'lpr/control-file',
    decode: parseControlFile,
    seeds: memoSeeds(() => [
      buildControlFile([
        { command: 'H', operand: 'client' },
        { command: 'P', operand: 'alice' },
        { command: 'J', operand: 'report.txt' },
        { command: 'l', operand: 'dfA001client' },
        { command: 'U', operand: 'dfA001client' },
        { command: 'N', operand: 'report.txt' },
      ]),
    ]),
  },
];
