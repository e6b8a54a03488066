/**
 * Whatever a .reg file holds, the importer either succeeds or throws a ParseError: never a
 * RangeError, a TypeError or a hang. Deterministic mutations of the real-style fixtures.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ParseError } from '../../../lib/common/errors';
import { decodeWindows1252, encodeWindows1252 } from '../../../lib/registry/ansi-code-page';
import { parseRegFileToRegistry } from '../../../lib/registry/reg-file';

const FIXTURES = path.join(__dirname, '../../fixtures/registry');

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ALPHABET = [
  '"',
  '\\',
  '[',
  ']',
  '-',
  '=',
  '@',
  ',',
  ':',
  ';',
  '(',
  ')',
  'hex',
  'dword',
  '\r\n',
  ' ',
  'ff',
  'z',
  '\0',
];

describe.each(['print-server.regedit5.reg', 'features.regedit5.reg', 'print-server.regedit4.reg'])(
  'mutations of %s',
  (file) => {
    const data = fs.readFileSync(path.join(FIXTURES, file));
    const isUnicode = data[0] === 0xff;
    const text = isUnicode ? data.subarray(2).toString('utf16le') : decodeWindows1252(data);
    const encode = (t: string): Buffer =>
      isUnicode ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]) : encodeWindows1252(t);

    it('succeeds or throws ParseError for 500 mutated files', () => {
      const random = prng(0x5eed + file.length);
      let failures = 0;
      for (let round = 0; round < 500; round++) {
        let t = text;
        const edits = 1 + Math.floor(random() * 4);
        for (let e = 0; e < edits; e++) {
          const at = Math.floor(random() * t.length);
          const kind = random();
          if (kind < 0.4) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(random() * 5));
          else if (kind < 0.8) t = t.slice(0, at) + ALPHABET[Math.floor(random() * ALPHABET.length)]! + t.slice(at);
          else t = t.slice(0, at);
        }
        try {
          parseRegFileToRegistry(encode(t), file);
        } catch (err) {
          expect(err).toBeInstanceOf(ParseError);
          failures++;
        }
      }
      // The mutations must actually break files, or the test proves nothing.
      expect(failures).toBeGreaterThan(100);
    });

    it('succeeds or throws ParseError for every truncation of the raw bytes', () => {
      for (let n = 0; n <= data.length; n += 7) {
        try {
          parseRegFileToRegistry(data.subarray(0, n), file);
        } catch (err) {
          expect(err).toBeInstanceOf(ParseError);
        }
      }
    });
  },
);

describe('Windows-1252', () => {
  it('maps 0x80-0x9F to their typographic characters and back', () => {
    expect(decodeWindows1252(Buffer.from([0x80, 0x89, 0x9f, 0xe9, 0x41]))).toBe('€‰ŸéA');
    expect([...encodeWindows1252('€‰Ÿé')]).toEqual([0x80, 0x89, 0x9f, 0xe9]);
    expect([...encodeWindows1252('\u0081日')]).toEqual([0x81, 0x3f]);
  });
});
