/**
 * Typed reads of the spooler's registry values: a REG_SZ (or REG_EXPAND_SZ) as a string, a
 * REG_DWORD as a number; undefined when the value is absent or of another type.
 */
import { RegType } from '../common/reg-value';
import type { RegistryKey } from '../registry/registry-key';

export function readSz(key: RegistryKey, name: string): string | undefined {
  const v = key.getValue(name);
  return v && typeof v.value === 'string' ? v.value : undefined;
}

export function readDword(key: RegistryKey, name: string): number | undefined {
  const v = key.getValue(name);
  return v && v.type === RegType.REG_DWORD && typeof v.value === 'number' ? v.value : undefined;
}
