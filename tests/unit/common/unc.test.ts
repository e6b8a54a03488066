import { parseUnc, formatUnc } from '../../../lib/common/unc';
import { ConfigError } from '../../../lib/common/errors';
import { guidFromBuffer, guidToBuffer } from '../../../lib/common/binary/guid';
import { dateToFiletime, filetimeToDate } from '../../../lib/common/binary/filetime';

describe('parseUnc', () => {
  test.each([
    ['\\\\NTPRINT\\HpColor', { server: 'NTPRINT', name: 'HpColor' }],
    ['//NTPRINT/HpColor', { server: 'NTPRINT', name: 'HpColor' }],
    ['\\\\NTPRINT', { server: 'NTPRINT' }],
    ['\\\\127.0.0.1\\print$\\color\\x.icm', { server: '127.0.0.1', name: 'print$', path: 'color\\x.icm' }],
  ])('%s', (input, expected) => {
    expect(parseUnc(input)).toEqual(expected);
  });

  test('a name the shell mangled says how to quote it', () => {
    expect(() => parseUnc('\\NTPRINTHpColor')).toThrow(ConfigError);
    expect(() => parseUnc('\\NTPRINTHpColor')).toThrow(
      /shell probably removed the backslashes[\s\S]*'\\\\NTPRINT\\HpColor'/,
    );
    expect(() => parseUnc('NTPRINTHpColor')).toThrow(/Quote the name/);
  });

  test('formatUnc joins with backslashes', () => {
    expect(formatUnc('NTPRINT', 'PRINT$', 'Color')).toBe('\\\\NTPRINT\\PRINT$\\Color');
  });
});

test('GUID mixed-endian wire form, [MS-DTYP] 2.3.4.2', () => {
  // The MS-RPRN interface UUID as it appears on the wire in a bind PDU.
  const wire = Buffer.from('785634123412cdabef000123456789ab', 'hex');
  expect(guidFromBuffer(wire)).toBe('12345678-1234-abcd-ef00-0123456789ab');
  expect(guidToBuffer('12345678-1234-ABCD-EF00-0123456789AB')).toEqual(wire);
});

test('FILETIME counts 100 ns since 1601', () => {
  expect(dateToFiletime(new Date(Date.UTC(1970, 0, 1)))).toBe(116444736000000000n);
  expect(filetimeToDate(116444736000000000n).getTime()).toBe(0);
});
