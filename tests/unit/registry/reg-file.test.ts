import * as fs from 'node:fs';
import * as path from 'node:path';
import { ParseError } from '../../../lib/common/errors';
import { exportRegFile, importRegFile, parseRegFileToRegistry } from '../../../lib/registry/reg-file';
import { Registry } from '../../../lib/registry/registry-key';
import { RegType, regDword, regMultiSz, regSz } from '../../../lib/common/reg-value';
import { dumpRegistry } from '../../helpers/registry-dump';

const FIXTURES = path.join(__dirname, '../../fixtures/registry');
const load = (name: string): Buffer => fs.readFileSync(path.join(FIXTURES, name));
const BRANCH = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\PointPrint Test';

describe('regedit 5.00 (UTF-16LE, BOM, CRLF)', () => {
  const data = load('print-server.regedit5.reg');
  const registry = parseRegFileToRegistry(data, 'print-server.regedit5.reg');
  const key = registry.getKey(BRANCH)!;

  it('reads the default value (@) and quoted strings with escapes', () => {
    expect(key.getValue('')).toEqual({ name: '', type: RegType.REG_SZ, value: 'Default value of the branch' });
    expect(key.getValue('quoted')?.value).toBe('He said "hi"');
    expect(key.getValue('Path')?.value).toBe('C:\\Windows\\System32\\spool\\drivers');
    expect(key.getValue('Unicode')?.value).toBe('Café – 日本語 €');
    expect(key.getValue('Empty')).toEqual({ name: 'Empty', type: RegType.REG_SZ, value: '' });
  });

  it('reads dword:, hex:, hex(2), hex(7), hex(b), hex(0), hex(5) and an unknown type', () => {
    expect(key.getValue('Attributes')).toEqual({ name: 'Attributes', type: RegType.REG_DWORD, value: 0x248 });
    expect(key.getValue('Max')?.value).toBe(0xffffffff);
    expect(key.getValue('Blob')).toEqual({
      name: 'Blob',
      type: RegType.REG_BINARY,
      value: Buffer.from([...Array(40).keys()]),
    });
    expect(key.getValue('EmptyBlob')?.value).toEqual(Buffer.alloc(0));
    expect(key.getValue('Expand')).toEqual({
      name: 'Expand',
      type: RegType.REG_EXPAND_SZ,
      value: '%SystemRoot%\\System32\\spool',
    });
    expect(key.getValue('Dependent Files')).toEqual({
      name: 'Dependent Files',
      type: RegType.REG_MULTI_SZ,
      value: ['UNIDRV.DLL', 'UNIDRVUI.DLL', 'Café.GPD'],
    });
    expect(key.getValue('EmptyMulti')?.value).toEqual([]);
    expect(key.getValue('Big')).toEqual({ name: 'Big', type: RegType.REG_QWORD, value: 0x1122334455667788n });
    expect(key.getValue('Nothing')).toEqual({ name: 'Nothing', type: RegType.REG_NONE, value: Buffer.alloc(0) });
    expect(key.getValue('Odd type')).toEqual({ name: 'Odd type', type: 0x100, value: Buffer.from([0xde, 0xad]) });
    expect(key.getValue('BigEndian')).toEqual({
      name: 'BigEndian',
      type: RegType.REG_DWORD_BIG_ENDIAN,
      value: Buffer.from([0, 0, 1, 0]),
    });
    expect(key.getValue('Line"Break')).toEqual({ name: 'Line"Break', type: RegType.REG_SZ, value: 'first\r\nsecond' });
  });

  it('creates subkeys, including empty ones, with their case preserved', () => {
    expect(key.subkeyNames()).toEqual(['CopyFiles', 'Empty Key']);
    const icm = registry.getKey(`${BRANCH}\\copyfiles\\icm`)!;
    expect(icm.path).toBe(`${BRANCH}\\CopyFiles\\ICM`);
    expect(icm.getValue('Files')?.value).toEqual(['Hpclrlsr.icm']);
    expect(icm.getValue('Module')?.value).toBe('mscms.dll');
  });

  it('exports the branch back byte for byte', () => {
    expect(exportRegFile(registry, { keyPath: BRANCH }).equals(data)).toBe(true);
  });

  it('export(import(x)) keeps every key and value, whole registry', () => {
    const again = parseRegFileToRegistry(exportRegFile(registry), 'again.reg');
    expect(dumpRegistry(again)).toEqual(dumpRegistry(registry));
  });

  it('writes a UTF-16LE BOM, the 5.00 header and CRLF lines', () => {
    const out = exportRegFile(registry);
    expect([...out.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const text = out.subarray(2).toString('utf16le');
    expect(text.startsWith('Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE]\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text.endsWith('\r\n\r\n')).toBe(true);
  });
});

describe('REGEDIT4 (ANSI)', () => {
  const data = load('print-server.regedit4.reg');
  const registry = parseRegFileToRegistry(data, 'print-server.regedit4.reg');
  const key = registry.getKey(BRANCH)!;

  it('decodes Windows-1252 text and one-byte characters inside hex(2) and hex(7)', () => {
    expect(key.getValue('')?.value).toBe('Défaut');
    expect(key.getValue('Name')?.value).toBe('Café €5 "quoted" C:\\temp');
    expect(key.getValue('Expand')).toEqual({
      name: 'Expand',
      type: RegType.REG_EXPAND_SZ,
      value: '%SystemRoot%\\Fonts',
    });
    expect(key.getValue('Files')?.value).toEqual(['Hpclrlsr.icm', 'Résumé.icm']);
    expect(key.getValue('Big')?.value).toBe(1n);
    expect(key.getValue('Attributes')?.value).toBe(10);
    expect(registry.getKey(`${BRANCH}\\Sub`)?.getValue('x')?.value).toBe('y');
  });

  it('exports the branch back byte for byte as REGEDIT4', () => {
    expect(exportRegFile(registry, { keyPath: BRANCH, format: 'regedit4' }).equals(data)).toBe(true);
  });

  it('converts between the two formats without losing anything representable in ANSI', () => {
    const viaUnicode = parseRegFileToRegistry(exportRegFile(registry, { format: 'regedit5' }), 'x.reg');
    expect(dumpRegistry(viaUnicode)).toEqual(dumpRegistry(registry));
    const back = parseRegFileToRegistry(exportRegFile(viaUnicode, { format: 'regedit4' }), 'y.reg');
    expect(dumpRegistry(back)).toEqual(dumpRegistry(registry));
  });

  it('writes characters outside the code page as "?" like regedit', () => {
    const r = new Registry();
    r.createKey('HKLM\\SOFTWARE\\A').setValue(regSz('v', '日本'));
    const text = exportRegFile(r, { format: 'regedit4' }).toString('latin1');
    expect(text).toContain('"v"="??"');
    expect(text.startsWith('REGEDIT4\r\n\r\n')).toBe(true);
  });
});

describe('syntax regedit accepts', () => {
  const registry = parseRegFileToRegistry(load('features.regedit5.reg'), 'features.regedit5.reg');
  const key = registry.getKey('HKEY_LOCAL_MACHINE\\SOFTWARE\\Features')!;

  it('skips comments and blank lines, accepts spaces around "=" and HKLM', () => {
    expect(key.getValue('Keep')?.value).toBe('kept');
    expect(key.getValue('Spaced')?.value).toBe('around equals');
  });

  it('reads short and upper-case hex, continuations with comment lines between, a trailing comma', () => {
    expect(key.getValue('Short dword')?.value).toBe(10);
    expect(key.getValue('Upper hex')?.value).toEqual(Buffer.from('deadbeef', 'hex'));
    expect(key.getValue('Continued')?.value).toEqual(Buffer.from([1, 2, 3, 4, 5]));
    expect(key.getValue('Trailing comma')?.value).toEqual(Buffer.from([10, 11]));
  });

  it('"" names the default value; "value"=- deletes; [-key] deletes a subtree', () => {
    expect(key.getValue('')?.value).toBe('default via empty quotes');
    expect(key.getValue('Empty name is default')?.value).toBe('not really: named with two quotes');
    expect(key.getValue('Drop')).toBeUndefined();
    expect(registry.getKey('HKLM\\SOFTWARE\\Features\\Gone')).toBeUndefined();
    expect(registry.getKey('HKLM\\SOFTWARE\\Features\\Never existed')).toBeUndefined();
  });

  it('compares key and value names case-insensitively and keeps the first spelling', () => {
    const k = registry.getKey('HKLM\\SOFTWARE\\Features\\Case')!;
    expect(k.path).toBe('HKEY_LOCAL_MACHINE\\SOFTWARE\\Features\\Case');
    expect(k.valueList()).toEqual([{ name: 'Mixed', type: RegType.REG_SZ, value: 'second value, first name kept' }]);
  });

  it('takes the last "]" as the end of a key name', () => {
    expect(registry.getKey('HKLM\\SOFTWARE\\Features\\Key]With]Brackets')?.getValue('in')?.value).toBe('brackets');
  });

  it('importRegFile applies deletions to an existing registry', () => {
    const r = new Registry();
    r.createKey('HKLM\\SOFTWARE\\Features\\Gone\\Deep').setValue(regDword('d', 1));
    r.createKey('HKLM\\SOFTWARE\\Features').setValue(regSz('Drop', 'old'));
    r.createKey('HKLM\\SOFTWARE\\Other').setValue(regMultiSz('m', ['a']));
    importRegFile(r, load('features.regedit5.reg'), 'features.regedit5.reg');
    expect(r.getKey('HKLM\\SOFTWARE\\Features\\Gone')).toBeUndefined();
    expect(r.getKey('HKLM\\SOFTWARE\\Features')?.getValue('Drop')).toBeUndefined();
    expect(r.getKey('HKLM\\SOFTWARE\\Other')?.getValue('m')?.value).toEqual(['a']);
  });

  it('accepts UTF-8 with a BOM, UTF-16LE without a BOM, and LF line ends', () => {
    const text = 'Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\Ü]\n"ä"="ö"\n';
    for (const data of [
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
      Buffer.from(text, 'utf16le'),
    ]) {
      expect(parseRegFileToRegistry(data, 'x.reg').getKey('HKCU\\Ü')?.getValue('ä')?.value).toBe('ö');
    }
  });
});

describe('export details', () => {
  it('wraps hex data as regedit does: 80 columns, two-space continuation', () => {
    const r = new Registry();
    r.createKey('HKLM\\S').setValue({
      name: 'Default DevMode',
      type: RegType.REG_BINARY,
      value: Buffer.alloc(60, 0xab),
    });
    const text = exportRegFile(r, { keyPath: 'HKLM\\S' }).subarray(2).toString('utf16le');
    const lines = text.split('\r\n');
    // "Default DevMode"=hex: is 22 characters, then 19 bytes; continuation lines hold 25 bytes.
    expect(lines[3]).toBe(`"Default DevMode"=hex:${'ab,'.repeat(19)}\\`);
    expect(lines[4]).toBe(`  ${'ab,'.repeat(25)}\\`);
    expect(lines[5]).toBe(`  ${'ab,'.repeat(15)}ab`);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
  });

  it('writes the default value first and refuses an unknown branch', () => {
    const r = new Registry();
    const k = r.createKey('HKLM\\S');
    k.setValue(regSz('z', '1'));
    k.setValue(regSz('', 'default'));
    const text = exportRegFile(r, { keyPath: 'hklm\\s' }).subarray(2).toString('utf16le');
    expect(text).toBe(
      'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\S]\r\n@="default"\r\n"z"="1"\r\n\r\n',
    );
    expect(() => exportRegFile(r, { keyPath: 'HKLM\\Nope' })).toThrow(/no key/);
  });
});

describe('malformed files: the error names the file, the line and the problem', () => {
  test.each([
    ['no-header.reg', 1, /expected "Windows Registry Editor Version 5.00" or "REGEDIT4"/],
    ['unknown-root.reg', 3, /unknown root key "HKEY_NOWHERE"/],
    ['unclosed-key.reg', 3, /must end with "\]"/],
    ['value-before-key.reg', 3, /before any \[key\]/],
    ['missing-equals.reg', 4, /expected "=" after the value name "a"/],
    ['unterminated-string.reg', 4, /unterminated string/],
    ['bad-escape.reg', 4, /unknown escape "\\t"/],
    ['bad-hex-byte.reg', 5, /bad byte "zz"/],
    ['dword-too-long.reg', 4, /dword: needs 1 to 8 hexadecimal digits/],
    ['continuation-at-eof.reg', 4, /past the end of the file/],
    ['garbage-line.reg', 5, /unrecognised line "this is not a value"/],
    ['short-dword.reg', 4, /REG_DWORD needs 4 bytes, got 3/],
    ['text-after-string.reg', 4, /unexpected text after the value/],
    ['value-in-deleted-key.reg', 4, /inside a deleted key \(the \[-key\] line 3\)/],
    ['bad-type.reg', 4, /bad type number in hex\(zz\)/],
    ['ansi-regedit4-error.reg', 4, /dword: needs/],
    ['empty-component.reg', 3, /empty component/],
  ])('%s -> line %d', (file, line, problem) => {
    let caught: unknown;
    try {
      parseRegFileToRegistry(load(`malformed/${file}`), `malformed/${file}`);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ParseError);
    const err = caught as ParseError;
    expect(err.file).toBe(`malformed/${file}`);
    expect(err.line).toBe(line);
    expect(err.problem).toMatch(problem);
    expect(err.message).toBe(`malformed/${file}:${line}: ${err.problem}`);
    expect(err.code).toBe('ERR_PARSE');
  });

  it('an empty file', () => {
    expect(() => parseRegFileToRegistry(Buffer.alloc(0), 'empty.reg')).toThrow(/^empty\.reg:1: expected/);
  });
});
