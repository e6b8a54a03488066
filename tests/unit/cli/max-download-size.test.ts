/** `addprinterconnection --max-download-size`: bytes, or K, M, G (binary). */
import { parseByteSize } from '../../../lib/cli/commands/add-printer-connection';

describe('--max-download-size', () => {
  it.each([
    ['1048576', 1048576],
    ['512K', 512 * 1024],
    ['200M', 200 * 1024 ** 2],
    ['2G', 2 * 1024 ** 3],
    ['3gib', 3 * 1024 ** 3],
  ])('%s is %d bytes', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(['', '0', '-1', '1T', 'big'])('%j is refused', (text) => {
    expect(() => parseByteSize(text)).toThrow(/expected a/);
  });
});
