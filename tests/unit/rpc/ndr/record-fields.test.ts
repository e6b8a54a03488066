/** lib/rpc/ndr/record-fields.ts: typed reads of decoded structure records, with empty defaults. */
import { recordFields } from '../../../../lib/rpc/ndr/record-fields';

describe('recordFields', () => {
  const v = recordFields({
    pName: 'HpColor',
    Level: 2,
    ft: 5n,
    list: ['a', 'b'],
    dm: Buffer.from([1]),
    t: { year: 2024, month: 1, dayOfWeek: 0, day: 2, hour: 3, minute: 4, second: 5, milliseconds: 6 },
    nul: undefined,
  });

  it('reads each kind and gives the empty value for a missing or mistyped field', () => {
    expect([v.string('pName'), v.string('nul'), v.string('Level')]).toEqual(['HpColor', '', '']);
    expect([v.optionalString('pName'), v.optionalString('nul')]).toEqual(['HpColor', undefined]);
    expect([v.number('Level'), v.number('pName'), v.optionalNumber('nul')]).toEqual([2, 0, undefined]);
    expect([v.bigint('ft'), v.bigint('Level')]).toEqual([5n, 0n]);
    expect([v.strings('list'), v.strings('pName')]).toEqual([['a', 'b'], []]);
    expect([v.bytes('dm'), v.bytes('list')]).toEqual([Buffer.from([1]), undefined]);
    expect(v.systemTime('t')?.year).toBe(2024);
    expect([v.systemTime('dm'), v.systemTime('list'), v.systemTime('nul')]).toEqual([undefined, undefined, undefined]);
  });

  it('an absent record reads as empty', () => {
    const none = recordFields(undefined);
    expect([none.string('x'), none.number('x'), none.strings('x')]).toEqual(['', 0, []]);
  });
});
