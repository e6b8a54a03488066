/**
 * The client environments a preview runs for, with the SPLCLIENT_INFO_1 such a client sends
 * in RpcOpenPrinterEx ([MS-RPRN] 2.2.1.2.7): spooler version 3.0, a current Windows 11 build.
 */
import { ConfigError } from '../common/errors';
import { ProcessorArchitecture } from '../point-and-print/constants';
import { clientDriversDirectory, DEFAULT_SYSTEM_ROOT } from '../point-and-print/copy-files-paths';
import type { SplClientInfo1 } from '../spoolss/types';
import { Environment } from '../spoolss/constants';

const ARCHITECTURES: Readonly<Record<string, number>> = {
  'windows x64': ProcessorArchitecture.PROCESSOR_ARCHITECTURE_AMD64,
  'windows nt x86': ProcessorArchitecture.PROCESSOR_ARCHITECTURE_INTEL,
  'windows arm64': ProcessorArchitecture.PROCESSOR_ARCHITECTURE_ARM64,
  'windows ia64': ProcessorArchitecture.PROCESSOR_ARCHITECTURE_IA64,
};

export const DEFAULT_ENVIRONMENTS: readonly string[] = [Environment.WINDOWS_X64, Environment.WINDOWS_NT_X86];

export const KNOWN_ENVIRONMENTS: readonly string[] = [
  Environment.WINDOWS_X64,
  Environment.WINDOWS_NT_X86,
  Environment.WINDOWS_ARM64,
  Environment.WINDOWS_IA64,
];

/** The canonical spelling of an environment name, or undefined when unknown. */
export function canonicalEnvironment(name: string): string | undefined {
  return KNOWN_ENVIRONMENTS.find((e) => e.toLowerCase() === name.trim().toLowerCase());
}

export function clientInfoFor(environment: string): SplClientInfo1 {
  const arch = ARCHITECTURES[environment.toLowerCase()];
  if (arch === undefined)
    throw new ConfigError(`unknown client environment "${environment}" (known: ${KNOWN_ENVIRONMENTS.join(', ')})`);
  // 28 bytes: sizeof(SPLCLIENT_INFO_1) on a 32-bit layout; the value modules see is informational.
  return { size: 28, buildNum: 22631, majorVersion: 3, minorVersion: 0, processorArchitecture: arch };
}

/** The client's %SystemRoot% as previews show it. */
export const CLIENT_SYSTEM_ROOT = DEFAULT_SYSTEM_ROOT;
export const CLIENT_DRIVERS_DIRECTORY = clientDriversDirectory(CLIENT_SYSTEM_ROOT);
