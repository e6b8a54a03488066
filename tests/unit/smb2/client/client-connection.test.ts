/**
 * Smb2ClientConnection against a scripted server on an in-memory duplex: MessageId matching,
 * interim STATUS_PENDING, compounded requests and responses, credits and CreditCharge, signing,
 * timeouts, and a hostile peer (garbage, unknown ids, a dropped stream).
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { PointPrintError } from '../../../../lib/common/errors';
import { createSilentLogger } from '../../../../lib/common/logger';
import { Smb2ClientConnection } from '../../../../lib/smb2/client/client-connection';
import type { Smb2CallResponse } from '../../../../lib/smb2/client/client-connection';
import {
  Smb2ConnectionError,
  Smb2CreditError,
  Smb2ProtocolError,
  Smb2SignatureError,
  Smb2TimeoutError,
} from '../../../../lib/smb2/client/client-errors';
import { ECHO_BODY, ERROR_BODY, SIGNED, duplexPair, frame, header, splitFrames } from './wire-builder';

const ECHO = 0x000d;
const READ = 0x0008;
const STATUS_PENDING = 0x00000103;
const LARGE_MTU = 0x4;

interface Harness {
  readonly conn: Smb2ClientConnection;
  readonly server: Duplex;
  /** Resolves with the next message the client sends. */
  nextRequest(): Promise<Buffer>;
  reply(...messages: Buffer[]): void;
}

function harness(options: { timeoutMs?: number; maxCreditsWanted?: number } = {}): Harness {
  const [client, server] = duplexPair();
  const conn = new Smb2ClientConnection(client, {
    timeoutMs: options.timeoutMs ?? 5000,
    logger: createSilentLogger(),
    maxCreditsWanted: options.maxCreditsWanted ?? 64,
    peer: 'test',
  });
  const queue: Buffer[] = [];
  const waiters: Array<(b: Buffer) => void> = [];
  server.on('data', (d: Buffer) => {
    for (const m of splitFrames(d)) {
      const w = waiters.shift();
      if (w) w(m);
      else queue.push(m);
    }
  });
  return {
    conn,
    server,
    nextRequest: () => {
      const m = queue.shift();
      return m ? Promise.resolve(m) : new Promise((resolve) => waiters.push(resolve));
    },
    reply: (...messages) => server.write(frame(Buffer.concat(messages))),
  };
}

const echo = (sessionId?: bigint) => ({
  command: ECHO,
  ...(sessionId !== undefined && { sessionId }),
  encodeBody: (w: { u16(v: number): unknown }) => {
    w.u16(4);
    w.u16(0);
  },
});

const messageIdOf = (m: Buffer): bigint => m.readBigUInt64LE(24);
const tick = () => new Promise((r) => setImmediate(r));

async function settled<T>(p: Promise<T>): Promise<boolean> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  await tick();
  await tick();
  return done;
}

test('an interim STATUS_PENDING response is waited through; its credits count', async () => {
  const h = harness();
  const call = h.conn.call(echo());
  const req = await h.nextRequest();
  expect(messageIdOf(req)).toBe(0n);
  h.reply(header({ command: ECHO, messageId: 0n, status: STATUS_PENDING, asyncId: 7n, credits: 3 }), ERROR_BODY);
  expect(await settled(call)).toBe(false);
  h.reply(header({ command: ECHO, messageId: 0n, asyncId: 7n, credits: 1 }), ECHO_BODY);
  const r = await call;
  expect(r.status).toBe(0);
  expect(r.header.asyncId).toBe(7n);
  expect(h.conn.creditBalance).toBe(4);
  h.conn.close();
});

test('compounded responses are split on NextCommand and matched by MessageId, in any order', async () => {
  const h = harness();
  const first = h.conn.call(echo());
  await h.nextRequest();
  h.reply(header({ command: ECHO, messageId: 0n, credits: 10 }), ECHO_BODY);
  await first;
  const a = h.conn.call(echo());
  const b = h.conn.call(echo());
  const ids = [messageIdOf(await h.nextRequest()), messageIdOf(await h.nextRequest())];
  expect(ids).toEqual([1n, 2n]);
  // Answer 2 then 1 in one frame: the first member padded from 68 to 72 bytes.
  const m2 = Buffer.concat([header({ command: ECHO, messageId: 2n, nextCommand: 72 }), ECHO_BODY, Buffer.alloc(4)]);
  const m1 = Buffer.concat([header({ command: ECHO, messageId: 1n, status: 0xc0000022 }), ERROR_BODY]);
  h.reply(m2, m1);
  const [ra, rb] = await Promise.all([a, b]);
  expect(ra.status).toBe(0xc0000022);
  expect(rb.status).toBe(0);
  expect(rb.message.length).toBe(72);
  h.conn.close();
});

test('a compounded request: members 8-aligned, NextCommand chained, RELATED on the followers, consecutive ids', async () => {
  const h = harness();
  const first = h.conn.call(echo());
  await h.nextRequest();
  h.reply(header({ command: ECHO, messageId: 0n, credits: 10 }), ECHO_BODY);
  await first;
  const calls = h.conn.submit([
    { ...echo(9n), treeId: 3 },
    { ...echo(9n), treeId: 3, related: true },
  ]);
  const msg = await h.nextRequest();
  expect(msg.length).toBe(72 + 68);
  expect(msg.readUInt32LE(20)).toBe(72);
  expect(msg.readBigUInt64LE(24)).toBe(1n);
  const second = msg.subarray(72);
  expect(second.readUInt32LE(16) & 0x4).toBe(0x4);
  expect(second.readBigUInt64LE(24)).toBe(2n);
  expect(second.readUInt32LE(20)).toBe(0);
  h.reply(
    header({ command: ECHO, messageId: 1n, nextCommand: 72 }),
    ECHO_BODY,
    Buffer.alloc(4),
    header({ command: ECHO, messageId: 2n }),
    ECHO_BODY,
  );
  const responses: Smb2CallResponse[] = await Promise.all(calls);
  expect(responses.map((r) => r.header.messageId)).toEqual([1n, 2n]);
  h.conn.close();
});

test('multi-credit: CreditCharge covers the payload, MessageIds advance by it, a request waits for credits', async () => {
  const h = harness({ maxCreditsWanted: 16 });
  h.conn.dialect = 0x0311;
  h.conn.serverCapabilities = LARGE_MTU;
  const a = h.conn.call(echo());
  const reqA = await h.nextRequest();
  expect(reqA.readUInt16LE(6)).toBe(1);
  expect(reqA.readUInt16LE(14)).toBe(16); // asks for what it wants to hold
  const b = h.conn.call({ command: READ, payloadSize: 3 * 65536 + 1, encodeBody: (w) => w.u16(0) });
  expect(await settled(b)).toBe(false); // 4 credits needed, none held, one request outstanding
  h.reply(header({ command: ECHO, messageId: 0n, credits: 5 }), ECHO_BODY);
  await a;
  const reqB = await h.nextRequest();
  expect(reqB.readUInt16LE(6)).toBe(4);
  expect(reqB.readBigUInt64LE(24)).toBe(1n);
  h.reply(header({ command: READ, messageId: 1n, credits: 4 }), ERROR_BODY);
  await b;
  const c = h.conn.call(echo());
  expect(messageIdOf(await h.nextRequest())).toBe(5n);
  h.reply(header({ command: ECHO, messageId: 5n }), ECHO_BODY);
  await c;
  h.conn.close();
});

test('a request needing more credits than granted, with nothing outstanding, fails at once', async () => {
  const h = harness();
  h.conn.dialect = 0x0210;
  h.conn.serverCapabilities = LARGE_MTU;
  await expect(
    h.conn.call({ command: READ, payloadSize: 4 * 65536, encodeBody: (w) => w.u16(0) }),
  ).rejects.toBeInstanceOf(Smb2CreditError);
  h.conn.close();
});

describe('signing (2.1, HMAC-SHA256)', () => {
  const key = randomBytes(16);
  const sign = (m: Buffer): Buffer => {
    const c = Buffer.from(m);
    c.writeUInt32LE(c.readUInt32LE(16) | SIGNED, 16);
    c.fill(0, 48, 64);
    createHmac('sha256', key).update(c).digest().copy(c, 48, 0, 16);
    return c;
  };

  function signedHarness(): Harness {
    const h = harness();
    h.conn.dialect = 0x0210;
    h.conn.setSessionSigning(5n, { key, signAll: true });
    return h;
  }

  test('requests are signed; a correctly signed response is accepted', async () => {
    const h = signedHarness();
    const call = h.conn.call(echo(5n));
    const req = await h.nextRequest();
    expect(req.readUInt32LE(16) & SIGNED).toBe(SIGNED);
    expect(sign(req).equals(req)).toBe(true);
    h.reply(sign(Buffer.concat([header({ command: ECHO, messageId: 0n, sessionId: 5n }), ECHO_BODY])));
    expect((await call).status).toBe(0);
    h.conn.close();
  });

  test.each([
    ['unsigned', (m: Buffer) => m],
    [
      'tampered',
      (m: Buffer) => {
        const s = sign(m);
        s.writeUInt8(s.readUInt8(s.length - 1) ^ 1, s.length - 1);
        return s;
      },
    ],
  ])('an %s response fails the call with Smb2SignatureError', async (_name, mangle) => {
    const h = signedHarness();
    const call = h.conn.call(echo(5n));
    await h.nextRequest();
    h.reply(mangle(Buffer.concat([header({ command: ECHO, messageId: 0n, sessionId: 5n }), ECHO_BODY])));
    await expect(call).rejects.toBeInstanceOf(Smb2SignatureError);
    h.conn.close();
  });
});

test('a timeout fails the call; its late response is dropped and the connection goes on', async () => {
  const h = harness({ timeoutMs: 30 });
  const call = h.conn.call(echo());
  await h.nextRequest();
  await expect(call).rejects.toBeInstanceOf(Smb2TimeoutError);
  h.reply(header({ command: ECHO, messageId: 0n, credits: 2 }), ECHO_BODY);
  await tick();
  expect(h.conn.closed).toBe(false);
  const again = h.conn.call(echo());
  expect(messageIdOf(await h.nextRequest())).toBe(1n);
  h.reply(header({ command: ECHO, messageId: 1n }), ECHO_BODY);
  expect((await again).status).toBe(0);
  h.conn.close();
});

test('the server ending the stream fails every outstanding call with Smb2ConnectionError', async () => {
  const h = harness();
  const call = h.conn.call(echo());
  await h.nextRequest();
  h.server.end();
  const err = await call.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(Smb2ConnectionError);
  expect((err as Error).message).toMatch(/1 request outstanding/);
  await expect(h.conn.call(echo())).rejects.toBeInstanceOf(Smb2ConnectionError);
});

test.each([
  ['a response to an id never sent', Buffer.concat([header({ command: ECHO, messageId: 42n }), ECHO_BODY])],
  ['a response to another command', Buffer.concat([header({ command: READ, messageId: 0n }), ECHO_BODY])],
  ['an SMB1 message', Buffer.from('ff534d4272000000', 'hex')],
  ['a truncated header', header({ command: ECHO, messageId: 0n }).subarray(0, 40)],
  ['a bad NextCommand', Buffer.concat([header({ command: ECHO, messageId: 0n, nextCommand: 12 }), ECHO_BODY])],
])('%s closes the connection with Smb2ProtocolError', async (_name, bytes) => {
  const h = harness();
  const call = h.conn.call(echo());
  await h.nextRequest();
  h.reply(bytes);
  await expect(call).rejects.toBeInstanceOf(Smb2ProtocolError);
  expect(h.conn.closed).toBe(true);
});

test('fuzz: random bytes from the server never escape as anything but typed errors', async () => {
  for (let i = 0; i < 200; i++) {
    const h = harness();
    const call = h.conn.call(echo());
    await h.nextRequest();
    const good = Buffer.concat([header({ command: ECHO, messageId: 0n }), ECHO_BODY]);
    const bad = Buffer.from(good);
    for (let k = 0; k < 1 + (i % 6); k++) bad[Math.floor(Math.random() * bad.length)] = Math.floor(Math.random() * 256);
    const cut = i % 3 === 0 ? bad.subarray(0, Math.floor(Math.random() * bad.length)) : bad;
    h.reply(cut);
    await tick();
    if (h.conn.outstanding > 0) h.conn.close();
    const result = await call.then(
      () => 'ok',
      (e: unknown) => e,
    );
    if (result !== 'ok') expect(result).toBeInstanceOf(PointPrintError);
  }
});

test('a request that cannot be encoded fails without taking credits or sending anything', async () => {
  const h = harness();
  await expect(
    h.conn.call({
      command: ECHO,
      encodeBody: () => {
        throw new RangeError('too big');
      },
    }),
  ).rejects.toThrow('too big');
  expect(h.conn.creditBalance).toBe(1);
  const ok = h.conn.call(echo());
  expect(messageIdOf(await h.nextRequest())).toBe(0n);
  h.reply(header({ command: ECHO, messageId: 0n }), ECHO_BODY);
  await ok;
  h.conn.close();
});
