import { needsShortName, shortNameOf } from '../../../../../lib/smb2/server/shares/short-name';

describe('8.3 short names', () => {
  it.each([
    ['Hpclrlsr.icm', 'HPCLRLSR.ICM', true],
    ['UNIDRV.DLL', 'UNIDRV.DLL', false],
    ['x64', 'X64', true],
    ['3', '3', false],
    ['Confidential.wmk', 'CONFID~1.WMK', true],
    ['my report.final.docx', 'MYREPO~1.DOC', true],
    ['.hidden', 'HIDDEN~1', true],
    ['..', '..', false],
  ])('%j -> %j (needs one: %s)', (name, short, needs) => {
    expect(shortNameOf(name)).toBe(short);
    expect(needsShortName(name)).toBe(needs);
  });
});
