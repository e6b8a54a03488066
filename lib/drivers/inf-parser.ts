/**
 * INF files (Microsoft's "General Syntax Rules for INF Files" and "INF Strings Section"), read
 * from untrusted bytes — the INF of a driver package:
 *
 * - encoding: UTF-16LE with its BOM, UTF-8 with its BOM, else the ANSI code page (read as Latin-1);
 * - `[section]` headers; sections of the same name are one section (INF semantics);
 * - `key = value, value, ...` entries, or values alone; commas and `=` inside double quotes are
 *   text, `""` inside quotes is one quote; `;` outside quotes starts a comment;
 * - a backslash ending a line (outside quotes) continues it on the next one;
 * - `%token%` is replaced by the token's value in [Strings] (then [Strings.<locale>]), once, not
 *   recursively; `%%` is a percent sign; an unknown token stays as written.
 *
 * Bounded: the file's size, the number of lines and sections, a logical line's length and its
 * number of fields. Failures are InfError with the file and line.
 */
import { PointPrintError } from '../common/errors';

export interface InfLimits {
  readonly maxBytes: number;
  readonly maxLines: number;
  readonly maxSections: number;
  /** Characters of a logical line (continuations joined); Windows documents 4096 per line. */
  readonly maxLineLength: number;
  readonly maxFieldsPerLine: number;
}

export const DEFAULT_INF_LIMITS: InfLimits = Object.freeze({
  maxBytes: 4 * 1024 * 1024,
  maxLines: 100_000,
  maxSections: 10_000,
  maxLineLength: 16_384,
  maxFieldsPerLine: 1024,
});

export class InfError extends PointPrintError {
  override readonly code = 'ERR_INF';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}${line > 0 ? `:${line}` : ''}: ${problem}`);
  }
}

export interface InfEntry {
  /** The text before `=`, unquoted and with tokens replaced; undefined for a line of values only. */
  readonly key?: string;
  readonly values: readonly string[];
  /** 1-based line where the entry starts. */
  readonly line: number;
}

export interface InfSection {
  /** The name as first written. */
  readonly name: string;
  readonly line: number;
  readonly entries: readonly InfEntry[];
}

interface RawEntry {
  readonly key?: string;
  readonly values: string[];
  readonly line: number;
}

interface RawSection {
  readonly name: string;
  readonly line: number;
  readonly entries: RawEntry[];
}

export class InfFile {
  private readonly byName: ReadonlyMap<string, InfSection>;

  constructor(
    readonly fileName: string,
    readonly sections: readonly InfSection[],
  ) {
    this.byName = new Map(sections.map((s) => [s.name.toUpperCase(), s]));
  }

  section(name: string): InfSection | undefined {
    return this.byName.get(name.trim().toUpperCase());
  }

  /** The entries of `section` whose key is `key` (case-insensitively). */
  entries(section: string, key: string): InfEntry[] {
    const k = key.toUpperCase();
    return (this.section(section)?.entries ?? []).filter((e) => e.key?.toUpperCase() === k);
  }

  /** The first value of the first `key` entry of `section`. */
  value(section: string, key: string): string | undefined {
    return this.entries(section, key)[0]?.values[0];
  }
}

export function decodeInfText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return bytes.subarray(3).toString('utf8');
  return bytes.toString('latin1');
}

export function parseInf(input: Buffer | string, fileName: string, limits: InfLimits = DEFAULT_INF_LIMITS): InfFile {
  const size = typeof input === 'string' ? input.length : input.length;
  if (size > limits.maxBytes) throw new InfError(fileName, 0, `${size} bytes, more than the ${limits.maxBytes} read`);
  const text = typeof input === 'string' ? input : decodeInfText(input);
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > limits.maxLines) throw new InfError(fileName, 0, `more than ${limits.maxLines} lines`);

  const raw: RawSection[] = [];
  const byName = new Map<string, RawSection>();
  let current: RawSection | undefined;
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    // Continuations are collected, then joined once: a hostile file of 1-character lines stays linear.
    const parts = [stripComment(lines[i] ?? '')];
    let length = parts[0]?.length ?? 0;
    while (
      endsWithContinuation(parts[parts.length - 1] ?? '') &&
      i + 1 < lines.length &&
      length <= limits.maxLineLength
    ) {
      const last = (parts.pop() ?? '').trimEnd();
      parts.push(last.slice(0, -1));
      const next = stripComment(lines[++i] ?? '');
      parts.push(next);
      length += next.length;
    }
    if (length > limits.maxLineLength)
      throw new InfError(fileName, start, `a line longer than ${limits.maxLineLength} characters`);
    const logical = parts.join('');
    const trimmed = logical.trim();
    if (trimmed === '') continue;
    if (trimmed.startsWith('[')) {
      const close = trimmed.lastIndexOf(']');
      if (close < 0) throw new InfError(fileName, start, 'a section header without its closing "]"');
      const name = trimmed.slice(1, close).trim();
      if (name === '') throw new InfError(fileName, start, 'a section with no name');
      current = byName.get(name.toUpperCase());
      if (!current) {
        if (raw.length >= limits.maxSections)
          throw new InfError(fileName, start, `more than ${limits.maxSections} sections`);
        current = { name, line: start, entries: [] };
        raw.push(current);
        byName.set(name.toUpperCase(), current);
      }
      continue;
    }
    if (!current) throw new InfError(fileName, start, 'an entry before any [section]');
    const eq = indexOutsideQuotes(trimmed, '=');
    const keyText = eq >= 0 ? trimmed.slice(0, eq).trim() : undefined;
    const fields = splitOutsideQuotes(eq >= 0 ? trimmed.slice(eq + 1) : trimmed, ',');
    if (fields.length > limits.maxFieldsPerLine)
      throw new InfError(fileName, start, `more than ${limits.maxFieldsPerLine} fields on one line`);
    current.entries.push({ ...(keyText !== undefined && { key: keyText }), values: fields, line: start });
  }

  const strings = stringsTable(raw);
  const cook = (field: string): string => substitute(unquote(field.trim()), strings);
  return new InfFile(
    fileName,
    raw.map((s) => ({
      name: s.name,
      line: s.line,
      entries: s.entries.map((e) => ({
        ...(e.key !== undefined && { key: cook(e.key) }),
        values: e.values.map(cook),
        line: e.line,
      })),
    })),
  );
}

/** [Strings] first, then any [Strings.<locale>] for tokens it lacks; keys compared case-insensitively. */
function stringsTable(sections: readonly RawSection[]): Map<string, string> {
  const out = new Map<string, string>();
  const ordered = [
    ...sections.filter((s) => s.name.toUpperCase() === 'STRINGS'),
    ...sections.filter((s) => s.name.toUpperCase().startsWith('STRINGS.')),
  ];
  for (const s of ordered) {
    for (const e of s.entries) {
      if (e.key === undefined) continue;
      const k = unquote(e.key.trim()).toUpperCase();
      if (!out.has(k)) out.set(k, substitute(e.values.map((v) => unquote(v.trim())).join(','), new Map()));
    }
  }
  return out;
}

function substitute(text: string, strings: ReadonlyMap<string, string>): string {
  if (!text.includes('%')) return text;
  return text.replace(/%([^%]*)%/g, (whole, token: string) => {
    if (token === '') return '%';
    return strings.get(token.toUpperCase()) ?? whole;
  });
}

/** Removes the quoting: `"a,b"` -> `a,b`, `"say ""hi"""` -> `say "hi"`. */
export function unquote(field: string): string {
  if (!field.includes('"')) return field;
  let out = '';
  let quoted = false;
  for (let i = 0; i < field.length; i++) {
    const c = field[i];
    if (c !== '"') {
      out += c;
    } else if (quoted && field[i + 1] === '"') {
      out += '"';
      i++;
    } else {
      quoted = !quoted;
    }
  }
  return out;
}

function stripComment(line: string): string {
  const at = indexOutsideQuotes(line, ';');
  return at >= 0 ? line.slice(0, at) : line;
}

function endsWithContinuation(line: string): boolean {
  return line.trimEnd().endsWith('\\') && !insideQuotesAtEnd(line);
}

function insideQuotesAtEnd(line: string): boolean {
  let quoted = false;
  for (const c of line) if (c === '"') quoted = !quoted;
  return quoted;
}

function indexOutsideQuotes(text: string, ch: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) return i;
  }
  return -1;
}

function splitOutsideQuotes(text: string, sep: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) {
      out.push(text.slice(from, i));
      from = i + 1;
    }
  }
  out.push(text.slice(from));
  return out;
}
