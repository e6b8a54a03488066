import { ConfigError } from '../../../lib/common/errors';
import { registryFromJson, registryToJson } from '../../../lib/registry/json-fixture';
import { exportRegFile, parseRegFileToRegistry } from '../../../lib/registry/reg-file';
import { RegType } from '../../../lib/common/reg-value';
import { dumpRegistry } from '../../helpers/registry-dump';

const doc = {
  format: 'pointprint-registry/1',
  keys: {
    'HKLM\\SYSTEM\\Print\\Printers\\HpColor': {
      '': 'default',
      Name: 'HpColor',
      Files: ['a.icm', 'b.icm'],
      Attributes: 0x248,
      Path: { expand_sz: '%SystemRoot%\\x' },
      Size: { qword: '0x1122334455667788' },
      Small: { qword: 5 },
      Blob: { binary: '01 02,ff' },
      Raw: { type: 'REG_NONE', hex: '' },
      Numbered: { type: 0x100, hex: 'dead' },
      AsSz: { type: 1, hex: '4100420000 00' },
      ExplicitSz: { sz: 'x' },
      ExplicitMulti: { multi_sz: [] },
      ExplicitDword: { dword: 0 },
    },
    'HKEY_LOCAL_MACHINE\\SYSTEM\\Print\\Empty': {},
  },
};

describe('registryFromJson', () => {
  const registry = registryFromJson(doc, 'registry.json');
  const key = registry.getKey('HKEY_LOCAL_MACHINE\\SYSTEM\\Print\\Printers\\HpColor')!;

  it('maps each JSON form to its REG_* type', () => {
    expect(key.getValue('')?.value).toBe('default');
    expect(key.getValue('Name')).toEqual({ name: 'Name', type: RegType.REG_SZ, value: 'HpColor' });
    expect(key.getValue('Files')).toEqual({ name: 'Files', type: RegType.REG_MULTI_SZ, value: ['a.icm', 'b.icm'] });
    expect(key.getValue('Attributes')).toEqual({ name: 'Attributes', type: RegType.REG_DWORD, value: 0x248 });
    expect(key.getValue('Path')).toEqual({ name: 'Path', type: RegType.REG_EXPAND_SZ, value: '%SystemRoot%\\x' });
    expect(key.getValue('Size')?.value).toBe(0x1122334455667788n);
    expect(key.getValue('Small')).toEqual({ name: 'Small', type: RegType.REG_QWORD, value: 5n });
    expect(key.getValue('Blob')).toEqual({ name: 'Blob', type: RegType.REG_BINARY, value: Buffer.from([1, 2, 255]) });
    expect(key.getValue('Raw')).toEqual({ name: 'Raw', type: RegType.REG_NONE, value: Buffer.alloc(0) });
    expect(key.getValue('Numbered')).toEqual({ name: 'Numbered', type: 0x100, value: Buffer.from('dead', 'hex') });
    expect(key.getValue('AsSz')).toEqual({ name: 'AsSz', type: RegType.REG_SZ, value: 'AB' });
    expect(key.getValue('ExplicitSz')?.type).toBe(RegType.REG_SZ);
    expect(key.getValue('ExplicitMulti')?.value).toEqual([]);
    expect(key.getValue('ExplicitDword')?.type).toBe(RegType.REG_DWORD);
    expect(registry.getKey('HKLM\\SYSTEM\\Print\\Empty')?.valueList()).toEqual([]);
  });

  it('converts to the same model as the .reg form, both ways', () => {
    const viaReg = parseRegFileToRegistry(exportRegFile(registry), 'x.reg');
    expect(dumpRegistry(viaReg)).toEqual(dumpRegistry(registry));
    const viaJson = registryFromJson(JSON.parse(JSON.stringify(registryToJson(viaReg))), 'y.json');
    expect(dumpRegistry(viaJson)).toEqual(dumpRegistry(registry));
  });

  it('registryToJson lists only keys with values or leaves', () => {
    const json = registryToJson(registry);
    expect(Object.keys(json.keys)).toEqual([
      'HKEY_LOCAL_MACHINE\\SYSTEM\\Print\\Printers\\HpColor',
      'HKEY_LOCAL_MACHINE\\SYSTEM\\Print\\Empty',
    ]);
    expect(json.keys['HKEY_LOCAL_MACHINE\\SYSTEM\\Print\\Printers\\HpColor']?.Size).toEqual({
      qword: '0x1122334455667788',
    });
    expect(json.keys['HKEY_LOCAL_MACHINE\\SYSTEM\\Print\\Printers\\HpColor']?.Numbered).toEqual({
      type: 0x100,
      hex: 'dead',
    });
  });
});

describe('registryFromJson refuses bad input with the path of the problem', () => {
  const k = 'HKLM\\S';
  test.each<[string, unknown, RegExp]>([
    ['not an object', [], /^f\.json: \(document\): expected a JSON object/],
    ['unknown member', { keys: {}, extra: 1 }, /extra: unknown member/],
    ['wrong format', { format: 'v2', keys: {} }, /format: expected "pointprint-registry\/1"/],
    ['keys missing', {}, /keys: expected an object/],
    ['values not an object', { keys: { [k]: 5 } }, /keys\["HKLM\\\\S"\]: expected an object of values/],
    ['empty path component', { keys: { 'HKLM\\\\S': {} } }, /empty key name or empty path component/],
    ['same key twice', { keys: { 'HKLM\\S': {}, 'hkey_local_machine\\s': {} } }, /the same key as "HKLM\\\\S"/],
    ['same value twice', { keys: { [k]: { a: 1, A: 2 } } }, /\["A"\]: value listed twice/],
    ['negative dword', { keys: { [k]: { a: -1 } } }, /\["a"\]: dword must be an integer from 0 to 4294967295, got -1/],
    ['fractional dword', { keys: { [k]: { a: { dword: 1.5 } } } }, /dword must be an integer/],
    ['dword too big', { keys: { [k]: { a: 2 ** 32 } } }, /dword must be an integer/],
    ['bad qword', { keys: { [k]: { a: { qword: '-1' } } } }, /qword must be/],
    ['qword too big', { keys: { [k]: { a: { qword: '18446744073709551616' } } } }, /qword must be/],
    ['bad hex', { keys: { [k]: { a: { binary: 'abc' } } } }, /bad hex data "abc"/],
    ['unknown form', { keys: { [k]: { a: { word: 1 } } } }, /unknown value form \{word\}/],
    ['unknown type name', { keys: { [k]: { a: { type: 'REG_WHAT', hex: '' } } } }, /type must be a REG_\* name/],
    ['short dword bytes', { keys: { [k]: { a: { type: 4, hex: '0102' } } } }, /REG_DWORD needs 4 bytes/],
    ['non-string in list', { keys: { [k]: { a: ['x', 1] } } }, /item 1 of the string list is not a string/],
    ['empty string in list', { keys: { [k]: { a: ['x', ''] } } }, /item 1 of the string list is empty/],
    ['null value', { keys: { [k]: { a: null } } }, /expected a string, an integer/],
    ['key name too long', { keys: { [`HKLM\\${'x'.repeat(256)}`]: {} } }, /longer than 255 characters/],
  ])('%s', (_label, input, message) => {
    let caught: unknown;
    try {
      registryFromJson(input, 'f.json');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message.startsWith('f.json: ')).toBe(true);
  });
});
