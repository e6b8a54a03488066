/**
 * What every step of AddPrinterConnection shares (./pipeline.ts): the options, the client's
 * paths and modules, and the one ordered record of what happened — flow events, warnings, files
 * written — plus what must happen when the flow ends however it ends (ClosePrinter, closing the
 * connection), run in the reverse order the steps asked for it.
 */
import { createSilentLogger, type Logger } from '../../common/logger';
import type { CopyFilesClientEvent } from '../../point-and-print/copy-files-events';
import { ModuleRegistry } from '../../point-and-print/module-registry';
import { Environment } from '../../spoolss/constants';
import { ClientPaths } from '../client-paths';
import type { ClientState, EventLogEntry } from '../client-state';
import type { ClientFlowEvent } from '../flow-events';
import type { AddPrinterConnectionOptions } from './flow-options';

const DEFAULT_CLIENT_MACHINE = 'MYCLIENT';

export class ConnectionFlow {
  readonly events: ClientFlowEvent[] = [];
  readonly warnings: string[] = [];
  /** Files written, on disk. */
  readonly written: string[] = [];
  readonly logger: Logger;
  readonly paths: ClientPaths;
  /** The client's own Point-and-Print modules. */
  readonly modules: ModuleRegistry;
  readonly environment: string;
  readonly clientMachineName: string;
  private readonly exits: (() => Promise<void>)[] = [];

  constructor(readonly options: AddPrinterConnectionOptions) {
    this.logger = (options.logger ?? createSilentLogger()).child({ component: 'client' });
    this.paths = new ClientPaths(options.clientRoot, options.systemRoot);
    this.modules = options.modules ?? ModuleRegistry.withBuiltins();
    this.environment = options.environment ?? Environment.WINDOWS_X64;
    this.clientMachineName = options.clientMachineName ?? DEFAULT_CLIENT_MACHINE;
  }

  emit(event: ClientFlowEvent): void {
    this.events.push(event);
    this.options.onEvent?.(event);
  }

  /** A step of DESIGN.md's flow begins. */
  step(step: number, title: string): void {
    this.logger.info(`step ${step}: ${title}`);
    this.emit({ kind: 'step', step, title });
  }

  warn(message: string, key?: string): void {
    this.logger.warn(message, key !== undefined ? { key } : {});
    this.warnings.push(message);
    this.emit({ kind: 'warning', message, ...(key !== undefined && { key }) });
  }

  /** What the Point-and-Print engine reports: its warnings are the flow's, the rest are events. */
  readonly report = (event: CopyFilesClientEvent): void => {
    if (event.kind === 'warning') this.warn(event.message, event.key);
    else this.emit(event);
  };

  logEvent(state: ClientState, entry: Omit<EventLogEntry, 'time'>): void {
    const full: EventLogEntry = { time: new Date().toISOString(), ...entry };
    state.logEvent(full);
    this.emit({ kind: 'eventlog', entry: full });
  }

  /** `action` runs when the flow ends, before what was registered earlier. */
  onExit(action: () => Promise<void>): void {
    this.exits.push(action);
  }

  /** Runs the exit actions, last registered first; each runs even when one before it threw. */
  async exit(): Promise<void> {
    const action = this.exits.pop();
    if (!action) return;
    try {
      await action();
    } finally {
      await this.exit();
    }
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
