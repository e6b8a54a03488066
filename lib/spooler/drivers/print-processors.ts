/**
 * Print processors (`...\Control\Print\Environments\<env>\Print Processors\<name>`), listed per
 * environment like the drivers they serve: EnumPrintProcessors.
 */
import { ENVIRONMENTS_KEY, type Registry } from '../../registry/registry-key';
import type { PrintProcessorInfo } from '../../spoolss/types';
import { checkServerName } from '../local-server';
import type { PrintServerSettings } from '../print-server-options';
import type { Drivers } from './drivers';

export interface PrintProcessorsOptions {
  readonly registry: Registry;
  readonly settings: PrintServerSettings;
  /** Environments are checked as the drivers' are. */
  readonly drivers: Drivers;
}

export class PrintProcessors {
  constructor(private readonly o: PrintProcessorsOptions) {}

  enumPrintProcessors(serverName: string | undefined, environment: string): PrintProcessorInfo[] {
    checkServerName(serverName, this.o.settings);
    const env = this.o.drivers.checkEnvironment(environment);
    const names = (this.o.registry.getKey(`${ENVIRONMENTS_KEY}\\${env}\\Print Processors`)?.keys() ?? []).map(
      (k) => k.name,
    );
    // winprint ships with every Windows spooler.
    if (!names.some((n) => n.toLowerCase() === 'winprint')) names.unshift('winprint');
    return names.map((name) => ({ name }));
  }
}
