/**
 * The print server's own data (GetPrinterDataEx on a server handle), [MS-RPRN] 2.2.3.10 Server
 * Handle Key Values: the values stored under `...\Control\Print`, then the computed ones the
 * server always answers (Architecture, MajorVersion, DefaultSpoolDirectory, DNSMachineName ...)
 * unless a stored one of the same name replaces it.
 */
import { regDword, regExpandSz, regSz, type RegValue } from '../../common/reg-value';
import { PRINT_KEY, type Registry } from '../../registry/registry-key';
import { SERVER_ENVIRONMENT } from '../local-server';

export function serverData(registry: Registry, serverName: string): RegValue[] {
  const computed: RegValue[] = [
    regSz('Architecture', SERVER_ENVIRONMENT),
    regDword('MajorVersion', 3),
    regDword('MinorVersion', 0),
    regExpandSz('DefaultSpoolDirectory', 'C:\\Windows\\system32\\spool\\PRINTERS'),
    regSz('DNSMachineName', serverName),
    regDword('DsPresent', 0),
    regDword('BeepEnabled', 0),
    regDword('NetPopup', 0),
    regDword('EventLog', 0x1f),
  ];
  const stored = registry.getKey(PRINT_KEY)?.valueList() ?? [];
  return [...stored, ...computed.filter((c) => !stored.some((s) => s.name.toLowerCase() === c.name.toLowerCase()))];
}
