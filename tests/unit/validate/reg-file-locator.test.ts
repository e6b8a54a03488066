import path from 'node:path';
import fs from 'fs-extra';
import { createRegFileLocator } from '../../../lib/validate/reg-file-locator';

const FIXTURES = path.resolve(__dirname, '../../fixtures/validate');
const ICM = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\Contoso\\CopyFiles\\ICM';

describe('createRegFileLocator', () => {
  it('finds keys and values in a regedit 5.00 UTF-16LE export, skipping wrapped hex lines', () => {
    const file = path.join(FIXTURES, 'regedit5-utf16.reg');
    const locate = createRegFileLocator(fs.readFileSync(file), file);
    expect(locate.locate(ICM)).toEqual({ file, line: 9 });
    expect(locate.locate(ICM, 'files')).toEqual({ file, line: 11 });
    // line 12 is the continuation "  00,00"; "Module" follows on 13
    expect(locate.locate(ICM, 'Module')?.line).toBe(13);
    expect(locate.locate(ICM.replace('ICM', 'Bad'), 'Files')?.line).toBe(17);
  });

  it('matches case-insensitively, accepts HKLM, falls back to the key line for an unknown value', () => {
    const text =
      'REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\A\\B]\r\n"Say \\"hi\\""="x"\r\n@="d"\r\n[-HKEY_LOCAL_MACHINE\\A\\C]\r\n"Ignored"="y"\r\n';
    const locate = createRegFileLocator(Buffer.from(text, 'latin1'), 'x.reg');
    expect(locate.locate('HKLM\\a\\b')?.line).toBe(3);
    expect(locate.locate('HKEY_LOCAL_MACHINE\\A\\B', 'say "hi"')?.line).toBe(4);
    expect(locate.locate('HKEY_LOCAL_MACHINE\\A\\B', '')?.line).toBe(5);
    expect(locate.locate('HKEY_LOCAL_MACHINE\\A\\B', 'Other')?.line).toBe(3);
    expect(locate.locate('HKEY_LOCAL_MACHINE\\A\\C')).toBeUndefined();
  });
});
