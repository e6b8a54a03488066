import { countPages } from '../../../lib/devices/page-count';
import { parseUstatusJobEnd, unwrapPjlJob, ustatusJobEnd, wrapPjlJob } from '../../../lib/devices/pjl';

const b = (s: string): Buffer => Buffer.from(s, 'latin1');

describe('countPages', () => {
  it.each([
    ['', 1],
    ['text without form feed', 1],
    ['one\f', 1],
    ['one\ftwo', 2],
    ['one\ftwo\f\r\n', 2],
    ['\f\f\f', 3],
  ])('%j -> %i pages', (data, pages) => {
    expect(countPages(b(data))).toBe(pages);
  });
  it('a page count declared through StartPagePrinter wins', () => {
    expect(countPages(b('a\fb\fc'), 7)).toBe(7);
  });
});

describe('PJL job wrapper', () => {
  it('wraps with UEL, JOB NAME, JOBATTR and USTATUS, and unwraps to the same data', () => {
    const wrapped = wrapPjlJob(12, 3, b('payload\f'));
    expect(wrapped.toString('latin1')).toBe(
      '\x1b%-12345X@PJL JOB NAME="12"\r\n@PJL SET JOBATTR="TotalPages=3"\r\n@PJL USTATUS JOB=ON\r\n' +
        'payload\f\x1b%-12345X@PJL EOJ NAME="12"\r\n\x1b%-12345X',
    );
    const job = unwrapPjlJob(wrapped);
    expect(job).toEqual({ jobName: '12', totalPages: 3, data: b('payload\f') });
  });
  it('bytes without PJL are the job as they are', () => {
    expect(unwrapPjlJob(b('plain'))).toEqual({ data: b('plain') });
  });
  it('USTATUS JOB END round trip', () => {
    expect(parseUstatusJobEnd(ustatusJobEnd('12', 3))).toEqual({ name: '12', pages: 3 });
    expect(parseUstatusJobEnd('@PJL USTATUS DEVICE\r\nCODE=10001\r\n')).toBeUndefined();
  });
});
