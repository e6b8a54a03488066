/**
 * Our LPR sender (the Standard TCP/IP port in LPR mode) on real sockets: the exact bytes it
 * sends, checked by a bare listener that acknowledges step by step; and jobs into our LPD
 * receiver byte for byte, with and without byte counting.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { createSilentLogger } from '../../../lib/common/logger';
import type { LpdJob } from '../../../lib/devices/lpr/lpd-connection';
import { LpdReceiver } from '../../../lib/devices/lpr/lpd-receiver';
import { LprConnectionError, LprRefusedError } from '../../../lib/devices/lpr/lpr-errors';
import { sendLprJob, type LprJob } from '../../../lib/devices/lpr/lpr-sender';

jest.setTimeout(20000);

const b = (s: string): Buffer => Buffer.from(s, 'latin1');

/** A listener that answers a zero octet each time the bytes received reach the end of a step. */
async function stepListener(
  steps: readonly Buffer[],
): Promise<{ port: number; received: Promise<Buffer>; close(): void }> {
  let resolveReceived!: (b: Buffer) => void;
  const received = new Promise<Buffer>((r) => (resolveReceived = r));
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let step = 0;
    let boundary = steps[0]?.length ?? 0;
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      while (step < steps.length && total >= boundary) {
        socket.write(Buffer.from([0]));
        step++;
        boundary += steps[step]?.length ?? 0;
      }
    });
    socket.on('end', () => {
      resolveReceived(Buffer.concat(chunks));
      socket.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, received, close: () => server.close() };
}

const JOB: Omit<LprJob, 'port' | 'byteCounting'> = {
  host: '127.0.0.1',
  queue: 'HpColor',
  data: b('hello\f'),
  jobId: 1234,
  hostName: 'NTPRINT',
  userName: 'alice',
  documentName: 'report.txt',
};
// H, P, J, l, U, N as Windows writes them: 9 + 7 + 12 + 15 + 15 + 12 = 70 octets.
const CONTROL = b('HNTPRINT\nPalice\nJreport.txt\nldfA234NTPRINT\nUdfA234NTPRINT\nNreport.txt\n');

describe('the bytes of an LPR job', () => {
  it('with byte counting: real length, data, zero octet', async () => {
    const steps = [
      b('\x02HpColor\n'), // receive a printer job
      b('\x0270 cfA234NTPRINT\n'), // control file header
      Buffer.concat([CONTROL, b('\0')]),
      b('\x036 dfA234NTPRINT\n'), // data file header with the real count
      b('hello\f\0'),
    ];
    const listener = await stepListener(steps);
    try {
      await sendLprJob({ ...JOB, port: listener.port, byteCounting: true });
      expect((await listener.received).toString('latin1')).toBe(Buffer.concat(steps).toString('latin1'));
    } finally {
      listener.close();
    }
  });

  it("without byte counting: Windows' unknown length, the data, then the connection closes", async () => {
    const steps = [
      b('\x02HpColor\n'),
      b('\x0270 cfA234NTPRINT\n'),
      Buffer.concat([CONTROL, b('\0')]),
      b('\x03125899906843000 dfA234NTPRINT\n'),
    ];
    const listener = await stepListener(steps);
    try {
      await sendLprJob({ ...JOB, port: listener.port, byteCounting: false });
      expect((await listener.received).toString('latin1')).toBe(
        Buffer.concat([...steps, b('hello\f')]).toString('latin1'),
      );
    } finally {
      listener.close();
    }
  });
});

describe('sendLprJob into LpdReceiver', () => {
  const jobs: LpdJob[] = [];
  const receiver = new LpdReceiver({
    queues: ['HpColor'],
    onJob: (job) => void jobs.push(job),
    logger: createSilentLogger(),
  });
  let port = 0;
  beforeAll(async () => {
    ({ port } = await receiver.listen(0, '127.0.0.1'));
  });
  afterAll(() => receiver.close());

  it.each([true, false])('byte counting %s: 3 MiB of random bytes arrive byte for byte', async (byteCounting) => {
    jobs.length = 0;
    const data = randomBytes(3 * 1024 * 1024);
    await sendLprJob({ ...JOB, port, byteCounting, queue: 'hpcolor', data, jobId: byteCounting ? 41 : 42 });
    expect(jobs).toHaveLength(1);
    const [job] = jobs;
    expect(job!.queue).toBe('hpcolor');
    expect(job!.controlFile).toMatchObject({ host: 'NTPRINT', user: 'alice', jobName: 'report.txt' });
    expect(job!.dataFiles).toHaveLength(1);
    expect(job!.dataFiles[0]!.data.equals(data)).toBe(true);
    expect(job!.dataFiles[0]!.declaredCount).toBe(byteCounting ? data.length : undefined);
  });

  it('an unknown queue is LprRefusedError and delivers nothing', async () => {
    jobs.length = 0;
    await expect(sendLprJob({ ...JOB, port, byteCounting: true, queue: 'Nope' })).rejects.toBeInstanceOf(
      LprRefusedError,
    );
    expect(jobs).toEqual([]);
  });

  it("a data file over the receiver's bound is refused", async () => {
    const small = new LpdReceiver({
      queues: ['HpColor'],
      onJob: () => undefined,
      logger: createSilentLogger(),
      limits: { maxDataFileBytes: 1000 },
    });
    const { port: p } = await small.listen(0, '127.0.0.1');
    try {
      const err = await sendLprJob({ ...JOB, port: p, byteCounting: true, data: Buffer.alloc(1001) }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(LprRefusedError);
      expect(err).toMatchObject({ step: 'the data file header', answer: 1 });
    } finally {
      await small.close();
    }
  });

  it('an LPD that never answers ends in LprConnectionError after the timeout', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const p = (silent.address() as net.AddressInfo).port;
    try {
      await expect(sendLprJob({ ...JOB, port: p, byteCounting: true, timeoutMs: 200 })).rejects.toBeInstanceOf(
        LprConnectionError,
      );
    } finally {
      silent.close();
    }
  });
});
