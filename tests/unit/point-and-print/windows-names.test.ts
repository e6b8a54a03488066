import {
  checkPlainFileName,
  checkRelativeWindowsPath,
  isBareDllFileName,
} from '../../../lib/point-and-print/windows-names';

describe('Windows name checks', () => {
  it.each(['Color', 'color\\sub', 'Vendor/x64', 'a b'])('relative path %s is accepted', (p) => {
    expect(checkRelativeWindowsPath(p)).toBeUndefined();
  });
  it.each([
    '..',
    '..\\x',
    'a\\..\\..\\b',
    'a/../b',
    '...',
    '.. ',
    'C:x',
    'C:\\x',
    '\\x',
    '/x',
    '\\\\srv\\s',
    '//srv/s',
  ])('%s escapes', (p) => expect(checkRelativeWindowsPath(p)?.kind).toBe('escapes'));
  it.each(['a\\\\b', '.\\a', 'ab:c', 'con', 'LPT1.txt', 'a.', 'a ', 'a\u0001'])('%s is invalid', (p) => {
    expect(checkRelativeWindowsPath(p)?.kind).toBe('invalid');
  });
  it('a file name has no separator', () => {
    expect(checkPlainFileName('a.icm')).toBeUndefined();
    expect(checkPlainFileName('x\\a.icm')?.kind).toBe('invalid');
    expect(checkPlainFileName('..\\a.icm')?.kind).toBe('escapes');
  });
  it.each([
    ['mscms.dll', true],
    ['MSCMS.DLL', true],
    ['pathshift.dll', true],
    ['', false],
    ['C:\\Windows\\System32\\mscms.dll', false],
    ['..\\mscms.dll', false],
    ['sub/mscms.dll', false],
    ['\\\\host\\share\\x.dll', false],
  ])('isBareDllFileName(%s) = %s', (v, ok) => expect(isBareDllFileName(v)).toBe(ok));
});
