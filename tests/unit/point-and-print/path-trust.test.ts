import {
  relativePathProblem,
  relativeToDriversDirectory,
  relativeToPrintShare,
  sourceDirProblem,
} from '../../../lib/point-and-print/path-trust';

const DRIVERS = 'C:\\Windows\\System32\\spool\\drivers';

describe('path trust', () => {
  it.each([
    ['\\\\NTPRINT\\PRINT$\\Color', undefined],
    ['\\\\ntprint\\print$\\Color\\x64', undefined],
    ['\\\\NTPRINT\\Other', undefined],
    ['C:\\Windows', 'is not a \\\\SERVER\\share path'],
    ['\\\\NTPRINT', 'is not a \\\\SERVER\\share path'],
    ['Color', 'is not a \\\\SERVER\\share path'],
    ['\\\\EVIL\\PRINT$\\Color', 'names another server than NTPRINT'],
    ['\\\\NTPRINT\\PRINT$\\..\\x', 'climbs out of its share'],
    ['\\\\NTPRINT\\PRINT$\\Color\\.. \\..', 'climbs out of its share'],
  ])('SourceDir %j from NTPRINT: %j', (sourceDir, problem) => {
    expect(sourceDirProblem(sourceDir, 'NTPRINT')).toBe(problem);
  });

  it('a TargetDir as sent is a relative path', () => {
    expect(relativePathProblem('Color')).toBeUndefined();
    expect(relativePathProblem('Color\\x64')).toBeUndefined();
    expect(relativePathProblem('..\\..\\tmp')).toBe('contains ".."');
    expect(relativePathProblem('C:\\Windows')).toBe('names a drive');
    expect(relativePathProblem('\\\\evil\\share')).toBe('is a UNC path');
    expect(relativePathProblem('\\Windows')).toBe('is an absolute path');
  });

  it("a module's TargetDir must lie below the drivers directory (case-insensitive, trailing separators dropped)", () => {
    expect(relativeToDriversDirectory(DRIVERS, `${DRIVERS}\\Color`)).toEqual({ ok: true, relative: 'Color' });
    expect(relativeToDriversDirectory(DRIVERS, 'c:\\windows\\SYSTEM32\\spool\\drivers\\Color\\x64\\\\')).toEqual({
      ok: true,
      relative: 'Color\\x64',
    });
    expect(relativeToDriversDirectory(DRIVERS, DRIVERS)).toEqual({
      ok: false,
      path: DRIVERS,
      detail: `not below ${DRIVERS}`,
    });
    expect(relativeToDriversDirectory(DRIVERS, 'C:\\Windows\\Temp')).toMatchObject({
      ok: false,
      path: 'C:\\Windows\\Temp',
    });
    expect(relativeToDriversDirectory(DRIVERS, `${DRIVERS}\\..\\x`)).toEqual({
      ok: false,
      path: '..\\x',
      detail: 'contains ".."',
    });
  });

  it('SourceDir relative to PRINT$, for store lookups', () => {
    expect(relativeToPrintShare('\\\\NTPRINT\\print$\\Color\\x64', 'ntprint')).toEqual({
      ok: true,
      relative: 'Color\\x64',
    });
    expect(relativeToPrintShare('\\\\NTPRINT\\Other\\Color', 'NTPRINT')).toEqual({
      ok: false,
      path: '\\\\NTPRINT\\Other\\Color',
      detail: 'is not on PRINT$',
    });
    expect(relativeToPrintShare('\\\\NTPRINT\\PRINT$\\..\\x', 'NTPRINT')).toMatchObject({ ok: false, path: '..\\x' });
    expect(relativeToPrintShare('\\\\EVIL\\PRINT$\\Color', 'NTPRINT')).toMatchObject({ ok: false });
  });
});
