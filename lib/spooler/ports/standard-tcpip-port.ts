/**
 * A Standard TCP/IP port's configuration, as tcpmon keeps it in the registry
 * (`HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\<port>`;
 * value names as the monitor's own ipdata.h defines them, and as prnport.vbs and Windows'
 * PORT_DATA_1/2 ([MS-RPRN] 2.2.2.14.3-4) carry the same settings):
 *
 *   HostName / IPAddress   REG_SZ     the printer's address (HostName wins when both are set)
 *   PortNumber             REG_DWORD  9100 for RAW, 515 for LPR
 *   Protocol               REG_DWORD  1 RAW (PROTOCOL_RAWTCP_TYPE), 2 LPR (PROTOCOL_LPR_TYPE)
 *   Queue                  REG_SZ     the LPR queue name
 *   Double Spool           REG_DWORD  "LPR Byte Counting Enabled": the job is spooled whole
 *                                     first so its length is known
 *   SNMP Enabled           REG_DWORD  "SNMP Status Enabled"
 *   SNMP Community         REG_SZ     default "public"
 *   SNMP Index             REG_DWORD  "SNMP Device Index", default 1
 *
 * and, for all the monitor's ports, on the `Ports` key itself:
 *
 *   StatusUpdateEnabled    REG_DWORD  nonzero: the monitor updates the spooler with port status
 *   StatusUpdateInterval   REG_DWORD  how often, in minutes
 */
import { PRINT_KEY, type Registry, type RegistryKey } from '../../registry/registry-key';
import { readDword, readSz } from '../registry-values';

import { PROTOCOL_LPR_TYPE, PROTOCOL_RAWTCP_TYPE, STANDARD_TCPIP_MONITOR } from '../../spoolss/tcpxcv';

export { STANDARD_TCPIP_MONITOR };
export const STANDARD_TCPIP_PORTS_KEY = `${PRINT_KEY}\\Monitors\\${STANDARD_TCPIP_MONITOR}\\Ports`;

export const PortValue = {
  HOST_NAME: 'HostName',
  IP_ADDRESS: 'IPAddress',
  PORT_NUMBER: 'PortNumber',
  PROTOCOL: 'Protocol',
  QUEUE: 'Queue',
  DOUBLE_SPOOL: 'Double Spool',
  SNMP_ENABLED: 'SNMP Enabled',
  SNMP_COMMUNITY: 'SNMP Community',
  SNMP_INDEX: 'SNMP Index',
  STATUS_UPDATE_ENABLED: 'StatusUpdateEnabled',
  STATUS_UPDATE_INTERVAL: 'StatusUpdateInterval',
} as const;

export { PROTOCOL_LPR_TYPE, PROTOCOL_RAWTCP_TYPE };

/** tcpmon's defaults: SNMP status every 10 minutes. */
export const DEFAULT_STATUS_UPDATE_MINUTES = 10;
export const DEFAULT_SNMP_COMMUNITY = 'public';

export interface StandardTcpIpPortConfig {
  readonly portName: string;
  readonly host: string;
  readonly portNumber: number;
  readonly protocol: 'raw' | 'lpr';
  /** The LPR queue name (empty for RAW). */
  readonly queue: string;
  /** LPR byte counting ("Double Spool"). */
  readonly byteCounting: boolean;
  readonly snmpEnabled: boolean;
  readonly snmpCommunity: string;
  readonly snmpDeviceIndex: number;
}

/** The port's settings, or undefined when it has no address or port number. */
export function readStandardTcpIpPort(port: RegistryKey): StandardTcpIpPortConfig | undefined {
  const host = readSz(port, PortValue.HOST_NAME) || readSz(port, PortValue.IP_ADDRESS) || '';
  const portNumber = readDword(port, PortValue.PORT_NUMBER);
  if (host === '' || portNumber === undefined) return undefined;
  const lpr = readDword(port, PortValue.PROTOCOL) === PROTOCOL_LPR_TYPE;
  return {
    portName: port.name,
    host,
    portNumber,
    protocol: lpr ? 'lpr' : 'raw',
    queue: lpr ? (readSz(port, PortValue.QUEUE) ?? '') : '',
    byteCounting: lpr && (readDword(port, PortValue.DOUBLE_SPOOL) ?? 0) !== 0,
    snmpEnabled: (readDword(port, PortValue.SNMP_ENABLED) ?? 0) !== 0,
    snmpCommunity: readSz(port, PortValue.SNMP_COMMUNITY) || DEFAULT_SNMP_COMMUNITY,
    snmpDeviceIndex: readDword(port, PortValue.SNMP_INDEX) ?? 1,
  };
}

/** The monitor's status updates: on or off, and their interval in milliseconds. */
export function readStatusUpdate(registry: Registry): { readonly enabled: boolean; readonly intervalMs: number } {
  const key = registry.getKey(STANDARD_TCPIP_PORTS_KEY);
  const enabled = key ? readDword(key, PortValue.STATUS_UPDATE_ENABLED) : undefined;
  const minutes = key ? readDword(key, PortValue.STATUS_UPDATE_INTERVAL) : undefined;
  return {
    enabled: (enabled ?? 1) !== 0,
    intervalMs: Math.max(1, minutes ?? DEFAULT_STATUS_UPDATE_MINUTES) * 60_000,
  };
}
