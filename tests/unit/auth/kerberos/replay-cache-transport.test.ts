// The replay cache's bounds and expiry, and the KDC TCP framing (RFC 4120 7.2.2) against a
// loopback server that splits its reply, lies about lengths or never answers.
import * as net from 'node:net';
import { sendToKdc } from '../../../../lib/auth/kerberos/kdc-transport';
import { ReplayCache } from '../../../../lib/auth/kerberos/replay-cache';
import { AuthenticationError } from '../../../../lib/common/errors';

describe('ReplayCache', () => {
  const t0 = new Date('2026-12-04T21:00:00Z');
  const who = (n: number, ctime = t0) => ({ client: 'alice@R', server: 'cifs/h@R', ctime, cusec: n });

  it('refuses the same authenticator twice, accepts a different one', () => {
    const cache = new ReplayCache({ skewMs: 300_000 });
    expect(cache.checkAndInsert(who(1), Buffer.from('a'), t0)).toBe(true);
    expect(cache.checkAndInsert(who(1), Buffer.from('a'), t0)).toBe(false);
    expect(cache.checkAndInsert(who(1), Buffer.from('b'), t0)).toBe(true);
    expect(cache.checkAndInsert(who(2), Buffer.from('a'), t0)).toBe(true);
  });

  it('forgets entries once their time is outside the skew, and never holds more than its bound', () => {
    const cache = new ReplayCache({ skewMs: 300_000, maxEntries: 100 });
    for (let i = 0; i < 250; i++) cache.checkAndInsert(who(i), Buffer.from('x'), t0);
    expect(cache.size).toBe(100);
    expect(cache.evicted).toBe(150);
    const later = new Date(t0.getTime() + 301_000);
    cache.checkAndInsert(who(1, later), Buffer.from('y'), later);
    expect(cache.size).toBe(1);
  });
});

describe('sendToKdc', () => {
  async function kdcAnswering(
    handler: (socket: net.Socket, request: Buffer) => void,
  ): Promise<{ port: number; close: () => Promise<void> }> {
    const server = net.createServer((socket) => {
      let got = Buffer.alloc(0);
      socket.on('data', (d: Buffer) => {
        got = Buffer.concat([got, d]);
        if (got.length >= 4 && got.length >= 4 + got.readUInt32BE(0)) handler(socket, got.subarray(4));
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    return { port, close: () => new Promise<void>((r) => server.close(() => r())) };
  }

  it('sends the length-prefixed request and reassembles a reply split at every byte', async () => {
    const reply = Buffer.from('6d0a3008a003020105a1030201', 'hex');
    let request = '';
    const kdc = await kdcAnswering((socket, got) => {
      request = got.toString();
      const framed = Buffer.concat([Buffer.from([0, 0, 0, reply.length]), reply]);
      let i = 0;
      const drip = (): void => {
        if (i >= framed.length) return;
        socket.write(framed.subarray(i, i + 1));
        i++;
        setImmediate(drip);
      };
      drip();
    });
    try {
      const got = await sendToKdc({ host: '127.0.0.1', port: kdc.port }, Buffer.from('TGS-REQ'));
      expect(got.equals(reply)).toBe(true);
      expect(request).toBe('TGS-REQ');
    } finally {
      await kdc.close();
    }
  });

  it('refuses a reply length with the high bit set or over 1 MiB', async () => {
    const kdc = await kdcAnswering((socket) => socket.write(Buffer.from('80000010', 'hex')));
    try {
      await expect(sendToKdc({ host: '127.0.0.1', port: kdc.port }, Buffer.from('x'))).rejects.toThrow(
        /high bit or too large/,
      );
    } finally {
      await kdc.close();
    }
  });

  it('gives up after its timeout, and reports a closed connection or a refused one', async () => {
    const silent = await kdcAnswering(() => undefined);
    const closing = await kdcAnswering((socket) => socket.end());
    try {
      await expect(sendToKdc({ host: '127.0.0.1', port: silent.port }, Buffer.from('x'), 200)).rejects.toThrow(
        /did not answer in 200 ms/,
      );
      await expect(sendToKdc({ host: '127.0.0.1', port: closing.port }, Buffer.from('x'))).rejects.toThrow(
        /closed without a reply/,
      );
    } finally {
      await silent.close();
      await closing.close();
    }
    await expect(sendToKdc({ host: '127.0.0.1', port: silent.port }, Buffer.from('x'))).rejects.toThrow(
      AuthenticationError,
    );
  });
});
