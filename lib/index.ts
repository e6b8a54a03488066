/**
 * pointprint's public API for other projects: the print server (local provider), the client's
 * AddPrinterConnection / DeletePrinterConnection and the connector contract, the Point-and-Print
 * module contract, and the fixture loader.
 */
export { PrintServer, type PrintServerOptions, type PrintServerSettings } from './spooler/print-server';
export type { PrintProvider } from './spoolss/print-provider';
export type * from './spoolss/types';
export type { SpoolerTraceEvent, SpoolerTraceListener } from './point-and-print/spooler-trace';
export {
  DEFAULT_PRINTER_ACL,
  type PrinterAcl,
  type PrinterAce,
  PrinterPermission,
} from './spooler/handles/printer-security';
export { PrintQueue, type PrintJob } from './spooler/jobs/print-queue';
export { loadFixture, DEFAULT_FIXTURE_DIR, type PrintServerFixture, type ServerSettings } from './spooler/fixture';
export { DriverStore } from './drivers/driver-store';
export { ModuleRegistry } from './point-and-print/module-registry';
export type { PointAndPrintModule, GenerateCopyFilePathsInput } from './point-and-print/module';
export type { SplClientInfo1 } from './spoolss/types';
export { DEFAULT_POINT_AND_PRINT_POLICY, type PointAndPrintPolicy } from './point-and-print/policy';
export {
  addPrinterConnection,
  type AddPrinterConnectionOptions,
  type AddPrinterConnectionResult,
} from './client/add-printer-connection';
export { deletePrinterConnection, type DeletePrinterConnectionOptions } from './client/delete-printer-connection';
export type { ClientFlowEvent } from './client/flow-events';
export type { PrintServerConnection, PrintServerConnector, ClientCredentials } from './client/print-server-connection';
export { createLocalConnector, type LocalConnectorOptions } from './client/providers/local-connector';
export { ClientState, CLIENT_STATE_FILE } from './client/client-state';
export { buildPointprintProgram, buildAddPrinterConnectionProgram, runProgram } from './cli/program';
// On the wire: the print server host, the fixture servers for tests, the SMB2 client and server,
// and the remote connector (SMB2 + MS-RPRN) the client flow runs over.
export { PrintServerHost, type PrintServerHostOptions } from './host/print-server-host';
export { startFixtureServer, type FixtureServer, type FixtureServerOptions } from './testing/fixture-server';
export { createRemoteConnector, type RemoteConnectorOptions } from './client/providers/remote-connector';
export { Smb2Client, type Smb2ClientOptions, type Smb2Credentials } from './smb2/client/smb2-client';
export { Smb2Server, type Smb2ServerOptions } from './smb2/server/smb2-server';
export { validate } from './validate/validator';
export {
  currentLocalUser,
  getDefaultPrinter,
  setDefaultPrinter,
  type DefaultPrinterChange,
} from './client/default-printer';
