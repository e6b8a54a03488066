import { CreditWindow, MAX_CREDITS } from '../../../../lib/smb2/server/credits';

describe('credit window ([MS-SMB2] 3.3.1.1, 3.3.5.2.3)', () => {
  it('starts with MessageId 0 only', () => {
    const w = new CreditWindow();
    expect(w.consume(1n, 1)).toBe(false);
    expect(w.consume(0n, 1)).toBe(true);
    expect(w.consume(0n, 1)).toBe(false);
    expect(w.outstanding).toBe(0);
  });

  it('grants what is asked, at least one, never more than the maximum outstanding', () => {
    const w = new CreditWindow();
    w.consume(0n, 1);
    expect(w.grant(0)).toBe(1);
    expect(w.grant(100)).toBe(100);
    expect(w.outstanding).toBe(101);
    expect(w.grant(100000)).toBe(MAX_CREDITS - 101);
    expect(w.grant(5)).toBe(0);
  });

  it('accepts ids out of order inside the window, and multi-credit charges', () => {
    const w = new CreditWindow();
    w.consume(0n, 1);
    w.grant(10); // ids 1..10
    expect(w.consume(5n, 1)).toBe(true);
    expect(w.consume(1n, 4)).toBe(true); // 1..4
    expect(w.consume(3n, 1)).toBe(false); // reused
    expect(w.consume(6n, 5)).toBe(true); // 6..10
    expect(w.consume(11n, 1)).toBe(false); // not granted yet
    expect(w.outstanding).toBe(0);
    w.grant(2);
    expect(w.consume(11n, 2)).toBe(true);
  });

  it('refuses a charge that runs past the window without consuming anything', () => {
    const w = new CreditWindow();
    w.consume(0n, 1);
    w.grant(4);
    expect(w.consume(2n, 4)).toBe(false);
    expect(w.outstanding).toBe(4);
  });
});
