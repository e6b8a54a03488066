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

  it('collects once more a minimum interval later (V8 gives its young generation back only after quiet seconds), then stops', () => {
    jest.useFakeTimers();
    const r = new MemoryReclaimer(30, 200, () => Date.now());
    r.schedule();
    jest.advanceTimersByTime(40);
    expect(r.runs).toBe(1);
    jest.advanceTimersByTime(150);
    expect(r.runs).toBe(1);
    jest.advanceTimersByTime(60);
    expect(r.runs).toBe(2);
    // Nothing happened since: no more collections.
    jest.advanceTimersByTime(5000);
    expect(r.runs).toBe(2);
    // New events owe a follow-up again.
    r.schedule();
    jest.advanceTimersByTime(5000);
    expect(r.runs).toBe(4);
    r.close();
  });

  it('leaves gc as hidden from other contexts as it found it, and does nothing once closed', () => {
    jest.useFakeTimers();
    const before = runInNewContext('typeof gc') as string;
    const r = new MemoryReclaimer(10, 100, () => Date.now());
    r.schedule();
    jest.advanceTimersByTime(50);
    expect(r.runs).toBe(1);
    expect(runInNewContext('typeof gc')).toBe(before);
    // Closed before its follow-up: that one never runs either.
    r.close();
    r.schedule();
    jest.advanceTimersByTime(50);
    expect(r.runs).toBe(1);
  });
});
