/**
 * Where a key or a value is written in a .reg file, for SARIF locations and text output.
 * Not a second parser: lib/registry/reg-file.ts reads the data; this only scans the decoded
 * text for `[key]` headers and `"name"=` / `@=` lines (continuations after a trailing `\` are
 * skipped) and remembers their line numbers (1-based).
 */
import { decodeWindows1252 } from '../registry/ansi-code-page';
import { Registry } from '../registry/registry-key';

export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

export interface RegFileLocator {
  readonly file: string;
  /** The line of `[keyPath]` (its first occurrence), or of the value's last assignment. */
  locate(keyPath: string, valueName?: string): SourceLocation | undefined;
}

function decodeText(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xfe)
    return data.subarray(2, data.length - (data.length % 2)).toString('utf16le');
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return data.subarray(3).toString('utf8');
  if (data.length >= 2 && data[0] !== 0 && data[1] === 0)
    return data.subarray(0, data.length - (data.length % 2)).toString('utf16le');
  return decodeWindows1252(data);
}

/** The name between the quotes of a `"name"=` line, unescaping \\ and \". */
function quotedName(line: string): string | undefined {
  let out = '';
  for (let i = 1; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) {
      out += line[i + 1];
      i++;
    } else if (c === '"') {
      return out;
    } else {
      out += c;
    }
  }
  return undefined;
}

const fold = (keyPath: string): string => Registry.normalizePath(keyPath).toUpperCase();

export function createRegFileLocator(data: Buffer, file: string): RegFileLocator {
  const keys = new Map<string, number>();
  const values = new Map<string, number>();
  const lines = decodeText(data).split(/\r\n|\n|\r/);
  let current: string | undefined;
  let continued = false;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const wasContinued = continued;
    continued = line.endsWith('\\') && !line.startsWith('[');
    if (wasContinued || line === '' || line.startsWith(';')) return;
    if (line.startsWith('[') && line.endsWith(']')) {
      const inner = line.slice(1, -1);
      if (inner.startsWith('-')) {
        current = undefined;
        return;
      }
      current = fold(inner);
      if (!keys.has(current)) keys.set(current, index + 1);
      return;
    }
    if (current === undefined) return;
    const name = line.startsWith('@') ? '' : line.startsWith('"') ? quotedName(line) : undefined;
    if (name !== undefined) values.set(`${current}\0${name.toUpperCase()}`, index + 1);
  });
  return {
    file,
    locate(keyPath, valueName) {
      const k = fold(keyPath);
      const line =
        valueName === undefined ? keys.get(k) : (values.get(`${k}\0${valueName.toUpperCase()}`) ?? keys.get(k));
      return line === undefined ? undefined : { file, line };
    },
  };
}
