/**
 * The facade's driver calls (room drivers/): drivers, driver packages and print processors.
 */
import type { PrintProvider } from '../../spoolss/print-provider';
import type {
  CallerContext,
  DriverInfo,
  GetPrinterDriverResult,
  PrinterHandle,
  PrintProcessorInfo,
} from '../../spoolss/types';
import { PrinterCalls } from './printer-calls';
import { answer } from './spooler-facade';

export abstract class DriverCalls extends PrinterCalls {
  enumPrinterDrivers(
    serverName: string | undefined,
    environment: string,
    caller: CallerContext,
  ): Promise<DriverInfo[]> {
    return answer(() => this.spl.drivers.enumPrinterDrivers(serverName, environment, caller));
  }

  getPrinterDriver(
    handle: PrinterHandle,
    environment: string,
    clientMajorVersion: number,
  ): Promise<GetPrinterDriverResult> {
    return answer(() => this.spl.drivers.getPrinterDriver(handle, environment, clientMajorVersion));
  }

  getPrinterDriverDirectory(
    serverName: string | undefined,
    environment: string,
    caller: CallerContext,
  ): Promise<string> {
    return answer(() => this.spl.drivers.getPrinterDriverDirectory(serverName, environment, caller));
  }

  addPrinterDriver(
    serverName: string | undefined,
    driver: DriverInfo,
    fileCopyFlags: number,
    caller: CallerContext,
  ): Promise<void> {
    return this.saved(this.spl.drivers.addPrinterDriver(serverName, driver, fileCopyFlags, caller));
  }

  deletePrinterDriver(
    serverName: string | undefined,
    environment: string,
    driverName: string,
    deleteFlags: number,
    version: number,
    caller: CallerContext,
  ): Promise<void> {
    return this.saved(
      answer(() =>
        this.spl.drivers.deletePrinterDriver(serverName, environment, driverName, deleteFlags, version, caller),
      ),
    );
  }

  // ---- driver packages (drivers/driver-packages.ts) --------------------------------------
  // DEVIATION: pszLanguage is ignored: our packages carry no MUI language variants (<350>).

  readonly getCorePrinterDrivers: PrintProvider['getCorePrinterDrivers'] = (server, env, guids) =>
    this.spl.driverPackages.getCorePrinterDrivers(server, env, guids);
  readonly getPrinterDriverPackagePath: PrintProvider['getPrinterDriverPackagePath'] = (server, env, _lang, id) =>
    this.spl.driverPackages.getPrinterDriverPackagePath(server, env, id);
  readonly corePrinterDriverInstalled: PrintProvider['corePrinterDriverInstalled'] = (server, env, guid, date, v) =>
    this.spl.driverPackages.corePrinterDriverInstalled(server, env, guid, date, v);
  readonly uploadPrinterDriverPackage: PrintProvider['uploadPrinterDriverPackage'] = (server, inf, env, _f, caller) =>
    this.spl.driverPackages.uploadPrinterDriverPackage(server, inf, env, caller);
  readonly installPrinterDriverFromPackage: PrintProvider['installPrinterDriverFromPackage'] = (
    s,
    inf,
    name,
    env,
    _f,
    c,
  ) => this.saved(this.spl.driverPackages.installPrinterDriverFromPackage(s, inf, name, env, c));
  readonly deletePrinterDriverPackage: PrintProvider['deletePrinterDriverPackage'] = (server, inf, env, caller) =>
    this.spl.driverPackages.deletePrinterDriverPackage(server, inf, env, caller);

  // ---- print processors (drivers/print-processors.ts) ------------------------------------

  enumPrintProcessors(
    serverName: string | undefined,
    environment: string,
    _caller: CallerContext,
  ): Promise<PrintProcessorInfo[]> {
    return answer(() => this.spl.printProcessors.enumPrintProcessors(serverName, environment));
  }

  addPrintProcessor(
    serverName: string | undefined,
    environment: string,
    _pathName: string,
    printProcessor: string,
    caller: CallerContext,
  ): Promise<void> {
    return answer(() => this.spl.printProcessors.addPrintProcessor(serverName, environment, printProcessor, caller));
  }

  deletePrintProcessor(
    serverName: string | undefined,
    environment: string,
    printProcessor: string,
    caller: CallerContext,
  ): Promise<void> {
    return this.saved(
      answer(() => this.spl.printProcessors.deletePrintProcessor(serverName, environment, printProcessor, caller)),
    );
  }

  getPrintProcessorDirectory(
    serverName: string | undefined,
    environment: string,
    caller: CallerContext,
  ): Promise<string> {
    return answer(() => this.spl.printProcessors.getPrintProcessorDirectory(serverName, environment, caller.remote));
  }

  enumPrintProcessorDatatypes(
    serverName: string | undefined,
    printProcessor: string | undefined,
    _caller: CallerContext,
  ): Promise<string[]> {
    return answer(() => this.spl.printProcessors.enumPrintProcessorDatatypes(serverName, printProcessor));
  }
}
