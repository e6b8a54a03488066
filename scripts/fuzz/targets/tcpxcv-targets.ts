/**
 * The Standard TCP/IP monitor's XcvData blobs (lib/spoolss/tcpxcv.ts): PORT_DATA_1/2,
 * DELETE_PORT_DATA_1 and CONFIG_INFO_DATA_1, as a remote administrator's AddPort, ConfigPort,
 * DeletePort and GetConfigInfo carry them in pInputData.
 */
import {
  decodeConfigInfoData,
  decodeDeletePortData,
  decodePortData,
  encodeConfigInfoData,
  encodeDeletePortData,
  encodePortData,
  type PortData,
} from '../../../lib/spoolss/tcpxcv';
import { type DecoderTarget, memoSeeds } from '../fuzz-target';

const PORT: PortData = {
  version: 1,
  portName: 'IP_10.0.0.9',
  protocol: 2,
  hostAddress: 'printer.example',
  snmpCommunity: 'public',
  doubleSpool: 1,
  queue: 'lp1',
  ipAddress: '10.0.0.9',
  portNumber: 515,
  snmpEnabled: 1,
  snmpDevIndex: 1,
};

export const TCPXCV_TARGETS: readonly DecoderTarget[] = [
  {
    name: 'tcpxcv/PORT_DATA',
    decode: decodePortData,
    seeds: memoSeeds(() => [encodePortData(PORT), encodePortData({ ...PORT, version: 2, ipAddress: '' })]),
    maxRandomLength: 1200,
  },
  {
    name: 'tcpxcv/DELETE_PORT_DATA_1',
    decode: decodeDeletePortData,
    seeds: memoSeeds(() => [encodeDeletePortData('IP_10.0.0.9')]),
  },
  {
    name: 'tcpxcv/CONFIG_INFO_DATA_1',
    decode: decodeConfigInfoData,
    seeds: memoSeeds(() => [encodeConfigInfoData()]),
  },
];
