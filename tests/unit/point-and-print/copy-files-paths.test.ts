import { RegType, regDword, regMultiSz, regSz } from '../../../lib/common/reg-value';
import {
  belowDriversDirectory,
  clientDriversDirectory,
  isSyntheticPathValue,
  sentCopyFilesPaths,
  windowsServerPaths,
  withoutSyntheticPaths,
} from '../../../lib/point-and-print/copy-files-paths';

describe('SourceDir and TargetDir values', () => {
  it('recognises the synthetic values case-insensitively', () => {
    expect(['SourceDir', 'targetdir', 'SOURCEDIR'].map(isSyntheticPathValue)).toEqual([true, true, true]);
    expect(['Source', 'Directory', 'SourceDir2', ''].map(isSyntheticPathValue)).toEqual([false, false, false, false]);
  });

  it("keeps a key's own values, in order, without stored SourceDir/TargetDir", () => {
    const values = [
      regSz('Directory', 'Color'),
      regSz('sourcedir', '\\\\ELSEWHERE\\x'),
      regMultiSz('Files', ['a.icm']),
      regSz('TargetDir', '..'),
    ];
    expect(withoutSyntheticPaths(values).map((v) => v.name)).toEqual(['Directory', 'Files']);
  });

  it('reads what the server sent; a value that is not a string counts as absent', () => {
    expect(sentCopyFilesPaths([regSz('SourceDir', '\\\\S\\PRINT$\\Color'), regSz('TARGETDIR', 'Color')])).toEqual({
      sourceDir: '\\\\S\\PRINT$\\Color',
      targetDir: 'Color',
    });
    expect(sentCopyFilesPaths([regSz('Directory', 'Color')])).toEqual({});
    expect(sentCopyFilesPaths([regSz('SourceDir', 'x'), regDword('TargetDir', 1)])).toEqual({ sourceDir: 'x' });
    expect(sentCopyFilesPaths([{ name: 'TargetDir', type: RegType.REG_MULTI_SZ, value: ['a'] }])).toEqual({});
  });

  it("derives a Windows server's paths from the name the client used", () => {
    expect(windowsServerPaths('NTPRINT', 'Color')).toEqual({
      sourceDir: '\\\\NTPRINT\\PRINT$\\Color',
      targetDir: 'Color',
    });
    expect(windowsServerPaths('10.0.0.5', 'A\\B')).toEqual({
      sourceDir: '\\\\10.0.0.5\\PRINT$\\A\\B',
      targetDir: 'A\\B',
    });
  });

  it("builds the client's drivers directory and a target below it", () => {
    expect(clientDriversDirectory()).toBe('C:\\Windows\\System32\\spool\\drivers');
    expect(clientDriversDirectory('D:\\WinNT')).toBe('D:\\WinNT\\System32\\spool\\drivers');
    expect(belowDriversDirectory(clientDriversDirectory(), 'Color')).toBe(
      'C:\\Windows\\System32\\spool\\drivers\\Color',
    );
  });
});
