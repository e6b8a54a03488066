/**
 * Step 9: the connection is recorded in the client's state with its cached keys and the
 * queue-specific files it brought, an event-log entry says so, and it becomes the local user's
 * default printer when asked, or when the user has none (../default-printer.ts).
 */
import type { DriverInfo } from '../../spoolss/types';
import { toStoredValue, type CachedPrinterKey, type ConnectionRecord } from '../client-state';
import { currentLocalUser, defaultAfterConnectionAdded, getDefaultPrinter } from '../default-printer';
import type { CachedKey } from './cache-printer-keys';
import type { ConnectionFlow } from './flow-context';
import type { AddPrinterConnectionResult } from './flow-options';
import type { LocalClient } from './local-client';
import type { OpenedPrinter } from './open-printer';
import type { PrinterTarget } from './parse-printer-name';
import type { ProcessedCopyFilesKey } from './queue-specific-files';

export interface FlowOutcome {
  readonly target: PrinterTarget;
  readonly client: LocalClient;
  readonly printer: OpenedPrinter;
  readonly driver: DriverInfo;
  readonly keys: readonly CachedKey[];
  readonly processed: readonly ProcessedCopyFilesKey[];
}

export async function recordConnection(
  flow: ConnectionFlow,
  outcome: FlowOutcome,
): Promise<AddPrinterConnectionResult> {
  flow.step(9, 'record the connection');
  const { target, driver } = outcome;
  const state = outcome.client.state;
  const record: ConnectionRecord = {
    name: target.printerUnc,
    serverName: target.serverName,
    printerName: target.printerName,
    driverName: driver.name,
    environment: flow.environment,
    addedAt: new Date().toISOString(),
    keys: outcome.keys.map((k): CachedPrinterKey => ({ path: k.path, values: k.values.map(toStoredValue) })),
    copyFiles: outcome.processed.map((p) => p.record),
  };
  state.putConnection(record);
  // Windows documents no event ID for a connection added on a client (see
  // ../shared/reference/point-and-print.md section 4): the entry is logged without one.
  flow.logEvent(state, {
    channel: 'Microsoft-Windows-PrintService/Operational',
    level: 'Information',
    message: `The printer connection ${target.printerUnc} (driver ${driver.name}) was added.`,
  });
  const localUser = flow.options.localUser ?? currentLocalUser();
  const defaultChange = defaultAfterConnectionAdded(
    state,
    localUser,
    target.printerUnc,
    flow.options.setAsDefault === true,
  );
  await state.save();
  flow.emit({ kind: 'state', action: 'connection-recorded', name: target.printerUnc, file: state.file });
  flow.logger.info('printer connection added', { printer: target.printerUnc, comment: outcome.printer.info.comment });
  if (defaultChange) flow.logger.info('default printer', { ...defaultChange });
  return {
    connection: record,
    defaultPrinter: getDefaultPrinter(state, localUser)?.printer,
    ...(defaultChange && { defaultChange }),
    events: flow.events,
    warnings: flow.warnings,
    files: flow.written,
  };
}
