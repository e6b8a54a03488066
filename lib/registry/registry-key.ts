/**
 * The registry model: a tree of keys with case-insensitive, case-preserving names (as Windows
 * compares them) holding typed values. Paths use backslashes: `SYSTEM\CurrentControlSet\...`.
 *
 * Each key has a last-write time, as Windows keeps one ([MS-RRP] 3.1.5.16 lpftLastWriteTime): set
 * when the key is created, and when one of its values is set or deleted or a subkey is created or
 * deleted under it. It is kept per run only: a .reg file has no times, so a key loaded at start
 * (fixture or state folder) is written at that start. An ES private field, so that comparing two
 * trees compares names and values only.
 */
import { ConfigError } from '../common/errors';
import type { RegValue } from '../common/reg-value';

const fold = (name: string): string => name.toUpperCase();

export function splitKeyPath(path: string): string[] {
  return path.split('\\').filter((p) => p.length > 0);
}

/**
 * Each key's last-write time, kept beside the keys rather than in them: comparing two trees
 * compares names and values only, and the published typings need no ES private field (which a
 * consumer compiling for ES5 cannot read).
 */
const lastWritten = new WeakMap<RegistryKey, number>();

export class RegistryKey {
  private readonly subkeys = new Map<string, RegistryKey>();
  private readonly values = new Map<string, RegValue>();

  constructor(
    /** The name as first written (case preserved). */
    readonly name: string,
    readonly parent?: RegistryKey,
  ) {
    lastWritten.set(this, Date.now());
  }

  /** The full path from the root, without the root's own name. */
  get path(): string {
    const parts: string[] = [];
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- a cursor that starts at this key
    for (let k: RegistryKey | undefined = this; k?.parent; k = k.parent) parts.unshift(k.name);
    return parts.join('\\');
  }

  /** When the key or one of its values last changed (ms since the epoch). */
  get lastWriteTime(): number {
    return lastWritten.get(this) ?? 0;
  }

  private touch(): void {
    lastWritten.set(this, Date.now());
  }

  /** Direct subkeys in insertion order (the order a fixture or .reg file gave them). */
  keys(): RegistryKey[] {
    return [...this.subkeys.values()];
  }

  subkeyNames(): string[] {
    return this.keys().map((k) => k.name);
  }

  /** Values in insertion order. */
  valueList(): RegValue[] {
    return [...this.values.values()];
  }

  getKey(path: string): RegistryKey | undefined {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- a cursor that starts at this key
    let k: RegistryKey | undefined = this;
    for (const part of splitKeyPath(path)) {
      k = k.subkeys.get(fold(part));
      if (!k) return undefined;
    }
    return k;
  }

  /** Opens or creates every key along `path`. */
  createKey(path: string): RegistryKey {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- a cursor that starts at this key
    let k: RegistryKey = this;
    for (const part of splitKeyPath(path)) {
      if (part.length > 255)
        throw new ConfigError(`registry key name longer than 255 characters: ${part.slice(0, 40)}...`);
      let next = k.subkeys.get(fold(part));
      if (!next) {
        next = new RegistryKey(part, k);
        k.subkeys.set(fold(part), next);
        k.touch();
      }
      k = next;
    }
    return k;
  }

  /** Deletes a key and its whole subtree. Returns false when it did not exist. */
  deleteKey(path: string): boolean {
    const parts = splitKeyPath(path);
    const last = parts.pop();
    if (last === undefined) return false;
    const parent = this.getKey(parts.join('\\'));
    const deleted = parent?.subkeys.delete(fold(last)) ?? false;
    if (deleted) parent?.touch();
    return deleted;
  }

  getValue(name: string): RegValue | undefined {
    return this.values.get(fold(name));
  }

  setValue(value: RegValue): void {
    const existing = this.values.get(fold(value.name));
    // Keep the original spelling of the name, as Windows does on overwrite.
    this.values.set(fold(value.name), existing ? { ...value, name: existing.name } : value);
    this.touch();
  }

  deleteValue(name: string): boolean {
    const deleted = this.values.delete(fold(name));
    if (deleted) this.touch();
    return deleted;
  }

  /** Depth-first walk: this key, then each subkey in order. */
  *walk(): Generator<RegistryKey> {
    yield this;
    for (const k of this.subkeys.values()) yield* k.walk();
  }

  /** A deep copy (for a client's cache, or a server state that must not alias a fixture). */
  clone(parent?: RegistryKey): RegistryKey {
    const c = new RegistryKey(this.name, parent);
    for (const v of this.values.values()) c.values.set(fold(v.name), v);
    for (const [n, k] of this.subkeys) c.subkeys.set(n, k.clone(c));
    lastWritten.set(c, this.lastWriteTime);
    return c;
  }
}

/** A registry: named root keys (HKEY_LOCAL_MACHINE, ...). */
export class Registry {
  readonly root = new RegistryKey('');

  /** `HKEY_LOCAL_MACHINE\SYSTEM\...`; the abbreviations HKLM, HKCU, HKU, HKCR are accepted. */
  static normalizePath(path: string): string {
    const parts = splitKeyPath(path);
    const hive = parts[0]?.toUpperCase();
    const long: Record<string, string> = {
      HKLM: 'HKEY_LOCAL_MACHINE',
      HKCU: 'HKEY_CURRENT_USER',
      HKU: 'HKEY_USERS',
      HKCR: 'HKEY_CLASSES_ROOT',
      HKCC: 'HKEY_CURRENT_CONFIG',
    };
    if (hive && long[hive]) parts[0] = long[hive];
    return parts.join('\\');
  }

  getKey(path: string): RegistryKey | undefined {
    return this.root.getKey(Registry.normalizePath(path));
  }

  createKey(path: string): RegistryKey {
    return this.root.createKey(Registry.normalizePath(path));
  }

  deleteKey(path: string): boolean {
    return this.root.deleteKey(Registry.normalizePath(path));
  }
}

/** Where Windows keeps the print configuration. */
export const PRINT_KEY = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print';
export const PRINTERS_KEY = `${PRINT_KEY}\\Printers`;
export const ENVIRONMENTS_KEY = `${PRINT_KEY}\\Environments`;
export const POLICIES_PRINTERS_KEY = 'HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Windows NT\\Printers';
export const POINT_AND_PRINT_POLICY_KEY = `${POLICIES_PRINTERS_KEY}\\PointAndPrint`;
