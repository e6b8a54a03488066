/**
 * A live server as a validation input: `\\SERVER\printer` read the way a Point-and-Print client
 * reads it — OpenPrinterEx (PRINTER_ACCESS_USE), then EnumPrinterKey / EnumPrinterDataEx
 * depth-first over the printer's keys — and PRINT$ files looked up through the connection.
 * Works over any PrintServerConnector: the in-process one, or the SMB2 + MS-RPRN one.
 *
 * The SourceDir and TargetDir a server appends to CopyFiles keys are its own module's answer for
 * *this* client; they are removed here (they are not in the server's registry) and the preview
 * recomputes them per environment with the validator's modules.
 */
import { PointPrintError, Win32Error } from '../common/errors';
import type { Logger } from '../common/logger';
import { createSilentLogger } from '../common/logger';
import { Win32ErrorCode } from '../common/status/win32-error';
import { parseUnc } from '../common/unc';
import type { ClientCredentials, PrintServerConnection, PrintServerConnector } from '../client/print-server-connection';
import { isUnderCopyFilesKey } from '../point-and-print/copy-files-key';
import { isSyntheticPathValue } from '../point-and-print/copy-files-paths';
import { Registry } from '../registry/registry-key';
import { printerKeyPath } from '../registry/print-keys';
import { AccessMask, DRIVERS_SHARE } from '../spoolss/constants';
import type { PrinterHandle } from '../spoolss/types';
import { clientInfoFor, DEFAULT_ENVIRONMENTS } from './client-environments';
import type { FileLookup, UnreadableKey, ValidationInput } from './validation-input';
import { InputError } from './validation-input';

const CONNECTION_ERRORS: ReadonlySet<number> = new Set([
  Win32ErrorCode.ERROR_INVALID_HANDLE,
  Win32ErrorCode.ERROR_BAD_NETPATH,
  Win32ErrorCode.ERROR_BAD_NET_NAME,
  Win32ErrorCode.RPC_S_SERVER_UNAVAILABLE,
  Win32ErrorCode.RPC_S_CALL_FAILED,
]);

/** Bounds on what a server may make us read (a hostile server could answer forever). */
const MAX_KEYS = 2000;
const MAX_DEPTH = 8;

export interface LiveServerOptions {
  readonly credentials?: ClientCredentials;
  readonly clientMachineName?: string;
  readonly logger?: Logger;
}

/** Reads `\\SERVER\printer` into a registry and a PRINT$ lookup; the connection stays open until `close()`. */
export async function loadLiveServerInput(
  unc: string,
  connector: PrintServerConnector,
  options: LiveServerOptions = {},
): Promise<ValidationInput & { close(): Promise<void> }> {
  const logger = options.logger ?? createSilentLogger();
  let server: string;
  let printer: string;
  try {
    const parsed = parseUnc(unc);
    if (parsed.name === undefined || parsed.path !== undefined)
      throw new InputError(`${unc}: expected \\\\SERVER\\printer`);
    server = parsed.server;
    printer = parsed.name;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError((err as Error).message, { cause: err });
  }

  let connection: PrintServerConnection;
  try {
    connection = await connector(server, {
      ...(options.credentials && { credentials: options.credentials }),
      ...(options.clientMachineName !== undefined && { clientMachineName: options.clientMachineName }),
      logger,
    });
  } catch (err) {
    throw new InputError(`cannot connect to \\\\${server}: ${(err as Error).message}`, { cause: err });
  }

  try {
    const unreadableKeys: UnreadableKey[] = [];
    const registry = await readPrinterKeys(connection, server, printer, options, logger, unreadableKeys);
    return {
      label: unc,
      kind: 'live-server',
      registry,
      unreadableKeys,
      serverName: server,
      lookup: shareLookup(connection, server),
      lookupsDirectories: false,
      close: () => connection.close(),
    };
  } catch (err) {
    await connection.close().catch(() => undefined);
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read ${unc}: ${(err as Error).message}`, { cause: err });
  }
}

async function readPrinterKeys(
  connection: PrintServerConnection,
  server: string,
  printer: string,
  options: LiveServerOptions,
  logger: Logger,
  unreadable: UnreadableKey[],
): Promise<Registry> {
  const provider = connection.provider;
  const clientInfo = {
    ...clientInfoFor(DEFAULT_ENVIRONMENTS[0] ?? 'Windows x64'),
    ...(options.clientMachineName !== undefined && { machineName: `\\\\${options.clientMachineName}` }),
    ...(options.credentials && { userName: options.credentials.userName }),
  };
  // The connection fixes the identity; the caller argument is ignored by connections.
  const handle: PrinterHandle = await provider.openPrinter(
    `\\\\${server}\\${printer}`,
    { desiredAccess: AccessMask.PRINTER_ACCESS_USE, clientInfo },
    { userName: options.credentials?.userName ?? 'Guest', groups: [], isAdministrator: false, remote: true },
  );
  const registry = new Registry();
  const printerName = handle.printerName ?? printer;
  const root = registry.createKey(printerKeyPath(printerName));
  let count = 0;
  try {
    const walk = async (keyPath: string, depth: number): Promise<void> => {
      for (const sub of await provider.enumPrinterKey(handle, keyPath)) {
        if (sub.length === 0 || sub.includes('\\') || depth >= MAX_DEPTH || ++count > MAX_KEYS) {
          const reason =
            sub.length === 0 || sub.includes('\\')
              ? 'the server named it with an empty or nested name'
              : `beyond ${MAX_DEPTH} levels or ${MAX_KEYS} keys`;
          logger.warn('server key skipped', { component: 'validate', key: `${keyPath}\\${sub}`, reason });
          unreadable.push({ printer: printerName, key: keyPath === '' ? sub : `${keyPath}\\${sub}`, reason });
          continue;
        }
        const full = keyPath === '' ? sub : `${keyPath}\\${sub}`;
        const key = root.createKey(full);
        try {
          for (const v of await provider.enumPrinterDataEx(handle, full)) {
            if (!(isUnderCopyFilesKey(full) && isSyntheticPathValue(v.name))) key.setValue(v);
          }
        } catch (err) {
          // The server could not enumerate it (e.g. its own module failed): its stored values are
          // unknown, so the key is left out rather than shown empty, and reported (CF112): a key
          // that was not checked must not pass.
          if (!(err instanceof PointPrintError)) throw err;
          logger.warn('EnumPrinterDataEx failed on the server; key left out', {
            component: 'validate',
            key: full,
            error: err.message,
          });
          unreadable.push({ printer: printerName, key: full, reason: `EnumPrinterDataEx: ${err.message}` });
          root.deleteKey(full);
          continue;
        }
        await walk(full, depth + 1);
      }
    };
    await walk('', 0);
  } finally {
    await provider.closePrinter(handle).catch(() => undefined);
  }
  return registry;
}

/** PRINT$ lookups over the connection: a file that opens is there (in the case the server matched). */
function shareLookup(connection: PrintServerConnection, server: string): FileLookup {
  return async (windowsPath) => {
    try {
      const { stream } = await connection.files.openRead(`\\\\${server}\\${DRIVERS_SHARE}\\${windowsPath}`);
      const destroy = (stream as { destroy?: () => void }).destroy;
      if (typeof destroy === 'function') destroy.call(stream);
      return { path: windowsPath, isDirectory: false };
    } catch (err) {
      // The connection itself failing is not "file missing": the input cannot be read.
      if (err instanceof Win32Error && CONNECTION_ERRORS.has(err.win32)) {
        throw new InputError(`cannot read \\\\${server}\\${DRIVERS_SHARE}\\${windowsPath}: ${err.message}`, {
          cause: err,
        });
      }
      // Not found, a directory, or a name the server refuses: no file a client could download.
      if (err instanceof PointPrintError) return undefined;
      throw err;
    }
  };
}
