/**
 * The rooms of the less common provider methods (lib/spoolss/spooler-extras.ts), built over one
 * local spooler's parts. PrintServer exposes each as the provider part of the same name.
 */
import type { BranchOfficeLog, JobNamedProperties, PrinterIcs, PrinterPublishing } from '../spoolss/spooler-extras';
import { JobNamedPropertiesRoom } from './jobs/job-named-properties';
import type { LocalSpooler } from './local-spooler';
import { PrinterIcRoom } from './printers/printer-ic';
import { PrinterPublishingRoom } from './printers/publish-printer';
import { BranchOfficeLogRoom } from './services/branch-office-log';

export interface SpoolerExtrasRooms {
  readonly jobNamedProperties: JobNamedProperties;
  readonly printerIcs: PrinterIcs;
  readonly branchOfficeLog: BranchOfficeLog;
  readonly publishing: PrinterPublishing;
}

export function createSpoolerExtras(spl: LocalSpooler): SpoolerExtrasRooms {
  const { handles, queue, security, logger, events, table: printers } = spl;
  return {
    jobNamedProperties: new JobNamedPropertiesRoom({ handles, queue, security, logger }),
    printerIcs: new PrinterIcRoom({ handles, printers }),
    branchOfficeLog: new BranchOfficeLogRoom({ handles, events, logger }),
    publishing: new PrinterPublishingRoom({ handles, printers, changed: () => spl.store.changed() }),
  };
}
