import { isCopyFilesKeyName, readCopyFilesKey } from '../../../lib/point-and-print/copy-files-key';
import type { RegValue } from '../../../lib/common/reg-value';
import { regBinary, regDword, regExpandSz, regMultiSz, regSz } from '../../../lib/common/reg-value';

const icm = (): RegValue[] => [
  regSz('Directory', 'Color'),
  regMultiSz('Files', ['hpclrlsr.icm']),
  regSz('Module', 'mscms.dll'),
];
const rules = (keyName: string, values: RegValue[]): string[] =>
  readCopyFilesKey(keyName, values).problems.map((p) => p.rule);

describe('isCopyFilesKeyName', () => {
  it.each([
    ['CopyFiles\\ICM', true],
    ['copyfiles\\icm', true],
    ['CopyFiles', false],
    ['CopyFiles\\', false],
    ['CopyFiles\\A\\B', false],
    ['PrinterDriverData', false],
    ['XCopyFiles\\ICM', false],
  ])('%s -> %s', (name, expected) => expect(isCopyFilesKeyName(name)).toBe(expected));
});

describe('readCopyFilesKey', () => {
  it('reads the ICM example', () => {
    const { key, problems } = readCopyFilesKey('CopyFiles\\ICM', icm());
    expect(problems).toEqual([]);
    expect(key).toEqual({
      keyName: 'CopyFiles\\ICM',
      component: 'ICM',
      directory: 'Color',
      files: ['hpclrlsr.icm'],
      module: 'mscms.dll',
    });
  });

  it('value names are case-insensitive and Module is optional', () => {
    const { key } = readCopyFilesKey('CopyFiles\\Vendor', [
      regSz('DIRECTORY', 'Vendor'),
      regMultiSz('files', ['a.dat']),
    ]);
    expect(key).toEqual({ keyName: 'CopyFiles\\Vendor', component: 'Vendor', directory: 'Vendor', files: ['a.dat'] });
  });

  const cases: [string, string, RegValue[], boolean][] = [
    ['CF001', 'missing Directory', [regMultiSz('Files', ['a.icm'])], false],
    ['CF002', 'Directory REG_EXPAND_SZ', [regExpandSz('Directory', '%windir%'), regMultiSz('Files', ['a.icm'])], false],
    ['CF003', 'Files entry ..\\x.dll', [regSz('Directory', 'Color'), regMultiSz('Files', ['..\\x.dll'])], false],
    [
      'CF003',
      'Files entry absolute',
      [regSz('Directory', 'Color'), regMultiSz('Files', ['C:\\Windows\\x.dll'])],
      false,
    ],
    [
      'CF003',
      'Files entry "... " (Win32 strips trailing dots and spaces)',
      [regSz('Directory', 'Color'), regMultiSz('Files', ['.. \\x.dll'])],
      false,
    ],
    ['CF004', 'Directory ..\\..', [regSz('Directory', '..\\..\\System32'), regMultiSz('Files', ['a.icm'])], false],
    ['CF004', 'Directory UNC', [regSz('Directory', '\\\\evil\\share'), regMultiSz('Files', ['a.icm'])], false],
    ['CF005', 'missing Files', [regSz('Directory', 'Color')], false],
    ['CF006', 'Files REG_SZ', [regSz('Directory', 'Color'), regSz('Files', 'a.icm')], false],
    ['CF007', 'Files empty', [regSz('Directory', 'Color'), regMultiSz('Files', [])], true],
    ['CF008', 'Files sub-path', [regSz('Directory', 'Color'), regMultiSz('Files', ['sub\\a.icm'])], false],
    ['CF008', 'Files wildcard', [regSz('Directory', 'Color'), regMultiSz('Files', ['*.icm'])], false],
    ['CF008', 'Files device name', [regSz('Directory', 'Color'), regMultiSz('Files', ['NUL.icm'])], false],
    ['CF009', 'Files duplicate', [regSz('Directory', 'Color'), regMultiSz('Files', ['a.icm', 'A.ICM'])], true],
    ['CF010', 'Module REG_DWORD', [...icm().slice(0, 2), regDword('Module', 1)], false],
    ['CF011', 'Module a path', [...icm().slice(0, 2), regSz('Module', 'C:\\evil\\evil.dll')], false],
    ['CF011', 'Module a UNC path', [...icm().slice(0, 2), regSz('Module', '\\\\host\\share\\evil.dll')], false],
    ['CF012', 'Module without .dll', [...icm().slice(0, 2), regSz('Module', 'mscms')], true],
    ['CF013', 'Module empty', [...icm().slice(0, 2), regSz('Module', '')], true],
    ['CF014', 'unknown value', [...icm(), regBinary('Extra', Buffer.from([1]))], true],
    ['CF015', 'no values', [], false],
    ['CF016', 'Directory empty', [regSz('Directory', ''), regMultiSz('Files', ['a.icm'])], false],
    ['CF016', 'Directory with a bad character', [regSz('Directory', 'Co|or'), regMultiSz('Files', ['a.icm'])], false],
    ['CF017', 'Directory too long', [regSz('Directory', 'd'.repeat(300)), regMultiSz('Files', ['a.icm'])], false],
    ['CF019', 'stored SourceDir', [...icm(), regSz('SourceDir', '\\\\evil\\x')], true],
  ];
  it.each(cases)('%s: %s', (rule, _what, values, usable) => {
    const result = readCopyFilesKey('CopyFiles\\ICM', values);
    expect(result.problems.map((p) => p.rule)).toEqual([rule]);
    expect(result.key !== undefined).toBe(usable);
  });

  it('CF018: a key nested below a component is not processed', () => {
    expect(rules('CopyFiles\\ICM\\Sub', icm())).toEqual(['CF018']);
  });

  it('a trailing separator on Directory is dropped; a lone separator is still refused', () => {
    const read = (d: string) =>
      readCopyFilesKey('CopyFiles\\ICM', [regSz('Directory', d), regMultiSz('Files', ['a.icm'])]);
    expect(read('Color\\').key?.directory).toBe('Color');
    expect(read('Vendor/x64/').key?.directory).toBe('Vendor/x64');
    expect(read('\\').problems.map((p) => p.rule)).toEqual(['CF004']);
  });

  it('duplicates are dropped from the file list', () => {
    const { key } = readCopyFilesKey('CopyFiles\\ICM', [
      regSz('Directory', 'Color'),
      regMultiSz('Files', ['a.icm', 'A.icm', 'b.icm']),
    ]);
    expect(key?.files).toEqual(['a.icm', 'b.icm']);
  });

  it('names the value a problem concerns', () => {
    const { problems } = readCopyFilesKey('CopyFiles\\ICM', [
      regSz('Directory', 'Color'),
      regMultiSz('Files', ['..\\x.dll']),
    ]);
    expect(problems[0]).toMatchObject({ rule: 'CF003', severity: 'error', valueName: 'Files' });
    expect(problems[0]?.message).toContain('"..\\x.dll" leaves its directory');
  });
});
