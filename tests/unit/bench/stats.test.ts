import { median, medianRatio, percentile, round, summarize } from '../../../bench/stats';
import { formatTable } from '../../../bench/table';

describe('bench statistics', () => {
  test('nearest-rank percentiles take a value a run actually had', () => {
    const latencies = [120, 15, 30, 45, 60, 75, 90, 105, 135, 150];
    expect(percentile(latencies, 50)).toBe(75);
    expect(percentile(latencies, 99)).toBe(150);
    expect(percentile(latencies, 0)).toBe(15);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNaN();
  });

  test('the ratio is the median of per-pair ratios, skipping pairs the reference did not measure', () => {
    // Pairs ran back to back: drift between pairs cancels in each ratio.
    expect(medianRatio([100, 200, 300], [200, 200, 600])).toBe(0.5);
    expect(medianRatio([100, 200], [0, 400])).toBe(0.5);
    expect(medianRatio([], [])).toBeNaN();
  });

  test('summaries and rounding keep NaN for "no data"', () => {
    expect(summarize([4, 1, 9])).toEqual({ n: 3, min: 1, median: 4, max: 9 });
    expect(summarize([]).median).toBeNaN();
    expect(round(0.12345)).toBe(0.12);
    expect(round(2.5, 0)).toBe(3);
    expect(round(Number.NaN)).toBeNaN();
  });
});

describe('bench tables', () => {
  test('numbers right-aligned, text left-aligned, missing values as "-"', () => {
    const table = formatTable(
      'Throughput',
      ['client', 'MB/s', 'ratio'],
      [
        ['smbclient', 613.4, 0.92],
        ['pointprint client', 457, undefined],
      ],
    );
    expect(table.split('\n')).toEqual([
      'Throughput',
      'client             MB/s  ratio',
      '-----------------  ----  -----',
      'smbclient           613   0.92',
      'pointprint client   457      -',
      '',
    ]);
  });
});
