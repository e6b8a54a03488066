/**
 * Step 5: RpcEnumPrinterKey / RpcEnumPrinterDataEx depth-first over the printer's keys, every
 * key's values cached as the server returned them. For a `CopyFiles\<name>` key a Windows server
 * adds SourceDir and TargetDir (lib/point-and-print/server-copy-files.ts); the flow shows them.
 * A server cannot make the client loop or exhaust memory: depth and count are bounded, and
 * hostile key names are skipped with a warning.
 */
import type { RegValue } from '../../common/reg-value';
import { isCopyFilesKeyName } from '../../point-and-print/copy-files-key';
import { sentCopyFilesPaths } from '../../point-and-print/copy-files-paths';
import type { PrintServerConnection } from '../print-server-connection';
import { errorText, type ConnectionFlow } from './flow-context';
import type { OpenedPrinter } from './open-printer';

/** How deep and how many keys the client walks. */
const MAX_KEY_DEPTH = 16;
const MAX_KEYS = 4096;

export interface CachedKey {
  /** Relative to the printer (`CopyFiles\ICM`). */
  readonly path: string;
  readonly values: RegValue[];
}

/** Why a subkey name from the server is not cached, or undefined when it is fine. */
export function keyNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'empty name';
  if (name.length > 255) return 'longer than 255 characters';
  if (name.includes('\\')) return 'contains a backslash';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f]/.test(name)) return 'contains a control character';
  return undefined;
}

export async function cachePrinterKeys(
  flow: ConnectionFlow,
  connection: PrintServerConnection,
  printer: OpenedPrinter,
): Promise<CachedKey[]> {
  flow.step(5, 'EnumPrinterKey / EnumPrinterDataEx: cache the printer keys');
  const out: CachedKey[] = [];
  const walk = async (keyPath: string, depth: number): Promise<void> => {
    flow.emit({ kind: 'call', name: 'EnumPrinterKey', detail: `"${keyPath}"` });
    const subkeys = await connection.provider.enumPrinterKey(printer.handle, keyPath);
    for (const sub of subkeys) {
      const problem = keyNameProblem(sub);
      if (problem) {
        flow.warn(`server key name "${sub}" under "${keyPath}" skipped: ${problem}`);
        continue;
      }
      const full = keyPath === '' ? sub : `${keyPath}\\${sub}`;
      if (depth + 1 > MAX_KEY_DEPTH || out.length >= MAX_KEYS) {
        flow.warn(`printer key ${full} skipped: deeper or more keys than the client caches`);
        continue;
      }
      flow.emit({ kind: 'call', name: 'EnumPrinterDataEx', detail: `"${full}"` });
      let values: RegValue[];
      try {
        values = await connection.provider.enumPrinterDataEx(printer.handle, full);
      } catch (err) {
        // DEVIATION: one key the server cannot enumerate (e.g. a failing module) does not fail the connection.
        flow.warn(`EnumPrinterDataEx(${full}) failed: ${errorText(err)}`, full);
        continue;
      }
      out.push({ path: full, values });
      if (isCopyFilesKeyName(full)) {
        const { sourceDir, targetDir } = sentCopyFilesPaths(values);
        if (sourceDir !== undefined && targetDir !== undefined)
          flow.emit({ kind: 'copyfiles-paths', key: full, sourceDir, targetDir });
      }
      await walk(full, depth + 1);
    }
  };
  await walk('', 0);
  return out;
}
