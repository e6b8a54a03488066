import { regDword, regSz, type RegValue } from '../../../lib/common/reg-value';
import {
  PrinterDataWalkLimitError,
  walkPrinterData,
  type PrinterDataReader,
} from '../../../lib/client/printer-data-walk';
import type { PrinterHandle } from '../../../lib/spoolss/types';

const HANDLE: PrinterHandle = { id: 'h', grantedAccess: 0, kind: 'printer', printerName: 'HpColor', serverName: 'S' };

/** A printer's keys as a map from `\`-path to subkey names and values; calls are recorded. */
function reader(
  tree: Record<string, { keys?: string[]; values?: RegValue[] }>,
): PrinterDataReader & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    enumPrinterKey: (_h, key) => {
      calls.push(`key:${key}`);
      return Promise.resolve(tree[key]?.keys ?? []);
    },
    enumPrinterDataEx: (_h, key) => {
      calls.push(`data:${key}`);
      return Promise.resolve(tree[key]?.values ?? []);
    },
  };
}

describe('walkPrinterData', () => {
  it('reads every key from "" down, parents before children, CopyFiles\\ICM included', async () => {
    const r = reader({
      '': { keys: ['DsSpooler', 'CopyFiles'] },
      DsSpooler: { values: [regSz('printerName', 'HpColor')] },
      CopyFiles: { keys: ['ICM'] },
      'CopyFiles\\ICM': { values: [regSz('Directory', 'Color'), regSz('Module', 'mscms.dll')] },
    });
    const keys = await walkPrinterData(r, HANDLE);
    expect(keys.map((k) => [k.key, k.values.map((v) => v.name)])).toEqual([
      ['DsSpooler', ['printerName']],
      ['CopyFiles', []],
      ['CopyFiles\\ICM', ['Directory', 'Module']],
    ]);
    // EnumPrinterDataEx is never asked for "" (the printer's own values are not a key's).
    expect(r.calls).not.toContain('data:');
  });

  it('stops a source that names a key inside itself at the depth limit', async () => {
    const loop = reader({});
    loop.enumPrinterKey = () => Promise.resolve(['A']);
    const err = await walkPrinterData(loop, HANDLE, { maxDepth: 4, maxKeys: 100, maxValues: 100 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PrinterDataWalkLimitError);
    expect(err).toMatchObject({ limit: 'maxDepth', key: 'A\\A\\A\\A\\A' });
  });

  it('refuses a subkey name that is empty or a path rather than following it', async () => {
    for (const bad of ['', 'CopyFiles\\ICM']) {
      const r = reader({ '': { keys: [bad] } });
      await expect(walkPrinterData(r, HANDLE)).rejects.toMatchObject({ limit: 'maxDepth' });
    }
  });

  it('bounds the number of keys and of values', async () => {
    const wide = reader({ '': { keys: ['a', 'b', 'c'] } });
    await expect(walkPrinterData(wide, HANDLE, { maxDepth: 8, maxKeys: 2, maxValues: 10 })).rejects.toMatchObject({
      limit: 'maxKeys',
      key: 'c',
    });
    const full = reader({
      '': { keys: ['a', 'b'] },
      a: { values: [regDword('x', 1), regDword('y', 2)] },
      b: { values: [regDword('z', 3)] },
    });
    await expect(walkPrinterData(full, HANDLE, { maxDepth: 8, maxKeys: 10, maxValues: 2 })).rejects.toMatchObject({
      limit: 'maxValues',
      key: 'b',
    });
    expect(await walkPrinterData(full, HANDLE, { maxDepth: 8, maxKeys: 2, maxValues: 3 })).toHaveLength(2);
  });
});
