/**
 * The in-process connector: the client talks to a PrintServer in the same process, as a remote
 * caller. It does what the transport would: checks the server name, authenticates the user
 * against the server's accounts (AuthenticationError, as a failed SESSION_SETUP), fixes the
 * caller identity for every spooler call, and serves `\\SERVER\PRINT$\...` from the drivers store.
 */
import { AuthenticationError, Win32Error } from '../../common/errors';
import { isAdministratorAccount, type UserAccount } from '../../common/identity';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { parseUnc } from '../../common/unc';
import type { DriverStore } from '../../drivers/driver-store';
import { DRIVERS_SHARE } from '../../spoolss/constants';
import type { PrintProvider } from '../../spoolss/print-provider';
import { namesThisServer } from '../../spoolss/printer-name';
import type { CallerContext } from '../../spoolss/types';
import type { PrintServerConnection, PrintServerConnector } from '../print-server-connection';

/** A spooler in this process: the PrintServer, or a provider built over it. */
export type LocalPrintServer = PrintProvider & { readonly serverName: string };

export interface LocalConnectorOptions {
  readonly server: LocalPrintServer;
  readonly driverStore: DriverStore;
  /** The server's accounts. */
  readonly users: readonly UserAccount[];
  readonly domain?: string;
  /** Whether a client without credentials is let in as Guest. */
  readonly allowGuest?: boolean;
}

export function createLocalConnector(options: LocalConnectorOptions): PrintServerConnector {
  return async (serverName, connectOptions) => {
    await Promise.resolve();
    if (!namesThisServer(serverName, options.server.serverName)) {
      // What a client sees when no server answers to the name.
      throw new Win32Error(Win32ErrorCode.ERROR_BAD_NETPATH, `the network path \\\\${serverName} was not found`);
    }
    const caller = authenticate(options, connectOptions.credentials, connectOptions.clientMachineName);
    connectOptions.logger?.info('connected in process', { server: serverName, user: caller.userName });
    let open = true;
    const connection: PrintServerConnection = {
      serverName,
      provider: bindCaller(options.server, caller),
      files: {
        async openRead(uncPath) {
          if (!open) throw new Win32Error(Win32ErrorCode.ERROR_INVALID_HANDLE, 'connection closed');
          const unc = parseUnc(uncPath);
          if (!namesThisServer(unc.server, options.server.serverName)) {
            throw new Win32Error(Win32ErrorCode.ERROR_BAD_NETPATH, `${uncPath} is on another server`);
          }
          if (unc.name === undefined || unc.name.toUpperCase() !== DRIVERS_SHARE) {
            throw new Win32Error(Win32ErrorCode.ERROR_BAD_NET_NAME, `share "${unc.name ?? ''}" is not served`);
          }
          // resolve() throws PathEscapeError for names that would leave PRINT$.
          const entry = await options.driverStore.resolve(unc.path ?? '');
          if (!entry) throw new Win32Error(Win32ErrorCode.ERROR_FILE_NOT_FOUND, `${uncPath} not found`);
          if (entry.isDirectory) throw new Win32Error(Win32ErrorCode.ERROR_ACCESS_DENIED, `${uncPath} is a directory`);
          return { size: entry.size, stream: options.driverStore.createReadStream(entry) };
        },
      },
      async close() {
        await Promise.resolve();
        open = false;
      },
    };
    return connection;
  };
}

function authenticate(
  options: LocalConnectorOptions,
  credentials: { userName: string; password: string; domain?: string } | undefined,
  machineName: string | undefined,
): CallerContext {
  const machine = machineName !== undefined ? { machineName } : {};
  if (!credentials) {
    if (!options.allowGuest)
      throw new AuthenticationError('the server does not accept guests: give a user (-U user%password)');
    return { userName: 'Guest', groups: ['Guests'], isAdministrator: false, remote: true, ...machine };
  }
  const account = options.users.find((u) => u.name.toLowerCase() === credentials.userName.toLowerCase());
  if (!account || account.password !== credentials.password) {
    throw new AuthenticationError(`logon failure for ${credentials.userName}: unknown user name or bad password`);
  }
  return {
    userName: account.name,
    ...(options.domain !== undefined && { domain: options.domain }),
    groups: account.groups,
    isAdministrator: isAdministratorAccount(account),
    remote: true,
    ...machine,
  };
}

/** The provider as the session's caller: every `caller` argument is replaced, as on the wire. */
function bindCaller(p: PrintProvider, caller: CallerContext): PrintProvider {
  return {
    getCorePrinterDrivers: (server, env, guids) => p.getCorePrinterDrivers(server, env, guids, caller),
    getPrinterDriverPackagePath: (server, env, language, id) =>
      p.getPrinterDriverPackagePath(server, env, language, id, caller),
    corePrinterDriverInstalled: (server, env, guid, date, version) =>
      p.corePrinterDriverInstalled(server, env, guid, date, version, caller),
    uploadPrinterDriverPackage: (server, inf, env, flags) =>
      p.uploadPrinterDriverPackage(server, inf, env, flags, caller),
    installPrinterDriverFromPackage: (server, inf, name, env, flags) =>
      p.installPrinterDriverFromPackage(server, inf, name, env, flags, caller),
    deletePrinterDriverPackage: (server, inf, env) => p.deletePrinterDriverPackage(server, inf, env, caller),
    openPrinter: (name, options) => p.openPrinter(name, options, caller),
    closePrinter: (h) => p.closePrinter(h),
    enumPrinters: (flags, name) => p.enumPrinters(flags, name, caller),
    getPrinter: (h) => p.getPrinter(h),
    setPrinter: (h, change) => p.setPrinter(h, change),
    enumPrinterDrivers: (server, env) => p.enumPrinterDrivers(server, env, caller),
    getPrinterDriver: (h, env, major) => p.getPrinterDriver(h, env, major),
    getPrinterDriverDirectory: (server, env) => p.getPrinterDriverDirectory(server, env, caller),
    addPrinterDriver: (server, driver, flags) => p.addPrinterDriver(server, driver, flags, caller),
    enumPrinterKey: (h, key) => p.enumPrinterKey(h, key),
    enumPrinterDataEx: (h, key) => p.enumPrinterDataEx(h, key),
    getPrinterDataEx: (h, key, value) => p.getPrinterDataEx(h, key, value),
    setPrinterDataEx: (h, key, value) => p.setPrinterDataEx(h, key, value),
    deletePrinterDataEx: (h, key, value) => p.deletePrinterDataEx(h, key, value),
    deletePrinterKey: (h, key) => p.deletePrinterKey(h, key),
    enumForms: (h) => p.enumForms(h),
    getForm: (h, form) => p.getForm(h, form),
    enumPorts: (server) => p.enumPorts(server, caller),
    enumMonitors: (server) => p.enumMonitors(server, caller),
    enumPrintProcessors: (server, env) => p.enumPrintProcessors(server, env, caller),
    startDocPrinter: (h, doc) => p.startDocPrinter(h, doc),
    startPagePrinter: (h) => p.startPagePrinter(h),
    writePrinter: (h, data) => p.writePrinter(h, data),
    endPagePrinter: (h) => p.endPagePrinter(h),
    endDocPrinter: (h) => p.endDocPrinter(h),
    abortPrinter: (h) => p.abortPrinter(h),
    enumJobs: (h, first, count) => p.enumJobs(h, first, count),
    getJob: (h, id) => p.getJob(h, id),
    setJob: (h, id, command) => p.setJob(h, id, command),
  };
}
