/**
 * DeletePrinterConnection("\\SERVER\printer"): for each CopyFiles key the connection processed,
 * the client's module hears SpoolerCopyFileEvent(COPYFILE_EVENT_DELETE_PRINTER_CONNECTION) (with
 * the server-qualified printer name, [D5]); the driver hears DrvPrinterEvent
 * (PRINTER_EVENT_DELETE_CONNECTION) then (PRINTER_EVENT_CACHE_DELETE); the connection and its
 * cached keys leave the client state; every local user whose default printer it was gets the
 * first remaining connection (default-printer.ts). Downloaded files stay, as on Windows (they may be shared
 * with other connections). The order of the three notifications is not documented; this is ours.
 */
import { Win32Error } from '../common/errors';
import { createSilentLogger, type Logger } from '../common/logger';
import { Win32ErrorCode } from '../common/status/win32-error';
import { parseUnc } from '../common/unc';
import { CopyFileEvent, PrinterEvent } from '../point-and-print/constants';
import { ModuleRegistry } from '../point-and-print/module-registry';
import { tracedSpoolerCopyFileEvent } from '../point-and-print/traced-module-calls';
import { ClientState } from './client-state';
import { defaultsAfterConnectionRemoved } from './default-printer';
import { acceptAllDriverEvents, type DriverEventHandler } from './driver-events';
import type { ClientFlowEvent, ClientFlowListener } from './flow-events';

export interface DeletePrinterConnectionOptions {
  readonly clientRoot: string;
  readonly modules?: ModuleRegistry;
  readonly driverEvents?: DriverEventHandler;
  readonly onEvent?: ClientFlowListener;
  readonly logger?: Logger;
}

export async function deletePrinterConnection(
  unc: string,
  options: DeletePrinterConnectionOptions,
): Promise<ClientFlowEvent[]> {
  const logger = (options.logger ?? createSilentLogger()).child({ component: 'client' });
  const events: ClientFlowEvent[] = [];
  const emit = (e: ClientFlowEvent): void => {
    events.push(e);
    options.onEvent?.(e);
  };
  const name = parseUnc(unc);
  const printerUnc = `\\\\${name.server}\\${name.name ?? ''}`;
  const state = await ClientState.load(options.clientRoot);
  const record = state.findConnection(printerUnc);
  if (!record) throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME, `no printer connection ${printerUnc}`);
  const modules = options.modules ?? ModuleRegistry.withBuiltins();
  for (const cf of record.copyFiles) {
    if (cf.module === undefined) continue;
    const loaded = modules.load(cf.module);
    if (!loaded.ok || !loaded.module) {
      emit({ kind: 'warning', message: `${cf.keyName}: module ${cf.module} is not on this client`, key: cf.keyName });
      continue;
    }
    const call = {
      module: loaded.module,
      moduleName: cf.module,
      printerName: record.name,
      key: cf.keyName,
      event: CopyFileEvent.COPYFILE_EVENT_DELETE_PRINTER_CONNECTION,
    };
    await tracedSpoolerCopyFileEvent('client', call, logger, emit);
  }
  const handler = options.driverEvents ?? acceptAllDriverEvents;
  for (const event of [PrinterEvent.PRINTER_EVENT_DELETE_CONNECTION, PrinterEvent.PRINTER_EVENT_CACHE_DELETE]) {
    let result = false;
    try {
      result = await handler(record.name, event, 0);
    } catch (err) {
      emit({
        kind: 'warning',
        message: `DrvPrinterEvent(${event}) failed: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
    emit({ kind: 'DrvPrinterEvent', printerName: record.name, event, flags: 0, result });
  }
  state.removeConnection(record.name);
  const defaultChanges = defaultsAfterConnectionRemoved(state, record.name);
  await state.save();
  emit({ kind: 'state', action: 'connection-removed', name: record.name, file: state.file });
  logger.info('printer connection deleted', { printer: record.name });
  for (const change of defaultChanges) logger.info('default printer', { ...change });
  return events;
}
