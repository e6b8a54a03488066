/**
 * A JSON form of a registry for people who write fixtures by hand; it converts to the same
 * model as a .reg file. Plain JSON (no comments):
 *
 *   {
 *     "format": "pointprint-registry/1",                  optional; if present, exactly this
 *     "keys": {
 *       "HKEY_LOCAL_MACHINE\\SYSTEM\\...\\Printers\\HpColor": {   full path; HKLM etc. accepted
 *         "": "the default value (@ in .reg)",
 *         "Name": "HpColor",                              string        -> REG_SZ
 *         "Dependent Files": ["UNIRES.DLL", "X.GPD"],     string array  -> REG_MULTI_SZ
 *         "Attributes": 8,                                integer       -> REG_DWORD (0..0xFFFFFFFF)
 *         "Path": { "expand_sz": "%SystemRoot%\\x" },     REG_EXPAND_SZ
 *         "Size": { "qword": "0x1122334455667788" },      REG_QWORD (decimal or 0x string, or a safe integer)
 *         "Blob": { "binary": "01 02 ff" },               REG_BINARY (hex; spaces and commas ignored)
 *         "Raw": { "type": "REG_NONE", "hex": "" },       any type (REG_* name or number) with its stored bytes
 *         "Other": { "sz": "..." }, { "multi_sz": [] }, { "dword": 1 }   explicit spellings
 *       },
 *       "HKEY_LOCAL_MACHINE\\...\\Empty": {}              a key with no values
 *     }
 *   }
 *
 * Parents are created implicitly. Key paths and value names are case-insensitive, so two
 * spellings of the same key or value are refused. Note that JavaScript orders object members
 * whose names are integers ("0", "1") first; such value names keep their data but not their order.
 */
import { ConfigError } from '../common/errors';
import { Registry } from './registry-key';
import {
  RegType,
  decodeRegData,
  encodeRegData,
  rawBytesOf,
  type RegValue,
  type RegValueData,
} from '../common/reg-value';

export const REGISTRY_JSON_FORMAT = 'pointprint-registry/1';

export type RegistryJsonValue =
  | string
  | number
  | readonly string[]
  | { readonly sz: string }
  | { readonly expand_sz: string }
  | { readonly multi_sz: readonly string[] }
  | { readonly dword: number }
  | { readonly qword: string | number }
  | { readonly binary: string }
  | { readonly type: number | string; readonly hex: string };

export interface RegistryJson {
  readonly format: typeof REGISTRY_JSON_FORMAT;
  readonly keys: Readonly<Record<string, Readonly<Record<string, RegistryJsonValue>>>>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a parsed JSON document and builds a registry; ConfigError names the offending path. */
export function registryFromJson(doc: unknown, fileName: string): Registry {
  const fail = (where: string, problem: string): never => {
    throw new ConfigError(`${fileName}: ${where}: ${problem}`);
  };
  if (!isRecord(doc)) return fail('(document)', 'expected a JSON object');
  for (const member of Object.keys(doc))
    if (member !== 'format' && member !== 'keys') fail(member, 'unknown member (expected "format" and "keys")');
  if (doc.format !== undefined && doc.format !== REGISTRY_JSON_FORMAT)
    fail('format', `expected "${REGISTRY_JSON_FORMAT}"`);
  const keys = doc.keys;
  if (!isRecord(keys)) return fail('keys', 'expected an object mapping key paths to their values');

  const registry = new Registry();
  const seenKeys = new Map<string, string>();
  for (const [path, values] of Object.entries(keys)) {
    const where = `keys[${JSON.stringify(path)}]`;
    const normalized = Registry.normalizePath(path);
    if (normalized === '' || path.split('\\').some((p) => p === ''))
      fail(where, 'empty key name or empty path component');
    const folded = normalized.toUpperCase();
    const previous = seenKeys.get(folded);
    if (previous !== undefined) fail(where, `the same key as ${JSON.stringify(previous)} (names are case-insensitive)`);
    seenKeys.set(folded, path);
    if (!isRecord(values)) return fail(where, 'expected an object of values');
    let key;
    try {
      key = registry.createKey(normalized);
    } catch (err) {
      if (err instanceof ConfigError) return fail(where, err.message);
      throw err;
    }
    const seenValues = new Set<string>();
    for (const [name, raw] of Object.entries(values)) {
      const valueWhere = `${where}[${JSON.stringify(name)}]`;
      if (seenValues.has(name.toUpperCase())) fail(valueWhere, 'value listed twice (names are case-insensitive)');
      seenValues.add(name.toUpperCase());
      key.setValue({ name, ...jsonToValueData(raw, (problem) => fail(valueWhere, problem)) });
    }
  }
  return registry;
}

function jsonToValueData(raw: unknown, fail: (problem: string) => never): RegValueData {
  if (typeof raw === 'string') return { type: RegType.REG_SZ, value: raw };
  if (typeof raw === 'number') return { type: RegType.REG_DWORD, value: checkDword(raw, fail) };
  if (Array.isArray(raw)) return { type: RegType.REG_MULTI_SZ, value: checkStringList(raw, fail) };
  if (!isRecord(raw)) return fail('expected a string, an integer, a string array or an object such as {"dword": 1}');

  const members = Object.keys(raw).sort().join(',');
  switch (members) {
    case 'sz':
      return { type: RegType.REG_SZ, value: checkString(raw.sz, 'sz', fail) };
    case 'expand_sz':
      return { type: RegType.REG_EXPAND_SZ, value: checkString(raw.expand_sz, 'expand_sz', fail) };
    case 'multi_sz':
      if (!Array.isArray(raw.multi_sz)) return fail('multi_sz must be an array of strings');
      return { type: RegType.REG_MULTI_SZ, value: checkStringList(raw.multi_sz, fail) };
    case 'dword':
      if (typeof raw.dword !== 'number') return fail('dword must be an integer');
      return { type: RegType.REG_DWORD, value: checkDword(raw.dword, fail) };
    case 'qword':
      return { type: RegType.REG_QWORD, value: checkQword(raw.qword, fail) };
    case 'binary':
      return { type: RegType.REG_BINARY, value: parseHex(raw.binary, fail) };
    case 'hex,type': {
      const type = checkType(raw.type, fail);
      try {
        return decodeRegData(type, parseHex(raw.hex, fail));
      } catch (err) {
        return fail(err instanceof Error ? err.message : String(err));
      }
    }
    default:
      return fail(
        `unknown value form {${members}} (expected one of sz, expand_sz, multi_sz, dword, qword, binary, or type + hex)`,
      );
  }
}

function checkString(v: unknown, member: string, fail: (problem: string) => never): string {
  if (typeof v !== 'string') return fail(`${member} must be a string`);
  return v;
}

function checkStringList(list: readonly unknown[], fail: (problem: string) => never): string[] {
  return list.map((s, i) => {
    if (typeof s !== 'string') return fail(`item ${i} of the string list is not a string`);
    // An empty string would end a REG_MULTI_SZ early (it is the terminator).
    if (s === '') return fail(`item ${i} of the string list is empty (REG_MULTI_SZ cannot hold empty strings)`);
    return s;
  });
}

function checkDword(n: number, fail: (problem: string) => never): number {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff)
    return fail(`dword must be an integer from 0 to 4294967295, got ${n}`);
  return n;
}

function checkQword(v: unknown, fail: (problem: string) => never): bigint {
  let n: bigint | undefined;
  if (typeof v === 'number' && Number.isSafeInteger(v)) n = BigInt(v);
  else if (typeof v === 'string' && /^(0x[0-9a-fA-F]{1,16}|[0-9]{1,20})$/.test(v)) n = BigInt(v);
  if (n === undefined || n < 0n || n > 0xffffffffffffffffn)
    return fail('qword must be a decimal or 0x-hexadecimal string from 0 to 2^64-1');
  return n;
}

function checkType(v: unknown, fail: (problem: string) => never): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff) return v;
  if (typeof v === 'string' && Object.hasOwn(RegType, v)) return RegType[v as keyof typeof RegType];
  return fail(`type must be a REG_* name or a number from 0 to 4294967295, got ${JSON.stringify(v)}`);
}

function parseHex(v: unknown, fail: (problem: string) => never): Buffer {
  if (typeof v !== 'string') return fail('hex data must be a string of hexadecimal bytes');
  const digits = v.replace(/[\s,]/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(digits))
    return fail(`bad hex data ${JSON.stringify(v.slice(0, 40))} (pairs of hexadecimal digits)`);
  return Buffer.from(digits, 'hex');
}

/**
 * The JSON form of a registry. Only keys that have values or no subkeys are listed: parents
 * are implied by their children's paths, so the result converts back to the same tree.
 */
export function registryToJson(registry: Registry): RegistryJson {
  const keys: Record<string, Record<string, RegistryJsonValue>> = {};
  for (const key of registry.root.walk()) {
    if (key === registry.root) continue;
    const values = key.valueList();
    if (values.length === 0 && key.keys().length > 0) continue;
    const out: Record<string, RegistryJsonValue> = {};
    for (const v of values) out[v.name] = valueToJson(v);
    keys[key.path] = out;
  }
  return { format: REGISTRY_JSON_FORMAT, keys };
}

function valueToJson(v: RegValue): RegistryJsonValue {
  // Bytes a string form would not give back (reg-value.ts `raw`) are written as they are.
  if (rawBytesOf(v) !== undefined) return { type: v.type, hex: encodeRegData(v).toString('hex') };
  switch (v.type) {
    case RegType.REG_SZ:
      return v.value as string;
    case RegType.REG_EXPAND_SZ:
      return { expand_sz: v.value as string };
    case RegType.REG_MULTI_SZ:
      return [...(v.value as readonly string[])];
    case RegType.REG_DWORD:
      return v.value as number;
    case RegType.REG_QWORD:
      return { qword: `0x${(v.value as bigint).toString(16)}` };
    case RegType.REG_BINARY:
      return { binary: v.value.toString('hex') };
    default:
      return { type: v.type, hex: encodeRegData(v).toString('hex') };
  }
}
