import { DEFAULT_INF_LIMITS, InfError, parseInf, unquote } from '../../../lib/drivers/inf-parser';

const SAMPLE = [
  '; a comment line',
  '[Version]',
  'Signature="$Windows NT$"   ; trailing comment',
  'Provider=%Provider%',
  'DriverVer=11/01/2025,1.3.0.0',
  '',
  '[Manufacturer]',
  '%HP% = HP, NTamd64, NTamd64.6.0',
  '',
  '[HP.NTamd64]',
  '"%ModelName%" = HPCPKG, hwid_one, "hw,id;two"',
  '',
  '[HPCPKG]',
  'CopyFiles=@HPCPKG.GPD,\\',
  '   HPCPKG_COLOR',
  'CoreDriverSections="{D20EA372-DD35-4950-9ED8-A6335AFE79F0},UNIDRV.OEM,UNIDRV_DATA"',
  '',
  '[hpcpkg]',
  'DataFile=HPCPKG.GPD',
  '',
  '[HPCPKG_COLOR]',
  'Hpclrlsr.icm',
  'renamed.icm, source.icm',
  '',
  '[Strings]',
  'Provider="pointprint ""sample"" drivers"',
  'HP="HP"',
  'ModelName="HP Color LaserJet 4500 PCL Package"',
  'Percent="100%%"',
].join('\r\n');

describe('parseInf', () => {
  const inf = parseInf(Buffer.from(SAMPLE, 'latin1'), 'hpcpkg.inf');

  it('reads sections, keys and values, with comments and quoting', () => {
    expect(inf.value('Version', 'Signature')).toBe('$Windows NT$');
    expect(inf.value('version', 'PROVIDER')).toBe('pointprint "sample" drivers');
    expect(inf.entries('Manufacturer', 'HP')[0]?.values).toEqual(['HP', 'NTamd64', 'NTamd64.6.0']);
  });

  it('replaces %tokens% from [Strings] in keys and values, once', () => {
    const model = inf.section('HP.NTamd64')?.entries[0];
    expect(model?.key).toBe('HP Color LaserJet 4500 PCL Package');
    expect(model?.values).toEqual(['HPCPKG', 'hwid_one', 'hw,id;two']);
  });

  it('joins continued lines and merges sections of the same name', () => {
    expect(inf.entries('HPCPKG', 'CopyFiles')[0]?.values).toEqual(['@HPCPKG.GPD', 'HPCPKG_COLOR']);
    expect(inf.value('HPCPKG', 'DataFile')).toBe('HPCPKG.GPD');
    expect(inf.entries('HPCPKG', 'CoreDriverSections')[0]?.values).toEqual([
      '{D20EA372-DD35-4950-9ED8-A6335AFE79F0},UNIDRV.OEM,UNIDRV_DATA',
    ]);
  });

  it('keeps lines without a key as values, with their line numbers', () => {
    const list = inf.section('HPCPKG_COLOR')!.entries;
    expect(list.map((e) => [e.key, e.values, e.line])).toEqual([
      [undefined, ['Hpclrlsr.icm'], 22],
      [undefined, ['renamed.icm', 'source.icm'], 23],
    ]);
  });

  it('reads UTF-16LE and UTF-8 files by their BOM', () => {
    const text = '[Version]\r\nProvider="Café"\r\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    expect(parseInf(utf16, 'a.inf').value('Version', 'Provider')).toBe('Café');
    expect(parseInf(utf8, 'a.inf').value('Version', 'Provider')).toBe('Café');
  });

  it('leaves an unknown token as written and turns %% into %', () => {
    const t = parseInf('[A]\r\nx=%Nope% and %Percent%\r\n[Strings]\r\nPercent="50%%"\r\n', 'a.inf');
    expect(t.value('A', 'x')).toBe('%Nope% and 50%');
  });

  it.each([
    ['an entry before any section', 'x=1', /before any \[section\]/],
    ['an unclosed section header', '[Version', /closing/],
    ['an empty section name', '[ ]', /no name/],
  ])('refuses %s with the file and line', (_what, text, reason) => {
    const err = (() => {
      try {
        parseInf(`\r\n${text}`, 'bad.inf');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(InfError);
    expect((err as InfError).line).toBe(2);
    expect((err as InfError).message).toMatch(reason);
  });

  it('bounds the file size, a logical line and the fields per line', () => {
    expect(() => parseInf(Buffer.alloc(100), 'big.inf', { ...DEFAULT_INF_LIMITS, maxBytes: 10 })).toThrow(InfError);
    const endless = `[A]\r\n${'x\\\r\n'.repeat(20_000)}`;
    expect(() => parseInf(endless, 'long.inf')).toThrow(/longer than/);
    expect(() => parseInf(`[A]\r\nx=${','.repeat(2000)}`, 'wide.inf')).toThrow(/fields/);
    expect(() =>
      parseInf(Array.from({ length: 20 }, (_, i) => `[S${i}]`).join('\n'), 'many.inf', {
        ...DEFAULT_INF_LIMITS,
        maxSections: 10,
      }),
    ).toThrow(/sections/);
  });

  it('unquotes as Windows does', () => {
    expect(unquote('"a,b"')).toBe('a,b');
    expect(unquote('"say ""hi"""')).toBe('say "hi"');
    expect(unquote('plain')).toBe('plain');
  });
});
