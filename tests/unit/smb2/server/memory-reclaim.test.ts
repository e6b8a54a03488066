import { runInNewContext } from 'node:vm';
import { MemoryReclaimer } from '../../../../lib/smb2/server/memory-reclaim';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('MemoryReclaimer (a full collection once the server is quiet)', () => {
  it('collects once after a burst of events, then waits the minimum interval before the next', async () => {
    const r = new MemoryReclaimer(30, 200);
    for (let i = 0; i < 5; i++) {
      r.schedule();
      await sleep(5);
    }
    expect(r.runs).toBe(0);
    await sleep(80);
    expect(r.runs).toBe(1);
    r.schedule();
    await sleep(80);
    // Too soon after the last one: deferred, not dropped.
    expect(r.runs).toBe(1);
    await sleep(250);
    expect(r.runs).toBe(2);
    r.close();
  });

  it('leaves gc hidden from other contexts, and does nothing once closed', async () => {
    const r = new MemoryReclaimer(10, 10);
    r.schedule();
    await sleep(50);
    expect(r.runs).toBe(1);
    expect(runInNewContext('typeof gc')).toBe('undefined');
    r.close();
    r.schedule();
    await sleep(50);
    expect(r.runs).toBe(1);
  });
});
