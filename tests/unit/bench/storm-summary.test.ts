import { summarizeStorm, type StormRun } from '../../../bench/storm';
import type { StormWorkerResult } from '../../../bench/storm-worker';
import { stormRun } from './bench-report-builder';

const measured = {
  requestTimeoutMs: 60000,
  flowTimeoutMs: 180000,
  wallSeconds: 9,
  memory: stormRun('pointprint', 10).memory,
  serverCpuSeconds: 2,
  listen: { listenOverflows: 3, listenDrops: 3, syncookiesSent: 0 },
  machineBusySeconds: 10,
};

function worker(latenciesMs: number[], failures: Record<string, number> = {}, cpuSeconds = 1): StormWorkerResult {
  return { latenciesMs, failures, warnings: latenciesMs.length ? ['w'] : [], cpuSeconds, maxRssBytes: 1 };
}

describe('bench storm summary', () => {
  test('latencies, failures and client CPU of every client process are merged', () => {
    const run: StormRun = summarizeStorm(
      'pointprint',
      { flows: 10, workers: 3 },
      [
        worker([100, 200, 300, 400]),
        worker([500, 600], { 'Smb2TimeoutError: NEGOTIATE': 1 }),
        worker([700], { 'Smb2TimeoutError: NEGOTIATE': 1, 'Error: ECONNRESET': 1 }),
      ],
      measured,
    );
    expect(run).toMatchObject({
      server: 'pointprint',
      flows: 10,
      workers: 3,
      failures: 3,
      failureSamples: ['2 x Smb2TimeoutError: NEGOTIATE', '1 x Error: ECONNRESET'],
      p50Ms: 400,
      p99Ms: 700,
      warningSample: ['w'],
      clientCpuSeconds: 3,
      serverCpuMsPerFlow: 200,
      otherCpuSeconds: 5, // 10 busy - 2 server - 3 clients
    });
    expect(run.rssPerFlowKiB).toBeCloseTo(100);
  });

  test('a client process without a result fails all its flows, with the reason', () => {
    const run = summarizeStorm(
      'smbd',
      { flows: 10, workers: 3 },
      [worker([100, 200, 300, 400]), 'client process exited (SIGKILL) before reporting', worker([500, 600, 700])],
      { ...measured, aborted: 'host guard: MemAvailable fell' },
    );
    expect(run.failures).toBe(3); // the split is 4, 3, 3
    expect(run.failureSamples).toEqual(['3 x client process exited (SIGKILL) before reporting']);
    expect(run.aborted).toBe('host guard: MemAvailable fell');
  });

  test('when every flow failed the percentiles are NaN, not 0', () => {
    const run = summarizeStorm('smbd', { flows: 2, workers: 1 }, [worker([], { x: 2 })], measured);
    expect(run.p50Ms).toBeNaN();
    expect(run.p99Ms).toBeNaN();
    expect(run.warningSample).toEqual([]);
  });
});
