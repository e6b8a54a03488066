/**
 * The print server's own data (GetPrinterData(Ex) on a server handle), [MS-RPRN] 2.2.3.10 Server
 * Handle Key Values: the values stored under `...\Control\Print`, then the computed ones the
 * server always answers (Architecture, MajorVersion, DefaultSpoolDirectory, DNSMachineName,
 * OSVersion ...) unless a stored one of the same name replaces it. A server handle has no keys:
 * GetPrinterDataEx answers these whatever key name it is given (smbtorture's printer_data_list
 * asks under "random_string" and compares with GetPrinterData).
 */
import { regBinary, regDword, regExpandSz, regSz, type RegValue } from '../../common/reg-value';
import { PRINT_KEY, type Registry } from '../../registry/registry-key';
import { SERVER_ENVIRONMENT } from '../local-server';

/** The Windows release this server answers as: Windows Server 2022 (10.0.20348), as NTLM's VERSION says. */
const OS_MAJOR = 10;
const OS_MINOR = 0;
const OS_BUILD = 20348;
const VER_PLATFORM_WIN32_NT = 2;
const VER_NT_SERVER = 3;
const VER_SUITE_SINGLEUSERTS = 0x0100;

/**
 * OSVERSIONINFOW (276 bytes) or, with `ex`, OSVERSIONINFOEXW (284 bytes) — [MS-RPRN] 2.2.3.10.6
 * and 2.2.3.10.7: dwOSVersionInfoSize | dwMajorVersion | dwMinorVersion | dwBuildNumber |
 * dwPlatformId | WCHAR szCSDVersion[128] | (Ex:) WORD wServicePackMajor | WORD wServicePackMinor |
 * WORD wSuiteMask | BYTE wProductType | BYTE wReserved.
 */
export function osVersionInfo(ex: boolean): Buffer {
  const size = ex ? 284 : 276;
  const b = Buffer.alloc(size);
  b.writeUInt32LE(size, 0);
  b.writeUInt32LE(OS_MAJOR, 4);
  b.writeUInt32LE(OS_MINOR, 8);
  b.writeUInt32LE(OS_BUILD, 12);
  b.writeUInt32LE(VER_PLATFORM_WIN32_NT, 16);
  // szCSDVersion stays empty: no service pack.
  if (ex) {
    b.writeUInt16LE(VER_SUITE_SINGLEUSERTS, 280);
    b.writeUInt8(VER_NT_SERVER, 282);
  }
  return b;
}

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
    regDword('NetPopupToComputer', 0),
    regDword('EventLog', 0x1f),
    // No IIS on this server, so no http printing ([MS-RPRN] 2.2.3.10.15).
    regDword('W3SvcInstalled', 0),
    regDword('RestartJobOnPoolError', 600),
    regDword('RestartJobOnPoolEnabled', 1),
    regDword('UISingleJobStatusString', 0),
    regBinary('OSVersion', osVersionInfo(false)),
    regBinary('OSVersionEx', osVersionInfo(true)),
  ];
  const stored = registry.getKey(PRINT_KEY)?.valueList() ?? [];
  return [...stored, ...computed.filter((c) => !stored.some((s) => s.name.toLowerCase() === c.name.toLowerCase()))];
}
