import { CreditManager } from '../../../../lib/smb2/client/credit-manager';
import { Smb2CreditError } from '../../../../lib/smb2/client/client-errors';

test('one credit before NEGOTIATE; ids advance by the charge', () => {
  const c = new CreditManager();
  expect(c.balance).toBe(1);
  expect(c.tryTake(1)).toBe(0n);
  expect(c.tryTake(1)).toBeUndefined();
  c.grant(10);
  expect(c.tryTake(4)).toBe(1n);
  expect(c.tryTake(0)).toBe(5n); // a charge of 0 (2.0.2) still uses one id
  expect(c.balance).toBe(5);
});

test('waiters are served in order as credits arrive; a later small request does not overtake', async () => {
  const c = new CreditManager();
  c.tryTake(1);
  const order: string[] = [];
  const big = c.acquire(3, true).then((id) => order.push(`big@${id}`));
  const small = c.acquire(1, true).then((id) => order.push(`small@${id}`));
  expect(c.tryTake(1)).toBeUndefined();
  c.grant(2);
  await Promise.resolve();
  expect(order).toEqual([]);
  c.grant(2);
  await Promise.all([big, small]);
  expect(order).toEqual(['big@1', 'small@4']);
  expect(c.balance).toBe(0);
});

test('without outstanding calls, waiting would hang: it fails', async () => {
  const c = new CreditManager();
  await expect(c.acquire(2, false)).rejects.toBeInstanceOf(Smb2CreditError);
  c.tryTake(1);
  const w = c.acquire(1, true);
  c.failStarved();
  await expect(w).rejects.toBeInstanceOf(Smb2CreditError);
});

test('failAll rejects waiters with the given error', async () => {
  const c = new CreditManager();
  c.tryTake(1);
  const w = c.acquire(1, true);
  const e = new Error('gone');
  c.failAll(e);
  await expect(w).rejects.toBe(e);
});
