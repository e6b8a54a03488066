/**
 * Test helpers: annotated hex (`# comment` to end of line, whitespace ignored) and a dumb
 * little-endian byte builder, independent of the production writers.
 */
export function hex(text: string): Buffer {
  const clean = text
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .join('')
    .replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-f]/i.test(clean)) throw new Error(`bad hex: ${clean}`);
  return Buffer.from(clean, 'hex');
}

export class Bytes {
  private parts: number[] = [];
  get length(): number {
    return this.parts.length;
  }
  u8(v: number): this {
    this.parts.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    return this.u8(v).u8(v >> 8);
  }
  u32(v: number): this {
    return this.u16(v & 0xffff).u16((v >>> 16) & 0xffff);
  }
  u64(v: bigint): this {
    return this.u32(Number(v & 0xffffffffn)).u32(Number(v >> 32n));
  }
  raw(b: Buffer | number[]): this {
    for (const x of b) this.parts.push(x);
    return this;
  }
  utf16z(s: string): this {
    return this.raw(Buffer.from(`${s}\0`, 'utf16le'));
  }
  pad(to: number): this {
    while (this.parts.length % to !== 0) this.parts.push(0);
    return this;
  }
  /** A [string] wchar_t* as NDR writes it: max, offset 0, actual, chars + NUL, no trailing pad. */
  ndrString(s: string): this {
    this.pad(4);
    const n = s.length + 1;
    return this.u32(n).u32(0).u32(n).utf16z(s);
  }
  build(): Buffer {
    return Buffer.from(this.parts);
  }
}

/** GUID text -> wire bytes, computed by hand (Data1..3 little-endian). */
export function guidBytes(text: string): number[] {
  const h = text.replace(/-/g, '');
  const b = Array.from({ length: 16 }, (_, i) => parseInt(h.slice(i * 2, i * 2 + 2), 16));
  return [b[3]!, b[2]!, b[1]!, b[0]!, b[5]!, b[4]!, b[7]!, b[6]!, ...b.slice(8)];
}
