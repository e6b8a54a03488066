import { createSilentLogger } from '../../../../lib/common/logger';
import { BudgetWaitCancelled, ResourceBudget } from '../../../../lib/smb2/server/resource-budget';
import { createServerBudgets, peerBudgetKey, userBudgetKey } from '../../../../lib/smb2/server/resource-budgets';
import { DEFAULT_SERVER_LIMITS, resolveServerLimits } from '../../../../lib/smb2/server/server-limits';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ResourceBudget (a cap per user and one for the server)', () => {
  it('refuses what would pass either cap, and forgets a key once it gave everything back', () => {
    const exhausted: string[] = [];
    const b = new ResourceBudget('opens', 2, 3, (scope, key) => exhausted.push(`${scope}:${key}`));
    expect(b.tryTake('alice')).toBe(true);
    expect(b.tryTake('alice')).toBe(true);
    expect(b.tryTake('alice')).toBe(false);
    expect(b.tryTake('alice')).toBe(false);
    expect(b.tryTake('bob')).toBe(true);
    expect(b.tryTake('carol')).toBe(false);
    // One log line per episode.
    expect(exhausted).toEqual(['user:alice', 'server:carol']);
    expect(b.used).toBe(3);
    b.give('alice');
    expect(b.tryTake('carol')).toBe(true);
    for (const k of ['alice', 'bob', 'carol']) b.give(k, 5);
    expect(b.used).toBe(0);
    expect(b.keys).toBe(0);
  });

  it('grants waits in order as room comes back; a wait held by its own cap does not hold up others', async () => {
    const b = new ResourceBudget('receive bytes', 100, 150);
    const owner = {};
    await b.take('alice', 100, owner);
    const order: string[] = [];
    void b.take('alice', 50, owner).then(() => order.push('alice'));
    void b.take('bob', 50, owner).then(() => order.push('bob'));
    await tick();
    // alice waits on her own cap; bob fits the server's.
    expect(order).toEqual(['bob']);
    void b.take('carol', 50, owner).then(() => order.push('carol'));
    await tick();
    expect(order).toEqual(['bob']);
    // Room for both: alice (first in line) and carol.
    b.give('alice', 100);
    await tick();
    expect(order).toEqual(['bob', 'alice', 'carol']);
    expect(b.used).toBe(150);
  });

  it('lets no newcomer overtake a wait held by the server cap', async () => {
    const b = new ResourceBudget('receive bytes', 100, 150);
    const owner = {};
    await b.take('alice', 100, owner);
    await b.take('bob', 50, owner);
    const order: string[] = [];
    void b.take('carol', 50, owner).then(() => order.push('carol'));
    void b.take('dave', 10, owner).then(() => order.push('dave'));
    b.give('bob', 10);
    await tick();
    // dave would fit, but carol is first in line.
    expect(order).toEqual([]);
    expect(b.tryTake('erin', 1)).toBe(false);
    b.give('alice', 100);
    await tick();
    expect(order).toEqual(['carol', 'dave']);
  });

  it('gives up the waits of an owner that goes away, and refuses a wait larger than a key may hold', async () => {
    const b = new ResourceBudget('receive bytes', 100, 100);
    const gone = {};
    await b.take('alice', 100, {});
    const waiting = b.take('bob', 10, gone);
    b.cancelWaits(gone);
    await expect(waiting).rejects.toBeInstanceOf(BudgetWaitCancelled);
    expect(b.waiting).toBe(0);
    await expect(b.take('bob', 101, gone)).rejects.toBeInstanceOf(RangeError);
  });

  it('is built for opens, pipes and received bytes from the limits, keyed by account or peer', () => {
    const budgets = createServerBudgets(DEFAULT_SERVER_LIMITS, createSilentLogger());
    expect(budgets.opens.perKey).toBe(DEFAULT_SERVER_LIMITS.maxOpensPerUser);
    expect(budgets.pipes.perServer).toBe(DEFAULT_SERVER_LIMITS.maxPipesPerServer);
    expect(budgets.receiveBytes.perKey).toBe(DEFAULT_SERVER_LIMITS.maxReceiveBytesPerUser);
    const user = {
      userName: 'Alice',
      domain: 'ANY',
      groups: [],
      isAdministrator: false,
      isGuest: false,
      isAnonymous: false,
    };
    // The domain a client sends does not make another account.
    expect(userBudgetKey(user)).toBe(userBudgetKey({ ...user, userName: 'ALICE', domain: 'OTHER' }));
    expect(peerBudgetKey('127.0.0.1')).not.toBe(userBudgetKey(user));
  });
});

describe('resolveServerLimits', () => {
  it('takes overrides, derives the per-peer cap from maxConnections, and refuses budgets that could stall', () => {
    expect(resolveServerLimits({ maxConnections: 40 }).maxUnauthenticatedConnectionsPerPeer).toBe(10);
    expect(resolveServerLimits({}).maxUnauthenticatedConnectionsPerPeer).toBe(256);
    expect(() => resolveServerLimits({ maxReceiveBytesPerUser: 1024 })).toThrow(/maxReceiveBytesPerUser/);
    expect(() => resolveServerLimits({ maxOpensPerServer: 1 })).toThrow(/maxOpensPerServer/);
    expect(() => resolveServerLimits({ negotiateTimeoutMs: 0 })).toThrow(/positive integer/);
  });
});
