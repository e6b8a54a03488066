import { runInNewContext } from 'node:vm';
import { MemoryReclaimer } from '../../../../lib/smb2/server/memory-reclaim';

describe('MemoryReclaimer (a full collection once the server is quiet)', () => {
  afterEach(() => jest.useRealTimers());

  it('collects once after a burst of events, then waits the minimum interval before the next', () => {
    // Fake timers (and Date): the delays are asserted, so they must not depend on the machine's load.
    jest.useFakeTimers();
    const r = new MemoryReclaimer(30, 200, () => Date.now());
    for (let i = 0; i < 5; i++) {
      r.schedule();
      jest.advanceTimersByTime(5);
    }
    expect(r.runs).toBe(0);
    jest.advanceTimersByTime(80);
    expect(r.runs).toBe(1);
    r.schedule();
    jest.advanceTimersByTime(80);
    // Too soon after the last one: deferred, not dropped.
    expect(r.runs).toBe(1);
    jest.advanceTimersByTime(250);
    expect(r.runs).toBe(2);
    r.close();
  });

  it('leaves gc as hidden from other contexts as it found it, and does nothing once closed', () => {
    jest.useFakeTimers();
    const before = runInNewContext('typeof gc') as string;
    const r = new MemoryReclaimer(10, 10, () => Date.now());
    r.schedule();
    jest.advanceTimersByTime(50);
    expect(r.runs).toBe(1);
    expect(runInNewContext('typeof gc')).toBe(before);
    r.close();
    r.schedule();
    jest.advanceTimersByTime(50);
    expect(r.runs).toBe(1);
  });
});
