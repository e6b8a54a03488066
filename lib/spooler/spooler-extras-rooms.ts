/**
 * The rooms of the less common provider methods (lib/spoolss/spooler-extras.ts), built over one
 * local spooler's parts. PrintServer exposes each as the provider part of the same name.
 */
import type {
  BidiCommunication,
  BranchOfficeLog,
  JobNamedProperties,
  PerMachineConnections,
  PrinterIcs,
  PrinterPublishing,
} from '../spoolss/spooler-extras';
import { PerMachineConnectionsRoom } from './connections/per-machine-connections';
import { JobNamedPropertiesRoom } from './jobs/job-named-properties';
import type { LocalSpooler } from './local-spooler';
import type { PrintServerOptions } from './print-server-options';
import { PrinterBidiRoom } from './printers/printer-bidi';
import { PrinterIcRoom } from './printers/printer-ic';
import { PrinterPublishingRoom } from './printers/publish-printer';
import { BranchOfficeLogRoom } from './services/branch-office-log';

export interface SpoolerExtrasRooms {
  readonly jobNamedProperties: JobNamedProperties;
  readonly printerIcs: PrinterIcs;
  readonly branchOfficeLog: BranchOfficeLog;
  readonly publishing: PrinterPublishing;
  readonly perMachineConnections: PerMachineConnections;
  readonly bidi: BidiCommunication;
}

export function createSpoolerExtras(spl: LocalSpooler, options: PrintServerOptions): SpoolerExtrasRooms {
  const { handles, queue, security, logger, events, table: printers } = spl;
  return {
    jobNamedProperties: new JobNamedPropertiesRoom({ handles, queue, security, logger }),
    printerIcs: new PrinterIcRoom({ handles, printers }),
    branchOfficeLog: new BranchOfficeLogRoom({ handles, events, logger }),
    publishing: new PrinterPublishingRoom({ handles, printers, changed: () => spl.store.changed() }),
    perMachineConnections: new PerMachineConnectionsRoom({
      registry: options.registry,
      settings: options.settings,
      changed: () => spl.store.changed(),
    }),
    bidi: new PrinterBidiRoom({ handles, printers, portStatus: (port) => spl.printing.portStatus(port) }),
  };
}
