import { isAvailable, msUntilAvailable } from '../../../../lib/spooler/printing/availability';

const at = (h: number, m = 0): number => Date.UTC(2025, 0, 6, h, m);

describe('hours of availability (minutes after midnight UTC)', () => {
  it('equal start and until: always', () => {
    expect(isAvailable(0, 0, at(3))).toBe(true);
    expect(isAvailable(600, 600, at(23, 59))).toBe(true);
  });
  it('start included, until excluded', () => {
    expect(isAvailable(600, 720, at(9, 59))).toBe(false);
    expect(isAvailable(600, 720, at(10, 0))).toBe(true);
    expect(isAvailable(600, 720, at(11, 59))).toBe(true);
    expect(isAvailable(600, 720, at(12, 0))).toBe(false);
  });
  it('a window that wraps past midnight UTC', () => {
    expect(isAvailable(1320, 360, at(23))).toBe(true);
    expect(isAvailable(1320, 360, at(2))).toBe(true);
    expect(isAvailable(1320, 360, at(6))).toBe(false);
    expect(isAvailable(1320, 360, at(12))).toBe(false);
  });
  it('time until the window opens, today or tomorrow', () => {
    expect(msUntilAvailable(600, 720, at(9))).toBe(3600_000);
    expect(msUntilAvailable(600, 720, at(13))).toBe(21 * 3600_000);
    expect(msUntilAvailable(600, 720, at(10, 30))).toBe(0);
  });
});
