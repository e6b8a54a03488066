/**
 * What AddPrinterConnection is given and what it returns (lib/client/add-printer-connection.ts
 * exports both; the steps of ./pipeline.ts read the options through the flow context).
 */
import type { Logger } from '../../common/logger';
import type { CabinetLimits } from '../../drivers/cabinet-reader';
import type { ModuleRegistry } from '../../point-and-print/module-registry';
import type { PointAndPrintPolicy } from '../../point-and-print/policy';
import type { ConnectionRecord } from '../client-state';
import type { DefaultPrinterChange } from '../default-printer';
import type { DriverEventHandler } from '../driver-events';
import type { ClientFlowEvent, ClientFlowListener } from '../flow-events';
import type { ClientCredentials, PrintServerConnector } from '../print-server-connection';

export interface AddPrinterConnectionOptions {
  /** The client's %SystemRoot% on disk. */
  readonly clientRoot: string;
  readonly connector: PrintServerConnector;
  /** The client's environment; Windows x64 by default. */
  readonly environment?: string;
  readonly credentials?: ClientCredentials;
  /** The client machine's name (SPLCLIENT_INFO_1, NTLM); MYCLIENT by default, as in the seed. */
  readonly clientMachineName?: string;
  /** The local user is an administrator (may install drivers under the default policy). Default true. */
  readonly isAdministrator?: boolean;
  /** Overrides the policy (else the client config's, else Windows' current defaults). */
  readonly policy?: PointAndPrintPolicy;
  /** The client's own Point-and-Print modules; the built-ins (mscms.dll) by default. */
  readonly modules?: ModuleRegistry;
  readonly driverEvents?: DriverEventHandler;
  /** The Windows name of the client root (C:\Windows). */
  readonly systemRoot?: string;
  readonly onEvent?: ClientFlowListener;
  readonly logger?: Logger;
  /** The client's local user, whose default printer this may become; currentLocalUser() by default. */
  readonly localUser?: string;
  /** Make the connection the local user's default printer (`--default`). */
  readonly setAsDefault?: boolean;
  /** Limits on a driver package CAB (Package Point and Print); lib/drivers' defaults otherwise. */
  readonly packageLimits?: CabinetLimits;
  /** No file larger than this is downloaded (bytes); else the client config's `maxDownloadSize`, else 1 GiB. */
  readonly maxDownloadSize?: number;
}

export interface AddPrinterConnectionResult {
  readonly connection: ConnectionRecord;
  /** The local user's default printer after the call. */
  readonly defaultPrinter: string | undefined;
  /** Set when the connection became the local user's default. */
  readonly defaultChange?: DefaultPrinterChange;
  readonly events: readonly ClientFlowEvent[];
  readonly warnings: readonly string[];
  /** Files written, on disk. */
  readonly files: readonly string[];
}
