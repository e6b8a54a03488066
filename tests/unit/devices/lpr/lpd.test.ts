import { EncodingError, MalformedPacketError } from '../../../../lib/common/errors';
import { buildControlFile, parseControlFile } from '../../../../lib/devices/lpr/control-file';
import { LpdConnection, type LpdJob, type LpdLimits } from '../../../../lib/devices/lpr/lpd-connection';
import {
  decodeDaemonCommand,
  decodeJobSubcommand,
  encodeDaemonCommand,
  encodeJobSubcommand,
  lprFileNames,
} from '../../../../lib/devices/lpr/lpd-protocol';

const b = (s: string): Buffer => Buffer.from(s, 'latin1');

/**
 * What rlpr 2.05 (Debian bookworm) sent for `rlpr -N -H 127.0.0.78 -P HpColor -J report /tmp/rl.txt`
 * to a listener that acknowledged every read, one entry per read.
 */
const RLPR_SESSION = [
  b('\x02HpColor\n'), // 02 receive a printer job, queue HpColor
  b('\x0261 cfA826vm\n'), // 02 receive control file, 61 octets, cfA + job 826 + host vm
  b('Hvm\n'), // H host
  b('Proot\nJreport\nCvm\nLroot\nfdfA826vm\nUdfA826vm\nN/tmp/rl.txt\n\x00'), // rest of the control file, zero octet
  b('\x036 dfA826vm\n'), // 03 receive data file, 6 octets
  b('hello\n\x00'), // the data, zero octet
];
/** The acknowledgements: one zero octet for the command, each subcommand and each file. */
const RLPR_ACKS = '\0\0\0\0\0';

const LIMITS: LpdLimits = { maxControlFileBytes: 4096, maxDataFileBytes: 1 << 20, maxDataFiles: 4 };

function connection(queues = ['hpcolor']) {
  const written: Buffer[] = [];
  const closed: (string | undefined)[] = [];
  const c = new LpdConnection(
    {
      write: (bytes) => written.push(bytes),
      close: (reason) => closed.push(reason),
      acceptsQueue: (q) => queues.includes(q.toLowerCase()),
      queueState: (q) => `${q}: ready\n`,
    },
    LIMITS,
  );
  return { c, answers: () => Buffer.concat(written).toString('latin1'), closed };
}

describe('daemon commands and receive-job subcommands (RFC 1179 5, 6)', () => {
  it('decode and encode', () => {
    expect(decodeDaemonCommand(b('\x02HpColor'))).toEqual({ code: 2, queue: 'HpColor', operands: [] });
    expect(decodeDaemonCommand(b('\x05lp root 12  13'))).toEqual({
      code: 5,
      queue: 'lp',
      operands: ['root', '12', '13'],
    });
    expect(encodeDaemonCommand(2, 'HpColor')).toEqual(b('\x02HpColor\n'));
    expect(decodeJobSubcommand(b('\x0261 cfA826vm'))).toEqual({ kind: 'controlFile', count: 61, name: 'cfA826vm' });
    expect(decodeJobSubcommand(b('\x03125899906843000 dfA001NTPRINT'))).toEqual({
      kind: 'dataFile',
      count: 125899906843000,
      name: 'dfA001NTPRINT',
    });
    expect(decodeJobSubcommand(b('\x01'))).toEqual({ kind: 'abort' });
    expect(encodeJobSubcommand({ kind: 'dataFile', count: 6, name: 'dfA826vm' })).toEqual(b('\x036 dfA826vm\n'));
  });
  it.each([
    ['an unknown command', () => decodeDaemonCommand(b('\x09lp'))],
    ['a command without a queue', () => decodeDaemonCommand(b('\x02'))],
    ['a queue with a control character', () => decodeDaemonCommand(b('\x02lp\x07'))],
    ['a count that is not a number', () => decodeJobSubcommand(b('\x02abc cfA001h'))],
    ['a count of 16 digits', () => decodeJobSubcommand(b('\x031234567890123456 dfA001h'))],
    ['a name with a slash', () => decodeJobSubcommand(b('\x0212 ../cfA001h'))],
    ['an unknown subcommand', () => decodeJobSubcommand(b('\x0412 x'))],
  ])('refuse %s', (_what, fn) => {
    expect(fn).toThrow(MalformedPacketError);
  });
  it('file names take the job id modulo 1000, as Windows numbers them', () => {
    expect(lprFileNames(1234, 'NTPRINT')).toEqual({ control: 'cfA234NTPRINT', data: 'dfA234NTPRINT' });
    expect(lprFileNames(7, 'h')).toEqual({ control: 'cfA007h', data: 'dfA007h' });
  });
});

describe('control files (RFC 1179 7)', () => {
  it("parse rlpr's control file", () => {
    const cf = parseControlFile(b('Hvm\nProot\nJreport\nCvm\nLroot\nfdfA826vm\nUdfA826vm\nN/tmp/rl.txt\n'));
    expect(cf).toMatchObject({
      host: 'vm',
      user: 'root',
      jobName: 'report',
      sourceName: '/tmp/rl.txt',
      prints: [{ format: 'f', dataFile: 'dfA826vm' }],
      unlink: ['dfA826vm'],
    });
    expect(cf.lines).toHaveLength(8);
  });
  it('build in the order given; refuse an operand with LF', () => {
    expect(
      buildControlFile([
        { command: 'H', operand: 'NTPRINT' },
        { command: 'l', operand: 'dfA001NTPRINT' },
      ]),
    ).toEqual(b('HNTPRINT\nldfA001NTPRINT\n'));
    expect(() => buildControlFile([{ command: 'J', operand: 'a\nb' }])).toThrow(EncodingError);
  });
});

describe('LpdConnection', () => {
  it("receives rlpr's job, whatever the split of the stream", () => {
    const stream = Buffer.concat(RLPR_SESSION);
    for (let split = 0; split <= stream.length; split++) {
      const { c, answers, closed } = connection();
      c.feed(stream.subarray(0, split));
      c.feed(stream.subarray(split));
      const job = c.end() as LpdJob;
      expect(answers()).toBe(RLPR_ACKS);
      expect(closed).toEqual([]);
      expect(job.queue).toBe('HpColor');
      expect(job.controlFileName).toBe('cfA826vm');
      expect(job.controlFile.jobName).toBe('report');
      expect(job.dataFiles).toEqual([{ name: 'dfA826vm', data: b('hello\n'), declaredCount: 6 }]);
    }
  });
  it('one octet at a time', () => {
    const { c, answers } = connection();
    for (const byte of Buffer.concat(RLPR_SESSION)) c.feed(Buffer.from([byte]));
    expect(answers()).toBe(RLPR_ACKS);
    expect(c.end()?.dataFiles[0]?.data).toEqual(b('hello\n'));
  });
  it('a data file of unknown length (Windows without byte counting) runs until the sender closes', () => {
    const { c, answers } = connection();
    const control = b('HNTPRINT\nPalice\nldfA001NTPRINT\nUdfA001NTPRINT\n');
    c.feed(b(`\x02hpcolor\n\x02${control.length} cfA001NTPRINT\n`));
    c.feed(Buffer.concat([control, b('\0\x03125899906843000 dfA001NTPRINT\n')]));
    c.feed(b('%!PS\n\0\0 binary \xff'));
    expect(answers()).toBe('\0\0\0\0');
    expect(c.end()?.dataFiles).toEqual([{ name: 'dfA001NTPRINT', data: b('%!PS\n\0\0 binary \xff') }]);
  });
  it('an unknown queue is refused and the connection closed', () => {
    const { c, answers, closed } = connection(['other']);
    c.feed(RLPR_SESSION[0]!);
    expect(answers()).toBe('\x01');
    expect(closed).toEqual(['unknown queue "HpColor"']);
    expect(c.end()).toBeUndefined();
  });
  it('files over their bounds are refused with a non-zero octet', () => {
    const { c, answers } = connection();
    c.feed(b('\x02hpcolor\n\x025000 cfA001h\n\x03999999999 dfA001h\n'));
    expect(answers()).toBe('\0\x01\x01');
  });
  it('a file not ended by a zero octet breaks the connection; nothing is delivered', () => {
    const { c, closed } = connection();
    c.feed(b('\x02hpcolor\n\x023 cfA001h\nHh\n\x07'));
    expect(closed).toEqual(['file ended with 0x7, not a zero octet']);
    expect(c.end()).toBeUndefined();
  });
  it('a line longer than 1024 octets breaks the connection', () => {
    const { c, closed } = connection();
    c.feed(Buffer.alloc(2000, 0x41));
    expect(closed).toEqual(['line over 1024 octets']);
  });
  it('a job whose control file prints a data file that never came is not delivered', () => {
    const { c } = connection();
    const control = b('Hh\nldfA001h\nldfA002h\n');
    c.feed(Buffer.concat([b(`\x02hpcolor\n\x02${control.length} cfA001h\n`), control, b('\0\x032 dfA001h\nok\0')]));
    expect(c.end()).toBeUndefined();
  });
  it('abort forgets what the job sent so far', () => {
    const { c } = connection();
    c.feed(Buffer.concat(RLPR_SESSION));
    c.feed(b('\x01\n'));
    expect(c.end()).toBeUndefined();
  });
  it('"send queue state" is answered and closed', () => {
    const { c, answers, closed } = connection();
    c.feed(b('\x03hpcolor\n'));
    expect(answers()).toBe('hpcolor: ready\n');
    expect(closed).toEqual([undefined]);
  });
});
