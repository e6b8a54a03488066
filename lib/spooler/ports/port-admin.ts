/**
 * Ports added, changed and deleted over the wire, written where the monitors keep them (the
 * registry is the single source of truth; the state folder's copy is rewritten after each change):
 *
 *   Standard TCP/IP Port  HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\
 *                         Standard TCP/IP Port\Ports\<port>   (values: standard-tcpip-port.ts)
 *   Local Port            HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Ports, one REG_SZ
 *                         value per port, named after it
 *
 * What tcpmon writes for a port: Protocol, Version, HostName or IPAddress (an address literal goes
 * to IPAddress), PortNumber, Queue, Double Spool, SNMP Community, SNMP Enabled and SNMP Index.
 * A port a printer uses is not deleted: ERROR_BUSY, as the spooler answers DeletePort then.
 */
import { Win32Error } from '../../common/errors';
import { RegType } from '../../common/reg-value';
import { Win32ErrorCode } from '../../common/status/win32-error';
import type { Registry, RegistryKey } from '../../registry/registry-key';
import type { PortData } from '../../spoolss/tcpxcv';
import { portsOf, printerNameOf, type PrinterTable } from '../printers/printer-table';
import { LOCAL_PORTS_KEY, type Ports } from './ports';
import { PortValue, PROTOCOL_LPR_TYPE, PROTOCOL_RAWTCP_TYPE, STANDARD_TCPIP_PORTS_KEY } from './standard-tcpip-port';

export interface PortAdminOptions {
  readonly registry: Registry;
  readonly ports: Ports;
  readonly printers: PrinterTable;
}

export class PortAdmin {
  constructor(private readonly o: PortAdminOptions) {}

  /** tcpmon's AddPort: ERROR_ALREADY_EXISTS for a port any monitor has, ERROR_INVALID_PARAMETER for bad settings. */
  addTcpPort(data: PortData): void {
    const name = data.portName.trim();
    if (name === '' || name.includes(',') || name.includes('\\'))
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, `"${data.portName}" is not a port name`);
    if (this.exists(name)) throw new Win32Error(Win32ErrorCode.ERROR_ALREADY_EXISTS, `port ${name} already exists`);
    checkTcpSettings(data);
    this.writeTcpPort(this.o.registry.createKey(`${STANDARD_TCPIP_PORTS_KEY}\\${name}`), data);
  }

  /** tcpmon's ConfigPort: the port's settings replaced; ERROR_UNKNOWN_PORT for one it does not have. */
  configTcpPort(data: PortData): void {
    const key = this.tcpPortKey(data.portName);
    if (!key) throw new Win32Error(Win32ErrorCode.ERROR_UNKNOWN_PORT, `no Standard TCP/IP port "${data.portName}"`);
    checkTcpSettings(data);
    this.writeTcpPort(key, data);
  }

  /** tcpmon's DeletePort: ERROR_UNKNOWN_PORT for a port it does not have, ERROR_BUSY for one in use. */
  deleteTcpPort(portName: string): void {
    const key = this.tcpPortKey(portName);
    if (!key) throw new Win32Error(Win32ErrorCode.ERROR_UNKNOWN_PORT, `no Standard TCP/IP port "${portName}"`);
    this.refuseInUse(key.name);
    this.o.registry.getKey(STANDARD_TCPIP_PORTS_KEY)?.deleteKey(key.name);
  }

  /** The Local Port monitor's AddPort: ERROR_ALREADY_EXISTS for a port it has. */
  addLocalPort(portName: string): void {
    if (portName === '') throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, 'empty port name');
    if (this.exists(portName))
      throw new Win32Error(Win32ErrorCode.ERROR_ALREADY_EXISTS, `port ${portName} already exists`);
    this.o.registry.createKey(LOCAL_PORTS_KEY).setValue({ name: portName, type: RegType.REG_SZ, value: '' });
  }

  /** The Local Port monitor's DeletePort: ERROR_FILE_NOT_FOUND for a port it does not have (the registry's answer). */
  deleteLocalPort(portName: string): void {
    const key = this.o.registry.getKey(LOCAL_PORTS_KEY);
    const value = key?.valueList().find((v) => v.name.toLowerCase() === portName.toLowerCase());
    if (!key || !value) throw new Win32Error(Win32ErrorCode.ERROR_FILE_NOT_FOUND, `no local port "${portName}"`);
    this.refuseInUse(value.name);
    key.deleteValue(value.name);
  }

  /** The Standard TCP/IP port's key (case-insensitive name). */
  tcpPortKey(portName: string): RegistryKey | undefined {
    const lower = portName.toLowerCase();
    return this.o.registry
      .getKey(STANDARD_TCPIP_PORTS_KEY)
      ?.keys()
      .find((k) => k.name.toLowerCase() === lower);
  }

  private exists(portName: string): boolean {
    return this.o.ports.monitorOf(portName) !== undefined;
  }

  private refuseInUse(portName: string): void {
    const lower = portName.toLowerCase();
    const user = this.o.printers.keys().find((k) => portsOf(k).some((p) => p.toLowerCase() === lower));
    if (user)
      throw new Win32Error(Win32ErrorCode.ERROR_BUSY, `port ${portName} is used by printer ${printerNameOf(user)}`);
  }

  private writeTcpPort(key: RegistryKey, d: PortData): void {
    const dword = (name: string, value: number): void => key.setValue({ name, type: RegType.REG_DWORD, value });
    const sz = (name: string, value: string): void => key.setValue({ name, type: RegType.REG_SZ, value });
    const literal = /^\d{1,3}(\.\d{1,3}){3}$/.test(d.hostAddress);
    const lpr = d.protocol === PROTOCOL_LPR_TYPE;
    dword(PortValue.PROTOCOL, lpr ? PROTOCOL_LPR_TYPE : PROTOCOL_RAWTCP_TYPE);
    dword('Version', d.version);
    sz(PortValue.HOST_NAME, literal ? '' : d.hostAddress);
    sz(PortValue.IP_ADDRESS, literal ? d.hostAddress : d.ipAddress);
    dword(PortValue.PORT_NUMBER, d.portNumber);
    sz(PortValue.QUEUE, d.queue);
    dword(PortValue.DOUBLE_SPOOL, d.doubleSpool);
    sz(PortValue.SNMP_COMMUNITY, d.snmpCommunity);
    dword(PortValue.SNMP_ENABLED, d.snmpEnabled);
    dword(PortValue.SNMP_INDEX, d.snmpDevIndex);
  }
}

/** What tcpmon refuses in PORT_DATA: no address, an unknown protocol, a port number outside 1..65535. */
function checkTcpSettings(d: PortData): void {
  const bad = (why: string): Win32Error => new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, why);
  if (d.hostAddress.trim() === '' && d.ipAddress.trim() === '') throw bad('the port has no printer address');
  if (d.protocol !== PROTOCOL_RAWTCP_TYPE && d.protocol !== PROTOCOL_LPR_TYPE)
    throw bad(`protocol ${d.protocol} is neither RAW (1) nor LPR (2)`);
  if (d.portNumber < 1 || d.portNumber > 65535) throw bad(`port number ${d.portNumber} is outside 1..65535`);
}
