/**
 * Registry value bytes: a value keeps the bytes it was set with, as Windows does, when its
 * decoded form would encode differently (an empty REG_MULTI_SZ of 4 bytes, a REG_SZ without its
 * NUL, data after the terminator), through .reg and JSON exports and back.
 */
import { RegType, decodeRegData, encodeRegData, regMultiSz, type RegValue } from '../../../lib/common/reg-value';
import { exportRegFile, importRegFile } from '../../../lib/registry/reg-file';
import { Registry } from '../../../lib/registry/registry-key';
import { registryFromJson, registryToJson } from '../../../lib/registry/json-fixture';

const utf16 = (s: string): Buffer => Buffer.from(s, 'utf16le');

describe('registry value bytes', () => {
  it.each([
    ['an empty REG_MULTI_SZ as the double NUL alone', RegType.REG_MULTI_SZ, Buffer.from([0, 0])],
    [
      'an empty REG_MULTI_SZ as one empty string (smbtorture, Windows)',
      RegType.REG_MULTI_SZ,
      Buffer.from([0, 0, 0, 0]),
    ],
    ['a REG_MULTI_SZ without its final NUL', RegType.REG_MULTI_SZ, utf16('a\0b\0')],
    ['a REG_MULTI_SZ with bytes after the list', RegType.REG_MULTI_SZ, utf16('a\0\0zz')],
    ['a REG_SZ of no bytes', RegType.REG_SZ, Buffer.alloc(0)],
    ['a REG_SZ without its NUL', RegType.REG_SZ, utf16('abc')],
    ['a REG_SZ of an odd length', RegType.REG_SZ, Buffer.from([0x61, 0, 0])],
    ['a REG_EXPAND_SZ with data after the NUL', RegType.REG_EXPAND_SZ, utf16('%windir%\0x')],
    ['an empty REG_BINARY', RegType.REG_BINARY, Buffer.alloc(0)],
  ])('%s reads back byte for byte', (_what, type, bytes) => {
    expect(encodeRegData(decodeRegData(type, bytes))).toEqual(bytes);
  });

  it('keeps no bytes of its own where the decoded form gives them back', () => {
    expect(decodeRegData(RegType.REG_MULTI_SZ, utf16('a\0b\0\0'))).toEqual({
      type: RegType.REG_MULTI_SZ,
      value: ['a', 'b'],
    });
    expect(decodeRegData(RegType.REG_SZ, utf16('abc\0'))).toEqual({ type: RegType.REG_SZ, value: 'abc' });
    // The decoded form is what a reader sees either way.
    expect(decodeRegData(RegType.REG_MULTI_SZ, Buffer.alloc(4)).value).toEqual([]);
  });

  it('the persisted .reg and the JSON fixture keep the bytes, and read back the same', () => {
    const registry = new Registry();
    const key = registry.createKey('HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\P\\torturedataex');
    const set: RegValue[] = [
      { ...decodeRegData(RegType.REG_MULTI_SZ, Buffer.alloc(4)), name: 'empty list' },
      { ...decodeRegData(RegType.REG_SZ, utf16('dog')), name: 'no nul' },
      regMultiSz('plain', ['a', 'b']),
    ];
    for (const v of set) key.setValue(v);
    const reg = exportRegFile(registry);
    const text = reg.toString('utf16le');
    expect(text).toContain('"empty list"=hex(7):00,00,00,00');
    expect(text).toContain('"no nul"=hex(1):64,00,6f,00,67,00');
    const back = new Registry();
    importRegFile(back, reg, 'registry.reg');
    expect(exportRegFile(back)).toEqual(reg);
    const json = registryFromJson(JSON.parse(JSON.stringify(registryToJson(registry))) as unknown, 'registry.json');
    const bytesIn = (r: Registry, name: string): Buffer | undefined => {
      const v = r.getKey(key.path)?.getValue(name);
      return v === undefined ? undefined : encodeRegData(v);
    };
    for (const v of set) {
      expect(bytesIn(back, v.name)).toEqual(encodeRegData(v));
      expect(bytesIn(json, v.name)).toEqual(encodeRegData(v));
    }
    expect(bytesIn(back, 'empty list')).toEqual(Buffer.alloc(4));
  });
});
