/**
 * A comparable picture of a registry for tests: every key path (upper-cased, as Windows compares
 * them) with its values sorted by name, each as type + stored bytes.
 */
import type { Registry } from '../../lib/registry/registry-key';
import { encodeRegData } from '../../lib/common/reg-value';

export function dumpRegistry(registry: Registry): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const key of registry.root.walk()) {
    if (key === registry.root) continue;
    const values: Record<string, string> = {};
    for (const v of [...key.valueList()].sort((a, b) => a.name.localeCompare(b.name))) {
      values[v.name.toUpperCase()] = `${v.type}:${encodeRegData(v).toString('hex')}`;
    }
    out[key.path.toUpperCase()] = values;
  }
  return out;
}
