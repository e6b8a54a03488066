import { parseFdLimit } from '../../../bench/fd-limit';
import { defaultGuardLimits, guardProblem, parseLoadavgTasks, parseMeminfo } from '../../../bench/host-guard';
import { defaultWorkers, FULL_FLOWS, parseArgs, QUICK_FLOWS, UsageError } from '../../../bench/options';
import { splitFlows } from '../../../bench/storm';
import { THROUGHPUT_CONFIGS, selectThroughputConfigs } from '../../../bench/throughput-configs';
import { parseNetstat } from '../../../bench/tcp-stats';

describe('bench options', () => {
  test('a full run by default: every benchmark, storms up to 10,000, results under bench/results', () => {
    expect(parseArgs([], '/repo', 2)).toEqual({
      kind: 'full',
      only: ['throughput', 'storm', 'rpc', 'pool', 'limits'],
      profile: false,
      json: '/repo/bench/results/latest.json',
      compare: false,
      history: '/repo/bench/results/history.jsonl',
      flows: FULL_FLOWS,
      workers: 4,
      rows: [],
    });
    expect(FULL_FLOWS).toEqual([10, 100, 1000, 5000, 10000]);
  });

  test('--quick is the small run; the other options say what and where', () => {
    const o = parseArgs(
      ['--quick', '--only', 'storm', '--only', 'pool', '--only', 'storm', '--compare', '--flows', '20,40'],
      '/repo',
    );
    expect(o).toMatchObject({ kind: 'quick', only: ['storm', 'pool'], compare: true, flows: [20, 40] });
    expect(parseArgs(['--quick'], '/repo').flows).toEqual(QUICK_FLOWS);
    expect(parseArgs(['--history', '/tmp/h.jsonl', '--json', '/tmp/r.json'], '/repo')).toMatchObject({
      history: '/tmp/h.jsonl',
      json: '/tmp/r.json',
    });
    expect(parseArgs(['--workers', '3', '--backlog', '4096', '--profile'], '/repo')).toMatchObject({
      workers: 3,
      backlog: 4096,
      profile: true,
    });
  });

  test('--rows chooses throughput configurations by name', () => {
    const o = parseArgs(['--rows', 'gcm', '--rows', '3.1.1 unsigned'], '/repo');
    expect(o.rows).toEqual(['gcm', '3.1.1 unsigned']);
    expect(selectThroughputConfigs(o.rows).map((c) => c.name)).toEqual([
      'SMB 3.1.1 unsigned',
      'SMB 3.1.1 AES-128-GCM',
      'SMB 3.1.1 AES-256-GCM',
    ]);
    expect(selectThroughputConfigs([])).toBe(THROUGHPUT_CONFIGS);
    expect(selectThroughputConfigs(['nothing'])).toEqual([]);
  });

  test('--pairs sets the pairs of every throughput row', () => {
    expect(parseArgs(['--pairs', '11'], '/repo').pairs).toBe(11);
    expect(parseArgs([], '/repo').pairs).toBeUndefined();
  });

  test('bad arguments are usage errors', () => {
    for (const argv of [
      ['--only', 'speed'],
      ['--flows', '10,x'],
      ['--flows', '0'],
      ['--workers'],
      ['--fast'],
      ['--rows'],
      ['--pairs', '0'],
      ['--pairs', '2.5'],
    ])
      expect(() => parseArgs(argv, '/repo')).toThrow(UsageError);
  });

  test('two client processes per core, between 2 and 8', () => {
    expect([1, 2, 3, 16].map(defaultWorkers)).toEqual([2, 4, 6, 8]);
  });

  test('flows are split over the client processes as evenly as they go', () => {
    expect(splitFlows(10000, 4)).toEqual([2500, 2500, 2500, 2500]);
    expect(splitFlows(10, 4)).toEqual([3, 3, 2, 2]);
    expect(splitFlows(3, 4)).toEqual([1, 1, 1]);
  });
});

describe('bench host limits', () => {
  test('the open-file limit is read from /proc/PID/limits', () => {
    const limits = [
      'Limit                     Soft Limit           Hard Limit           Units     ',
      'Max processes             95367                95367                processes ',
      'Max open files            20000                20000                files     ',
    ].join('\n');
    expect(parseFdLimit(limits)).toEqual({ soft: 20000, hard: 20000 });
    expect(parseFdLimit('Max open files  1024  unlimited  files')).toEqual({ soft: 1024, hard: Infinity });
    expect(() => parseFdLimit('Max processes 1 1')).toThrow(/Max open files/);
  });

  test('the guard trips when memory or pids run short, not before', () => {
    const meminfo = 'MemTotal:       24641536 kB\nMemFree:  1000 kB\nMemAvailable:   20000000 kB\n';
    expect(parseMeminfo(meminfo)).toEqual({ total: 24641536 * 1024, available: 20000000 * 1024 });
    expect(parseLoadavgTasks('14.37 14.32 12.14 9/1234 56789\n')).toBe(1234);
    const snapshot = { memTotalBytes: 20 * 2 ** 30, memAvailableBytes: 10 * 2 ** 30, tasks: 1000, pidMax: 32768 };
    const limits = defaultGuardLimits(snapshot);
    expect(limits).toEqual({ minAvailableBytes: 4 * 2 ** 30, minFreePids: 4096 });
    expect(guardProblem(snapshot, limits)).toBeUndefined();
    expect(guardProblem({ ...snapshot, memAvailableBytes: 3 * 2 ** 30 }, limits)).toBe(
      'MemAvailable fell to 3.0 GiB (floor 4.0 GiB)',
    );
    expect(guardProblem({ ...snapshot, tasks: 29000 }, limits)).toBe(
      '29000 tasks of pid_max 32768 (at least 4096 kept free)',
    );
  });

  test('the listen-queue counters come from the TcpExt lines of /proc/net/netstat', () => {
    const netstat = [
      'TcpExt: SyncookiesSent SyncookiesRecv ListenOverflows ListenDrops',
      'TcpExt: 509 4045 11917 11920',
      'IpExt: InNoRoutes',
      'IpExt: 0',
    ].join('\n');
    expect(parseNetstat(netstat)).toEqual({ syncookiesSent: 509, listenOverflows: 11917, listenDrops: 11920 });
    expect(parseNetstat('').listenOverflows).toBeNaN();
  });
});
