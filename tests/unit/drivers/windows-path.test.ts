import { PathEscapeError } from '../../../lib/common/errors';
import { isDosDeviceName, splitWindowsPath } from '../../../lib/drivers/windows-path';

describe('splitWindowsPath accepts what Windows would open inside the share', () => {
  test.each<[string, string[]]>([
    ['', []],
    ['x64', ['x64']],
    ['x64\\3\\UNIDRV.DLL', ['x64', '3', 'UNIDRV.DLL']],
    ['color/Hpclrlsr.icm', ['color', 'Hpclrlsr.icm']],
    ['W32X86\\3\\', ['W32X86', '3']],
    ['W32X86/3/', ['W32X86', '3']],
    ['.\\x64\\.\\3', ['x64', '3']],
    ['.', []],
    ['UNIDRV.DLL.', ['UNIDRV.DLL']],
    ['UNIDRV.DLL. . ', ['UNIDRV.DLL']],
    ['color \\file', ['color', 'file']],
    ['x64.\\3', ['x64', '3']],
    [' leading space', [' leading space']],
    ['name with spaces.gpd', ['name with spaces.gpd']],
    ['.hidden', ['.hidden']],
    ['..x', ['..x']],
    ['a..b', ['a..b']],
    ['CONSOLE.txt', ['CONSOLE.txt']],
    ['NULL', ['NULL']],
    ['COM10', ['COM10']],
    ['LPT', ['LPT']],
    ['x.CON', ['x.CON']],
    ['Café\\日本語.icm', ['Café', '日本語.icm']],
    ["a$\\b#%&()[]{}~!@^+=,;'", ['a$', "b#%&()[]{}~!@^+=,;'"]],
    ['x'.repeat(255), ['x'.repeat(255)]],
  ])('%j -> %j', (input, parts) => {
    expect(splitWindowsPath(input)).toEqual(parts);
  });
});

describe('splitWindowsPath refuses what could leave the root or name something else', () => {
  test.each<[string, RegExp]>([
    ['..', /parent directory/],
    ['..\\x64', /parent directory/],
    ['x64\\..\\..\\etc', /parent directory/],
    ['x64/../../etc/passwd', /parent directory/],
    ['x64\\3\\..', /parent directory/],
    ['.. ', /parent directory/],
    ['..\\', /parent directory/],
    ['...', /parent directory/],
    ['x\\.. .\\y', /parent directory/],
    ['. .', /only dots and spaces/],
    [' ', /only dots and spaces/],
    ['\\x64', /absolute path/],
    ['/etc/passwd', /absolute path/],
    ['\\', /absolute path/],
    ['C:\\Windows', /drive letter/],
    ['c:x64', /drive letter/],
    ['C:', /drive letter/],
    ['z:/etc', /drive letter/],
    ['\\\\server\\share', /UNC path/],
    ['//server/share/x', /UNC path/],
    ['\\\\?\\C:\\x', /device namespace/],
    ['\\\\.\\PhysicalDrive0', /device namespace/],
    ['CON', /DOS device name "CON"/],
    ['nul', /DOS device name "nul"/],
    ['NUL.txt', /DOS device name "NUL.txt"/],
    ['x64\\PRN', /DOS device name/],
    ['aux.tar.gz', /DOS device name/],
    ['COM1', /DOS device name/],
    ['com9.log', /DOS device name/],
    ['LPT1', /DOS device name/],
    ['lpt0', /DOS device name/],
    ['COM\u00b9', /DOS device name/],
    ['CONIN$', /DOS device name/],
    ['conout$.x', /DOS device name/],
    ['NUL .txt', /DOS device name/],
    ['nul.', /DOS device name/],
    ['x64\\con \\y', /DOS device name/],
    ['a\0b', /NUL character/],
    ['x64\\3\\UNIDRV.DLL\0.txt', /NUL character/],
    ['file:stream', /alternate data stream/],
    ['UNIDRV.DLL::$DATA', /alternate data stream/],
    ['x64\\3\\a:b', /alternate data stream/],
    ['x64\\\\3', /empty path component/],
    ['a//b', /empty path component/],
    ['*.dll', /character Windows does not allow/],
    ['a?.icm', /character Windows does not allow/],
    ['a<b', /character Windows does not allow/],
    ['a>b', /character Windows does not allow/],
    ['a|b', /character Windows does not allow/],
    ['a"b', /character Windows does not allow/],
    ['a\u0001b', /character Windows does not allow/],
    ['tab\there', /character Windows does not allow/],
    ['x'.repeat(256), /longer than 255/],
    ['a\\'.repeat(20000), /longer than 32767/],
  ])('%j (%s)', (input, reason) => {
    let caught: unknown;
    try {
      splitWindowsPath(input);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PathEscapeError);
    expect((caught as PathEscapeError).reason).toMatch(reason);
    expect((caught as PathEscapeError).path).toBe(input);
  });
});

describe('isDosDeviceName', () => {
  test.each([
    ['CON', true],
    ['con.txt', true],
    ['Com3 .log', true],
    ['LPT9', true],
    ['CONSOLE', false],
    ['COM', false],
    ['NULL.txt', false],
    ['x.NUL', false],
  ])('%s -> %s', (name, expected) => {
    expect(isDosDeviceName(name)).toBe(expected);
  });
});
