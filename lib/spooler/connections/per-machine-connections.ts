/**
 * Per-machine printer connections — [MS-RPRN] 3.1.4.2.19-21: connections every user of the
 * machine gets at logon, kept where Windows keeps them, one key per connection under
 *
 *   HKLM\SYSTEM\CurrentControlSet\Control\Print\Connections\<printer name, '\' written ','>
 *     Server   REG_SZ  the print server
 *     Provider REG_SZ  the print provider's DLL (win32spl.dll when the caller gives "")
 *
 * so they are saved and exported with the rest of the registry. As Windows answers smbtorture's
 * addpermachineconnection: a NULL pServer is ERROR_INVALID_PRINTER_NAME (the call must name the
 * server it changes); a provider DLL the server does not have is ERROR_FILE_NOT_FOUND (it cannot be
 * loaded); deleting a connection that does not exist is ERROR_INVALID_PRINTER_NAME. Adding and
 * deleting take an administrator (SERVER_ACCESS_ADMINISTER); enumerating takes nobody in particular.
 */
import { Win32Error } from '../../common/errors';
import { regSz } from '../../common/reg-value';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { PRINT_KEY, type Registry } from '../../registry/registry-key';
import type { PerMachineConnection, PerMachineConnections } from '../../spoolss/spooler-extras';
import type { CallerContext } from '../../spoolss/types';
import { checkServerName } from '../local-server';
import type { PrintServerSettings } from '../print-server-options';
import { readSz } from '../registry-values';

export const CONNECTIONS_KEY = `${PRINT_KEY}\\Connections`;
/** The print providers a Windows server has: the network (RPC) and the Internet Printing providers. */
const PROVIDERS = ['win32spl.dll', 'inetpp.dll'];
const DEFAULT_PROVIDER = 'win32spl.dll';

export interface PerMachineConnectionsOptions {
  readonly registry: Registry;
  readonly settings: PrintServerSettings;
  /** Called after a change, for the registry to be saved. */
  readonly changed: () => void;
}

export class PerMachineConnectionsRoom implements PerMachineConnections {
  constructor(private readonly o: PerMachineConnectionsOptions) {}

  addPerMachineConnection(
    server: string | undefined,
    printerName: string,
    printServer: string,
    provider: string,
    caller: CallerContext,
  ): Promise<void> {
    return run(() => {
      this.checkServer(server);
      if (printerName === '') throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME, 'empty printer name');
      const dll = provider === '' ? DEFAULT_PROVIDER : provider;
      if (!PROVIDERS.includes(dll.toLowerCase()))
        throw new Win32Error(Win32ErrorCode.ERROR_FILE_NOT_FOUND, `no print provider ${dll}`);
      requireAdministrator(caller, 'AddPerMachineConnection');
      const key = this.o.registry.createKey(`${CONNECTIONS_KEY}\\${keyNameOf(printerName)}`);
      key.setValue(regSz('Server', printServer));
      key.setValue(regSz('Provider', dll));
      this.o.changed();
    });
  }

  deletePerMachineConnection(server: string | undefined, printerName: string, caller: CallerContext): Promise<void> {
    return run(() => {
      this.checkServer(server);
      const path = `${CONNECTIONS_KEY}\\${keyNameOf(printerName)}`;
      if (printerName === '' || this.o.registry.getKey(path) === undefined)
        throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME, `no connection ${printerName}`);
      requireAdministrator(caller, 'DeletePerMachineConnection');
      this.o.registry.deleteKey(path);
      this.o.changed();
    });
  }

  enumPerMachineConnections(server: string | undefined): Promise<PerMachineConnection[]> {
    return run(() => {
      checkServerName(server, this.o.settings);
      return (this.o.registry.getKey(CONNECTIONS_KEY)?.keys() ?? []).map((k) => ({
        printerName: k.name.replace(/,/g, '\\'),
        serverName: readSz(k, 'Server') ?? '',
        provider: readSz(k, 'Provider') ?? DEFAULT_PROVIDER,
      }));
    });
  }

  private checkServer(server: string | undefined): void {
    if (server === undefined || server === '')
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PRINTER_NAME, 'pServer must name the server');
    checkServerName(server, this.o.settings);
  }
}

/** `\\server\printer` is kept as the key `,,server,printer` (a key name cannot hold '\'). */
function keyNameOf(printerName: string): string {
  return printerName.replace(/\\/g, ',');
}

function requireAdministrator(caller: CallerContext, op: string): void {
  if (!caller.isAdministrator) throw new Win32Error(Win32ErrorCode.ERROR_ACCESS_DENIED, op);
}

function run<T>(call: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(call()));
}
