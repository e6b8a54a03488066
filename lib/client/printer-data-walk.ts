/**
 * A printer's data keys read recursively over MS-RPRN, as PrintBrm backs them up: RpcEnumPrinterKey
 * ([MS-RPRN] 3.1.4.2.20) of "" for the top-level keys (DsSpooler, DsDriver, PrinterDriverData,
 * CopyFiles ...), then of each key for its subkeys (`CopyFiles\ICM`), and RpcEnumPrinterDataEx
 * (3.1.4.2.19) of each key for its values, with their types and bytes.
 *
 * The source is another server: what it answers is untrusted, so the walk is bounded in depth and
 * in the number of keys and values (a server that names a key inside itself would loop forever).
 */
import type { RegValue } from '../common/reg-value';
import type { PrintProvider } from '../spoolss/print-provider';
import type { PrinterHandle } from '../spoolss/types';

/** A key below the printer's key, `\`-separated, and its values. */
export interface PrinterDataKey {
  readonly key: string;
  readonly values: readonly RegValue[];
}

export interface PrinterDataWalkLimits {
  /** Levels below the printer's key (`CopyFiles\ICM` is 2). The registry allows 512. */
  readonly maxDepth: number;
  readonly maxKeys: number;
  readonly maxValues: number;
}

export const DEFAULT_WALK_LIMITS: PrinterDataWalkLimits = { maxDepth: 32, maxKeys: 4096, maxValues: 65536 };

/** The walk went past one of its limits: the source is broken or hostile. */
export class PrinterDataWalkLimitError extends Error {
  constructor(
    readonly limit: keyof PrinterDataWalkLimits,
    readonly key: string,
  ) {
    super(`the printer's keys go past ${limit} at "${key}"`);
    this.name = 'PrinterDataWalkLimitError';
  }
}

export type PrinterDataReader = Pick<PrintProvider, 'enumPrinterKey' | 'enumPrinterDataEx'>;

/**
 * Every key under the printer (depth first, parents before children) with its values. A key whose
 * name is empty or holds `\` is not a subkey name ([MS-RPRN] 3.1.4.2.20 returns names, not paths):
 * it is refused as the limit `maxDepth` would be, rather than followed.
 */
export async function walkPrinterData(
  reader: PrinterDataReader,
  handle: PrinterHandle,
  limits: PrinterDataWalkLimits = DEFAULT_WALK_LIMITS,
): Promise<PrinterDataKey[]> {
  const found: PrinterDataKey[] = [];
  let values = 0;
  const visit = async (key: string, depth: number): Promise<void> => {
    const subkeys = await reader.enumPrinterKey(handle, key);
    for (const name of subkeys) {
      const child = key === '' ? name : `${key}\\${name}`;
      if (name === '' || name.includes('\\') || depth + 1 > limits.maxDepth)
        throw new PrinterDataWalkLimitError('maxDepth', child);
      if (found.length + 1 > limits.maxKeys) throw new PrinterDataWalkLimitError('maxKeys', child);
      const own = await reader.enumPrinterDataEx(handle, child);
      values += own.length;
      if (values > limits.maxValues) throw new PrinterDataWalkLimitError('maxValues', child);
      found.push({ key: child, values: own });
      await visit(child, depth + 1);
    }
  };
  await visit('', 0);
  return found;
}
