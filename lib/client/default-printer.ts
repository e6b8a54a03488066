/**
 * The default printer, per local user of the client (spooler-anchors §1.5), in the legacy
 * Windows behaviour (docs/spooler-decisions.md, "Default printer per user"):
 *
 * - SetDefaultPrinter (`addprinterconnection --default`) makes a connection the user's default.
 * - A user without a default gets the first connection they add.
 * - When a default connection is deleted, the spooler picks the first remaining connection of the
 *   list for every user who had it, with UserSelectedDefault = 0 (`origin: 'repicked'`); the next
 *   connection such a user adds then becomes the default without being asked.
 * - With no connection left, the user has no default.
 *
 * The connections of a client root are shared by its local users (as per-machine connections,
 * [MS-RPRN] 3.1.4.2.24); the default is not. These functions change the ClientState in memory;
 * the caller saves it.
 */
import os from 'node:os';
import { Win32Error } from '../common/errors';
import { Win32ErrorCode } from '../common/status/win32-error';
import type { ClientState, DefaultPrinterRecord } from './client-state';

/** A default printer that moved, for the caller's log and output. */
export interface DefaultPrinterChange {
  readonly localUser: string;
  /** The previous default, if any. */
  readonly from?: string;
  /** The new default; undefined when the user no longer has one. */
  readonly to?: string;
  readonly origin?: DefaultPrinterRecord['origin'];
}

/** The client's local user when none is given: $USER, else the account the process runs as. */
export function currentLocalUser(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.USER ?? env.USERNAME;
  if (fromEnv) return fromEnv;
  try {
    return os.userInfo().username;
  } catch {
    // No passwd entry for the uid (some containers): still one user, named after the uid.
    return `uid-${process.getuid?.() ?? 0}`;
  }
}

/** GetDefaultPrinter for `localUser`, or undefined when that user has none. */
export function getDefaultPrinter(state: ClientState, localUser: string): DefaultPrinterRecord | undefined {
  return state.data.defaultPrinters.find((d) => d.localUser === localUser);
}

/**
 * SetDefaultPrinter: `printerName` becomes `localUser`'s default, chosen by the user.
 * The printer must be one of the client's connections (ERROR_INVALID_PRINTER_NAME otherwise).
 */
export function setDefaultPrinter(state: ClientState, localUser: string, printerName: string): DefaultPrinterChange {
  const connection = state.findConnection(printerName);
  if (!connection) {
    throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME, `no printer connection ${printerName}`);
  }
  return put(state, localUser, connection.name, 'user');
}

/**
 * After AddPrinterConnection by `localUser`: the connection becomes the default when asked
 * (`requested`), when the user has none, or when the current one was picked by the spooler
 * after a deletion. Returns the change, or undefined when the default stays.
 */
export function defaultAfterConnectionAdded(
  state: ClientState,
  localUser: string,
  printerName: string,
  requested: boolean,
): DefaultPrinterChange | undefined {
  if (requested) return setDefaultPrinter(state, localUser, printerName);
  const current = getDefaultPrinter(state, localUser);
  if (current === undefined) return put(state, localUser, printerName, 'first-connection');
  if (current.origin === 'repicked' && !sameName(current.printer, printerName))
    return put(state, localUser, printerName, 'first-connection');
  return undefined;
}

/**
 * After DeletePrinterConnection(`printerName`) (the connection already left the list): every user
 * whose default it was gets the first remaining connection, or none.
 */
export function defaultsAfterConnectionRemoved(state: ClientState, printerName: string): DefaultPrinterChange[] {
  const changes: DefaultPrinterChange[] = [];
  const next = state.data.connections[0];
  for (const record of [...state.data.defaultPrinters]) {
    if (!sameName(record.printer, printerName)) continue;
    if (next === undefined) {
      state.data.defaultPrinters = state.data.defaultPrinters.filter((d) => d !== record);
      changes.push({ localUser: record.localUser, from: record.printer });
    } else {
      changes.push(put(state, record.localUser, next.name, 'repicked'));
    }
  }
  return changes;
}

function put(
  state: ClientState,
  localUser: string,
  printer: string,
  origin: DefaultPrinterRecord['origin'],
): DefaultPrinterChange {
  const previous = getDefaultPrinter(state, localUser);
  const record: DefaultPrinterRecord = { localUser, printer, origin, setAt: new Date().toISOString() };
  state.data.defaultPrinters = [...state.data.defaultPrinters.filter((d) => d.localUser !== localUser), record];
  return { localUser, ...(previous && { from: previous.printer }), to: printer, origin };
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
