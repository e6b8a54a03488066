/**
 * Step 1: the printer's name. `\\NTPRINT\HpColor` and `//NTPRINT/HpColor` name a printer; a name
 * the shell mangled gets parseUnc's clear error; the client's environment must have a drivers
 * directory (`x64`, `W32X86` ...).
 */
import { ConfigError } from '../../common/errors';
import { parseUnc } from '../../common/unc';
import { environmentDirectory } from '../../spoolss/constants';
import type { ConnectionFlow } from './flow-context';

export interface PrinterTarget {
  readonly serverName: string;
  readonly printerName: string;
  /** `\\NTPRINT\HpColor`. */
  readonly printerUnc: string;
  /** The client environment's directory under spool\drivers (`x64`). */
  readonly arch: string;
}

export function parsePrinterName(flow: ConnectionFlow, unc: string): PrinterTarget {
  flow.step(1, 'parse the printer name');
  const name = parseUnc(unc);
  if (name.name === undefined || name.path !== undefined) {
    throw new ConfigError(`"${unc}" does not name a printer: expected \\\\SERVER\\printer`);
  }
  const arch = environmentDirectory(flow.environment);
  if (arch === undefined) throw new ConfigError(`unknown client environment "${flow.environment}"`);
  return { serverName: name.server, printerName: name.name, printerUnc: `\\\\${name.server}\\${name.name}`, arch };
}
