/**
 * AddPrinterConnection("\\SERVER\printer") as a Windows client does it: the steps of DESIGN.md
 * "The flow every part serves" ("Download queue-specific files", seed 004), one file each, run in
 * order against any PrintServerConnector:
 *
 *   1 parsePrinterName        the UNC name, then the client's state and policy (openLocalClient)
 *   2 connectToServer         the remote provider
 *   3 openPrinter             OpenPrinterEx + SPLCLIENT_INFO_1
 *   4 installDriver           GetPrinterDriver2; a package-aware driver through Package Point and
 *                             Print (GetCorePrinterDrivers, GetPrinterDriverPackagePath, the CAB
 *                             staged in System32\DriverStore\FileRepository), else or on failure
 *                             the driver files one by one into spool\drivers\<arch>\<version>
 *   5 cachePrinterKeys        EnumPrinterKey / EnumPrinterDataEx, cached (the server adds
 *                             SourceDir/TargetDir to each CopyFiles\<name> key)
 *   6 copyQueueSpecificFiles  per CopyFiles key: the Point-and-Print engine's client side, the
 *                             downloads, an event-log entry, SpoolerCopyFileEvent(FILES_CHANGED)
 *   7 raisePrinterEvents      DrvPrinterEvent(CACHE_REFRESH), DrvPrinterEvent(ADD_CONNECTION)
 *   8 announceConnection      SpoolerCopyFileEvent(ADD_PRINTER_CONNECTION) per module
 *   9 recordConnection        the client state, the event log, the default printer
 *
 * Whatever happens, the printer is closed and then the connection (the flow's exit actions).
 * The server is not trusted: a module is the client's own (never code a server names or sends),
 * every TargetDir and file name is checked, and files never land outside spool\drivers.
 */
import { announceConnection } from './announce-connection';
import { cachePrinterKeys } from './cache-printer-keys';
import { connectToServer } from './connect-to-server';
import { ConnectionFlow } from './flow-context';
import type { AddPrinterConnectionOptions, AddPrinterConnectionResult } from './flow-options';
import { installDriver } from './install-driver';
import { openLocalClient } from './local-client';
import { openPrinter } from './open-printer';
import { parsePrinterName } from './parse-printer-name';
import { raisePrinterEvents } from './printer-events';
import { copyQueueSpecificFiles } from './queue-specific-files';
import { recordConnection } from './record-connection';

export async function runAddPrinterConnection(
  unc: string,
  options: AddPrinterConnectionOptions,
): Promise<AddPrinterConnectionResult> {
  const flow = new ConnectionFlow(options);
  try {
    const target = parsePrinterName(flow, unc);
    const client = await openLocalClient(flow);
    const connection = await connectToServer(flow, target);
    const printer = await openPrinter(flow, connection, target);
    const driver = await installDriver(flow, connection, target, printer, client);
    const keys = await cachePrinterKeys(flow, connection, printer);
    const processed = await copyQueueSpecificFiles(flow, connection, target, printer, client, keys);
    await raisePrinterEvents(flow, target);
    await announceConnection(flow, target, processed);
    return await recordConnection(flow, { target, client, printer, driver, keys, processed });
  } finally {
    await flow.exit();
  }
}
