/**
 * The ANSI code page regedit uses for REGEDIT4 files on a Western Windows: Windows-1252.
 * It equals ISO-8859-1 except 0x80-0x9F, which hold typographic characters. The five bytes
 * 1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 controls of the same
 * number, as MultiByteToWideChar does.
 */

const HIGH_CONTROLS: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d,
  0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x009d, 0x017e, 0x0178,
];

const ENCODE = new Map<number, number>();
for (let b = 0; b < 256; b++) ENCODE.set(b >= 0x80 && b <= 0x9f ? (HIGH_CONTROLS[b - 0x80] ?? b) : b, b);

export function decodeWindows1252(bytes: Buffer): string {
  return bytes
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(HIGH_CONTROLS[c.charCodeAt(0) - 0x80] ?? c.charCodeAt(0)));
}

/** Characters outside the code page become '?', as WideCharToMultiByte's default character. */
export function encodeWindows1252(text: string): Buffer {
  const out = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) out[i] = ENCODE.get(text.charCodeAt(i)) ?? 0x3f;
  return out;
}

export function isWindows1252(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!ENCODE.has(text.charCodeAt(i))) return false;
  return true;
}
