/**
 * Print processors (`...\Control\Print\Environments\<env>\Print Processors\<name>`), listed per
 * environment like the drivers they serve: EnumPrintProcessors.
 */
import { ENVIRONMENTS_KEY, type Registry } from '../../registry/registry-key';
import type { PrintProcessorInfo } from '../../spoolss/types';
import { Win32Error } from '../../common/errors';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { environmentDirectory } from '../../spoolss/constants';
import type { CallerContext } from '../../spoolss/types';
import { checkServerName, SERVER_ENVIRONMENT } from '../local-server';
import type { PrintServerSettings } from '../print-server-options';
import type { Drivers } from './drivers';

/** The data types winprint.dll accepts (Windows 10 and Server 2016 and later). */
const WINPRINT_DATATYPES = [
  'RAW',
  'RAW [FF appended]',
  'RAW [FF auto]',
  'NT EMF 1.003',
  'NT EMF 1.006',
  'NT EMF 1.007',
  'NT EMF 1.008',
  'TEXT',
  'XPS2GDI',
] as const;

export interface PrintProcessorsOptions {
  readonly registry: Registry;
  readonly settings: PrintServerSettings;
  /** Environments are checked as the drivers' are. */
  readonly drivers: Drivers;
}

export class PrintProcessors {
  constructor(private readonly o: PrintProcessorsOptions) {}

  enumPrintProcessors(serverName: string | undefined, environment: string): PrintProcessorInfo[] {
    checkServerName(serverName, this.o.settings);
    const env = this.o.drivers.checkEnvironment(environment);
    const names = (this.o.registry.getKey(`${ENVIRONMENTS_KEY}\\${env}\\Print Processors`)?.keys() ?? []).map(
      (k) => k.name,
    );
    // winprint ships with every Windows spooler.
    if (!names.some((n) => n.toLowerCase() === 'winprint')) names.unshift('winprint');
    return names.map((name) => ({ name }));
  }

  /**
   * GetPrintProcessorDirectory — [MS-RPRN] 3.1.4.8.4: where an environment's print processors
   * live, as a share path for a remote caller (`\\SERVER\print$\prtprocs\x64`), the local one
   * otherwise, as GetPrinterDriverDirectory answers.
   */
  getPrintProcessorDirectory(serverName: string | undefined, environment: string, remote: boolean): string {
    const server = checkServerName(serverName, this.o.settings);
    const dir = environmentDirectory(this.o.drivers.checkEnvironment(environment)) ?? '';
    return remote ? `\\\\${server}\\print$\\prtprocs\\${dir}` : `C:\\Windows\\system32\\spool\\prtprocs\\${dir}`;
  }

  /**
   * AddPrintProcessor — [MS-RPRN] 3.1.4.8.1: administrators only; a processor the environment
   * has is ERROR_PRINT_PROCESSOR_ALREADY_INSTALLED; otherwise Windows loads `pPathName` from the
   * print processor directory, and no print processor DLL can be loaded here: ERROR_MOD_NOT_FOUND,
   * what Windows answers for a file that is not there.
   */
  addPrintProcessor(serverName: string | undefined, environment: string, name: string, caller: CallerContext): void {
    checkServerName(serverName, this.o.settings);
    if (!caller.isAdministrator) throw new Win32Error(Win32ErrorCode.ERROR_ACCESS_DENIED, 'AddPrintProcessor');
    const env = this.o.drivers.checkEnvironment(environment);
    if (this.enumPrintProcessors(undefined, env).some((p) => p.name.toLowerCase() === name.toLowerCase()))
      throw new Win32Error(Win32ErrorCode.ERROR_PRINT_PROCESSOR_ALREADY_INSTALLED, `"${name}" is installed`);
    throw new Win32Error(Win32ErrorCode.ERROR_MOD_NOT_FOUND, `no print processor DLL for "${name}"`);
  }

  /**
   * DeletePrintProcessor — [MS-RPRN] 3.1.4.8.3: administrators only; winprint, which every
   * spooler needs, is ERROR_CAN_NOT_COMPLETE, an unknown one ERROR_UNKNOWN_PRINTPROCESSOR;
   * another goes from the environment's `Print Processors` key.
   */
  deletePrintProcessor(serverName: string | undefined, environment: string, name: string, caller: CallerContext): void {
    checkServerName(serverName, this.o.settings);
    if (!caller.isAdministrator) throw new Win32Error(Win32ErrorCode.ERROR_ACCESS_DENIED, 'DeletePrintProcessor');
    const env = this.o.drivers.checkEnvironment(environment);
    if (name.toLowerCase() === 'winprint')
      throw new Win32Error(Win32ErrorCode.ERROR_CAN_NOT_COMPLETE, 'winprint cannot be deleted');
    const key = this.o.registry.getKey(`${ENVIRONMENTS_KEY}\\${env}\\Print Processors\\${name}`);
    if (!key) throw new Win32Error(Win32ErrorCode.ERROR_UNKNOWN_PRINTPROCESSOR, `no print processor "${name}"`);
    this.o.registry.deleteKey(key.path);
  }

  /**
   * EnumPrintProcessorDatatypes — [MS-RPRN] 3.1.4.8.5: the data types a print processor of the
   * server's environment accepts; ERROR_UNKNOWN_PRINTPROCESSOR for none or one it does not have.
   * A processor's own list is its `Datatypes` REG_MULTI_SZ when the registry gives one, else
   * winprint's (winprint.dll's EnumPrintProcessorDatatypes).
   */
  enumPrintProcessorDatatypes(serverName: string | undefined, printProcessor: string | undefined): string[] {
    checkServerName(serverName, this.o.settings);
    const name = printProcessor ?? '';
    const known = this.enumPrintProcessors(undefined, SERVER_ENVIRONMENT).find(
      (p) => p.name.toLowerCase() === name.toLowerCase(),
    );
    if (name === '' || !known)
      throw new Win32Error(Win32ErrorCode.ERROR_UNKNOWN_PRINTPROCESSOR, `no print processor "${name}"`);
    const key = this.o.registry.getKey(`${ENVIRONMENTS_KEY}\\${SERVER_ENVIRONMENT}\\Print Processors\\${known.name}`);
    const listed = key?.getValue('Datatypes');
    return listed && Array.isArray(listed.value) ? [...(listed.value as readonly string[])] : [...WINPRINT_DATATYPES];
  }
}
