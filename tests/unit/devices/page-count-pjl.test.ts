import { countPages } from '../../../lib/devices/page-count';
import {
  lastUstatusPage,
  parseUstatusJobEnd,
  unwrapPjlJob,
  ustatusJobEnd,
  ustatusPage,
  wrapPjlJob,
} from '../../../lib/devices/pjl';

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
  it('wraps with UEL, JOB NAME, JOBATTR and USTATUS JOB and PAGE, and unwraps to the same data', () => {
    const wrapped = wrapPjlJob(12, 3, b('payload\f'));
    expect(wrapped.toString('latin1')).toBe(
      '\x1b%-12345X@PJL JOB NAME="12"\r\n@PJL SET JOBATTR="TotalPages=3"\r\n@PJL USTATUS JOB=ON\r\n' +
        '@PJL USTATUS PAGE=ON\r\npayload\f\x1b%-12345X@PJL EOJ NAME="12"\r\n\x1b%-12345X',
    );
    const job = unwrapPjlJob(wrapped);
    expect(job).toEqual({ jobName: '12', totalPages: 3, pageStatus: true, data: b('payload\f') });
  });
  it('USTATUS PAGE: the last page number said so far', () => {
    expect(lastUstatusPage('')).toBeUndefined();
    expect(lastUstatusPage(ustatusPage(1) + ustatusPage(2))).toBe(2);
    // A status cut in the middle counts once complete.
    expect(lastUstatusPage(`${ustatusPage(1)}@PJL USTATUS PAGE\r\n2`)).toBe(1);
    expect(ustatusPage(3)).toBe('@PJL USTATUS PAGE\r\n3\r\n\f');
  });
  it('bytes without PJL are the job as they are', () => {
    expect(unwrapPjlJob(b('plain'))).toEqual({ data: b('plain') });
  });
  it('USTATUS JOB END round trip', () => {
    expect(parseUstatusJobEnd(ustatusJobEnd('12', 3))).toEqual({ name: '12', pages: 3 });
    expect(parseUstatusJobEnd('@PJL USTATUS DEVICE\r\nCODE=10001\r\n')).toBeUndefined();
  });
});
