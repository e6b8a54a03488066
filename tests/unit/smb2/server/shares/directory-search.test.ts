import {
  DirectorySearch,
  compileSearchPattern,
  hasWildcards,
} from '../../../../../lib/smb2/server/shares/directory-search';

describe('search patterns ([MS-FSA] 2.1.4.4)', () => {
  it.each([
    ['*', 'anything.txt', true],
    ['', 'x', true],
    ['*.gpd', 'HPC4500.GPD', true],
    ['*.gpd', 'HPC4500.GPD.bak', false],
    ['UNIDRV.???', 'unidrv.dll', true],
    ['UNIDRV.???', 'unidrv.dl', false],
    ['a?c', 'abc', true],
    ['a.b', 'a.b', true],
    ['a.b', 'axb', false],
    ['<.icm', 'Hpclrlsr.icm', true],
    ['x"', 'x', true],
    ['(1)+[2]', '(1)+[2]', true],
  ])('%j matches %j: %s', (pattern, name, expected) => {
    expect(compileSearchPattern(pattern)(name)).toBe(expected);
  });

  it('knows which patterns have wildcards', () => {
    expect(hasWildcards('a*')).toBe(true);
    expect(hasWildcards('Hpclrlsr.icm')).toBe(false);
  });
});

describe('DirectorySearch', () => {
  const names = ['.', '..', 'a.txt', 'b.dll', 'c.txt'];

  it('keeps its pattern and cursor across queries until a restart', () => {
    const s = new DirectorySearch<string>();
    expect(s.needsListing).toBe(true);
    s.restart('*.txt', names);
    const first = [...s.pending((n) => n)];
    expect(first.map((e) => [e.entry, e.index])).toEqual([
      ['a.txt', 3],
      ['c.txt', 5],
    ]);
    s.consumedThrough(3);
    expect(s.hasReturned).toBe(true);
    expect([...s.pending((n) => n)].map((e) => e.entry)).toEqual(['c.txt']);
    s.consumedThrough(5);
    expect([...s.pending((n) => n)]).toEqual([]);
    s.restart('*', names);
    expect(s.hasReturned).toBe(false);
    s.seekAfterIndex(4);
    expect([...s.pending((n) => n)].map((e) => e.entry)).toEqual(['c.txt']);
  });
});
