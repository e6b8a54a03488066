/**
 * `.reg` files as regedit writes and reads them.
 *
 *   Windows Registry Editor Version 5.00     regedit 5: UTF-16LE with a BOM (FF FE), CRLF lines
 *   REGEDIT4                                 regedit 4: ANSI (Windows-1252), CRLF lines
 *
 *   ; a comment line
 *   [HKEY_LOCAL_MACHINE\SYSTEM\Key]          opens (creates) a key and its parents
 *   [-HKEY_LOCAL_MACHINE\SYSTEM\Key]         deletes a key and its whole subtree
 *   @="text"                                 the key's default (unnamed) value
 *   "Name"="a \"quoted\" C:\\path"           REG_SZ; only \\ and \" are escaped
 *   "Name"=dword:0000000a                    REG_DWORD, 8 lowercase hex digits
 *   "Name"=hex:01,02,ff                      REG_BINARY
 *   "Name"=hex(N):...                        any other type N (hex): hex(0) NONE, hex(1) SZ that
 *                                            cannot be quoted, hex(2) EXPAND_SZ, hex(7) MULTI_SZ,
 *                                            hex(b) QWORD; the bytes as stored
 *   "Name"=-                                 deletes the value
 *
 * regedit wraps hex data: after each "hh," once the line reaches 77 characters it writes "\"
 * and continues on the next line after two spaces (so lines stay within 80 columns).
 * In a REGEDIT4 file the string data of hex(1)/hex(2)/hex(7) is ANSI, one byte per character;
 * in a 5.00 file it is UTF-16LE. The file's own encoding is detected separately (BOM), since
 * people also save 5.00 files as ANSI or UTF-8.
 */
import { MalformedPacketError, ParseError, ConfigError } from '../common/errors';
import { decodeWindows1252, encodeWindows1252 } from './ansi-code-page';
import { Registry, splitKeyPath, type RegistryKey } from './registry-key';
import {
  RegType,
  decodeRegData,
  encodeRegData,
  rawBytesOf,
  type RegValue,
  type RegValueData,
} from '../common/reg-value';

export type RegFileFormat = 'regedit5' | 'regedit4';

export const REGEDIT5_HEADER = 'Windows Registry Editor Version 5.00';
export const REGEDIT4_HEADER = 'REGEDIT4';

/** The root keys regedit accepts, long names (abbreviations are mapped by Registry.normalizePath). */
export const ROOT_KEYS = [
  'HKEY_LOCAL_MACHINE',
  'HKEY_CURRENT_USER',
  'HKEY_CLASSES_ROOT',
  'HKEY_USERS',
  'HKEY_CURRENT_CONFIG',
] as const;

/** Line-wrap columns of regedit's hex output. */
const HEX_WRAP_COLUMN = 77;
const HEX_CONTINUATION_INDENT = '  ';
const CRLF = '\r\n';
const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

// ---------------------------------------------------------------------------------------------
// Import

/** Parses `data` into a new registry. */
export function parseRegFileToRegistry(data: Buffer, fileName: string): Registry {
  const registry = new Registry();
  importRegFile(registry, data, fileName);
  return registry;
}

/** Applies a .reg file to `registry`: creates keys, sets and deletes values, deletes keys. */
export function importRegFile(registry: Registry, data: Buffer, fileName: string): void {
  const lines = decodeRegText(data).split(/\r\n|\n|\r/);
  const fail: (lineIndex: number, problem: string) => never = (lineIndex, problem) => {
    throw new ParseError(fileName, lineIndex + 1, problem);
  };

  let i = 0;
  while (i < lines.length && (lines[i] ?? '').trim() === '') i++;
  const header = (lines[i] ?? '').trim();
  let format: RegFileFormat;
  if (header === REGEDIT5_HEADER) format = 'regedit5';
  else if (header === REGEDIT4_HEADER) format = 'regedit4';
  else return fail(i < lines.length ? i : 0, `expected "${REGEDIT5_HEADER}" or "${REGEDIT4_HEADER}" as the first line`);
  i++;

  let current: RegistryKey | undefined;
  let deletedKeyLine: number | undefined;
  for (; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '' || line.startsWith(';')) continue;

    if (line.startsWith('[')) {
      const close = line.lastIndexOf(']');
      if (close !== line.length - 1) fail(i, 'a key line must end with "]"');
      let path = line.slice(1, close);
      const isDeletion = path.startsWith('-');
      if (isDeletion) path = path.slice(1);
      const normalized = checkKeyPath(path, (problem) => fail(i, problem));
      if (isDeletion) {
        registry.deleteKey(normalized);
        current = undefined;
        deletedKeyLine = i + 1;
      } else {
        try {
          current = registry.createKey(normalized);
        } catch (err) {
          if (err instanceof ConfigError) fail(i, err.message);
          throw err;
        }
        deletedKeyLine = undefined;
      }
      continue;
    }

    if (line.startsWith('"') || line.startsWith('@')) {
      const startLine = i;
      const scanner = new LineScanner(line, (problem) => fail(startLine, problem));
      const name = line.startsWith('@') ? (scanner.advance(1), '') : scanner.quotedString();
      scanner.skipSpaces();
      if (!scanner.take('=')) fail(i, `expected "=" after the value name ${JSON.stringify(name)}`);
      scanner.skipSpaces();
      if (!current) {
        fail(
          i,
          deletedKeyLine === undefined
            ? 'a value before any [key] line'
            : `a value inside a deleted key (the [-key] line ${deletedKeyLine})`,
        );
      }
      const key = current;

      if (scanner.take('-')) {
        scanner.expectEnd();
        key.deleteValue(name);
        continue;
      }
      if (scanner.peek() === '"') {
        const text = scanner.quotedString();
        scanner.expectEnd();
        key.setValue({ name, type: RegType.REG_SZ, value: text });
        continue;
      }
      const rest = scanner.rest();
      const dword = /^dword:([0-9a-fA-F]{1,8})\s*(;.*)?$/.exec(rest);
      if (dword) {
        key.setValue({ name, type: RegType.REG_DWORD, value: parseInt(dword[1] ?? '0', 16) >>> 0 });
        continue;
      }
      if (/^dword:/i.test(rest)) fail(i, 'dword: needs 1 to 8 hexadecimal digits');
      const hex = /^hex(?:\(([^)]*)\))?:/i.exec(rest);
      if (!hex)
        return fail(
          i,
          `unrecognised value data ${JSON.stringify(rest.slice(0, 40))} (expected "...", dword:, hex:, hex(n): or -)`,
        );
      const hexMatch = hex;
      let type: number = RegType.REG_BINARY;
      if (hexMatch[1] !== undefined) {
        if (!/^[0-9a-fA-F]{1,8}$/.test(hexMatch[1]))
          fail(i, `bad type number in hex(${hexMatch[1]}): expected 1 to 8 hexadecimal digits`);
        type = parseInt(hexMatch[1], 16) >>> 0;
      }
      const collected = collectHexBytes(lines, i, rest.slice(hexMatch[0].length), (lineIndex, problem) =>
        fail(lineIndex, problem),
      );
      i = collected.lastLine;
      try {
        key.setValue({ name, ...decodeFileData(type, collected.bytes, format) });
      } catch (err) {
        if (err instanceof MalformedPacketError) fail(startLine, `value ${JSON.stringify(name)}: ${err.message}`);
        throw err;
      }
      continue;
    }

    fail(i, `unrecognised line ${JSON.stringify(line.slice(0, 40))}`);
  }
}

function decodeRegText(data: Buffer): string {
  if (data.subarray(0, 2).equals(UTF16LE_BOM))
    return data.subarray(2, data.length - (data.length % 2)).toString('utf16le');
  if (data.subarray(0, 3).equals(UTF8_BOM)) return data.subarray(3).toString('utf8');
  // UTF-16LE saved without a BOM starts "W\0" or "R\0".
  if (data.length >= 2 && data[0] !== 0 && data[1] === 0)
    return data.subarray(0, data.length - (data.length % 2)).toString('utf16le');
  return decodeWindows1252(data);
}

function checkKeyPath(path: string, fail: (problem: string) => never): string {
  if (path.trim() === '') fail('empty key name');
  if (path.split('\\').some((p) => p === '')) fail('empty component in the key path (doubled or trailing backslash)');
  const normalized = Registry.normalizePath(path);
  const root = splitKeyPath(normalized)[0] ?? '';
  if (!(ROOT_KEYS as readonly string[]).includes(root.toUpperCase()))
    fail(`unknown root key "${root}" (expected one of ${ROOT_KEYS.join(', ')})`);
  return normalized;
}

/** Collects the comma-separated bytes of a hex value, following "\" continuations onto later lines. */
function collectHexBytes(
  lines: readonly string[],
  firstLine: number,
  firstText: string,
  fail: (lineIndex: number, problem: string) => never,
): { bytes: Buffer; lastLine: number } {
  const bytes: number[] = [];
  let lineIndex = firstLine;
  let text = firstText;
  for (;;) {
    const semicolon = text.indexOf(';');
    let body = (semicolon === -1 ? text : text.slice(0, semicolon)).trim();
    const continues = body.endsWith('\\');
    if (continues) body = body.slice(0, -1).trim();
    if (body !== '') {
      const tokens = body.split(',');
      tokens.forEach((raw, index) => {
        const token = raw.trim();
        // A trailing comma is how regedit ends a line that continues; tolerate it at the very end too.
        if (token === '' && index === tokens.length - 1 && index > 0) return;
        if (!/^[0-9a-fA-F]{1,2}$/.test(token))
          fail(lineIndex, token === '' ? 'empty byte in hex data' : `bad byte "${token}" in hex data`);
        bytes.push(parseInt(token, 16));
      });
    }
    if (!continues) return { bytes: Buffer.from(bytes), lastLine: lineIndex };
    lineIndex++;
    // regedit allows comment lines between continued hex lines.
    while (lineIndex < lines.length && (lines[lineIndex] ?? '').trim().startsWith(';')) lineIndex++;
    if (lineIndex >= lines.length) fail(lineIndex - 1, 'hex data continues ("\\") past the end of the file');
    text = lines[lineIndex] ?? '';
    if (text.trim() === '') fail(lineIndex, 'hex data continues ("\\") onto an empty line');
  }
}

/** String types in REGEDIT4 files hold ANSI bytes; in 5.00 files UTF-16LE. */
function decodeFileData(type: number, bytes: Buffer, format: RegFileFormat): RegValueData {
  if (format === 'regedit4' && isStringType(type))
    return decodeRegData(type, Buffer.from(decodeWindows1252(bytes), 'utf16le'));
  return decodeRegData(type, bytes);
}

function isStringType(type: number): boolean {
  return type === RegType.REG_SZ || type === RegType.REG_EXPAND_SZ || type === RegType.REG_MULTI_SZ;
}

/** A cursor over one logical line, for the quoted parts. */
class LineScanner {
  private pos = 0;
  constructor(
    private readonly text: string,
    private readonly fail: (problem: string) => never,
  ) {}

  peek(): string | undefined {
    return this.text[this.pos];
  }

  advance(n: number): void {
    this.pos += n;
  }

  take(ch: string): boolean {
    if (this.text[this.pos] !== ch) return false;
    this.pos++;
    return true;
  }

  skipSpaces(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }

  rest(): string {
    return this.text.slice(this.pos);
  }

  /** Whitespace or a ";" comment may follow the data, nothing else. */
  expectEnd(): void {
    this.skipSpaces();
    const rest = this.rest();
    if (rest !== '' && !rest.startsWith(';'))
      this.fail(`unexpected text after the value: ${JSON.stringify(rest.slice(0, 40))}`);
  }

  /** A "..." string with regedit's two escapes, \\ and \". */
  quotedString(): string {
    if (!this.take('"')) this.fail('expected a quoted string');
    let out = '';
    for (;;) {
      const ch = this.text[this.pos++];
      if (ch === undefined) return this.fail('unterminated string (missing closing quote)');
      if (ch === '"') return out;
      if (ch === '\\') {
        const next = this.text[this.pos++];
        if (next === '\\' || next === '"') out += next;
        else if (next === undefined) return this.fail('unterminated string (ends with a backslash)');
        else return this.fail(`unknown escape "\\${next}" in a string (only \\\\ and \\" are allowed)`);
      } else {
        out += ch;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Export

/**
 * Writes the registry (or the branch at `keyPath`) as regedit does: every key of the branch,
 * parents before children, the default value first, then the others in order.
 */
export function exportRegFile(registry: Registry, options: { format?: RegFileFormat; keyPath?: string } = {}): Buffer {
  const format = options.format ?? 'regedit5';
  let top: RegistryKey[];
  if (options.keyPath !== undefined) {
    const key = registry.getKey(options.keyPath);
    if (!key) throw new ConfigError(`cannot export: no key ${options.keyPath}`);
    top = [key];
  } else {
    top = registry.root.keys();
  }

  const out: string[] = [format === 'regedit5' ? REGEDIT5_HEADER : REGEDIT4_HEADER, ''];
  for (const branch of top) {
    for (const key of branch.walk()) {
      out.push(`[${key.path}]`);
      const values = key.valueList();
      const ordered = [...values.filter((v) => v.name === ''), ...values.filter((v) => v.name !== '')];
      for (const v of ordered) out.push(formatValueLine(v, format));
      out.push('');
    }
  }
  out.push('');
  const text = out.join(CRLF);
  return format === 'regedit5' ? Buffer.concat([UTF16LE_BOM, Buffer.from(text, 'utf16le')]) : encodeWindows1252(text);
}

export function escapeRegString(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** One `"name"=data` entry, possibly spanning several physical lines. */
export function formatValueLine(v: RegValue, format: RegFileFormat = 'regedit5'): string {
  const name = v.name === '' ? '@' : `"${escapeRegString(v.name)}"`;
  switch (v.type) {
    case RegType.REG_SZ: {
      const text = v.value as string;
      // A quoted string cannot carry line breaks or NULs: regedit's own output would not re-import.
      // Nor bytes its text would not encode back to (no terminator, data after it): hex(1) keeps them.
      if (!/[\0\r\n]/.test(text) && rawBytesOf(v) === undefined) return `${name}="${escapeRegString(text)}"`;
      return hexLine(`${name}=hex(1):`, stringBytes(v, format));
    }
    case RegType.REG_EXPAND_SZ:
    case RegType.REG_MULTI_SZ:
      return hexLine(`${name}=hex(${v.type.toString(16)}):`, stringBytes(v, format));
    case RegType.REG_DWORD:
      return `${name}=dword:${((v.value as number) >>> 0).toString(16).padStart(8, '0')}`;
    case RegType.REG_BINARY:
      return hexLine(`${name}=hex:`, encodeRegData(v));
    default:
      return hexLine(`${name}=hex(${(v.type >>> 0).toString(16)}):`, encodeRegData(v));
  }
}

function stringBytes(v: RegValueData, format: RegFileFormat): Buffer {
  const utf16 = encodeRegData(v);
  return format === 'regedit5' ? utf16 : encodeWindows1252(utf16.toString('utf16le'));
}

function hexLine(prefix: string, bytes: Buffer): string {
  let out = prefix;
  let column = prefix.length;
  for (let i = 0; i < bytes.length; i++) {
    out += (bytes[i] ?? 0).toString(16).padStart(2, '0');
    if (i === bytes.length - 1) break;
    out += ',';
    column += 3;
    if (column >= HEX_WRAP_COLUMN) {
      out += `\\${CRLF}${HEX_CONTINUATION_INDENT}`;
      column = HEX_CONTINUATION_INDENT.length;
    }
  }
  return out;
}
