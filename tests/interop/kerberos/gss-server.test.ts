/**
 * Our initiator against MIT's own acceptor (gss-server from krb5-gss-samples, run in -inetd mode
 * on one end of a UNIX socket, so nothing listens on the network): a service ticket from the
 * KDC with our TGS-REQ, our AP-REQ accepted by MIT, MIT's AP-REP checked by us, our sealed and
 * integrity-only Wrap tokens unwrapped by MIT, MIT's MIC verified by us.
 */
import { spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { acquireServiceTicket } from '../../../lib/auth/kerberos/kdc-client';
import { KerberosInitiatorContext } from '../../../lib/auth/kerberos/kerberos-initiator';
import { describeWithKdc, KDC_TOOLS, startKdc, type TestKdc } from '../../helpers/kdc';

// gss-sample's token flags (src/appl/gss-sample/gss-misc.h).
const TOKEN_NOOP = 1;
const TOKEN_CONTEXT = 2;
const TOKEN_DATA = 4;
const TOKEN_MIC = 8;
const TOKEN_CONTEXT_NEXT = 16;
const TOKEN_WRAPPED = 32;
const TOKEN_ENCRYPTED = 64;
const TOKEN_SEND_MIC = 128;

jest.setTimeout(60000);

/** Reads gss-sample tokens (1 flag byte, 4-byte big-endian length, token) from a socket. */
class TokenStream {
  private buffered = Buffer.alloc(0);
  private waiting: (() => void) | undefined;
  private closed = false;

  constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.waiting?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiting?.();
    });
  }

  send(flags: number, token: Buffer): void {
    const header = Buffer.alloc(5);
    header[0] = flags;
    header.writeUInt32BE(token.length, 1);
    this.socket.write(Buffer.concat([header, token]));
  }

  async next(timeoutMs = 10000): Promise<{ flags: number; token: Buffer }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.buffered.length >= 5) {
        const length = this.buffered.readUInt32BE(1);
        if (this.buffered.length >= 5 + length) {
          const flags = this.buffered[0]!;
          const token = Buffer.from(this.buffered.subarray(5, 5 + length));
          this.buffered = this.buffered.subarray(5 + length);
          return { flags, token };
        }
      }
      if (this.closed) throw new Error('gss-server closed the connection');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no token from gss-server in time');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiting = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.waiting = undefined;
    }
  }
}

describeWithKdc("our initiator against MIT's gss-server", () => {
  let kdc: TestKdc;
  let ccache: string;

  beforeAll(async () => {
    kdc = await startKdc();
    ccache = await kdc.kinit('alice', kdc.users[0]!.password, path.join(kdc.dir, 'alice.ccache'));
  });
  afterAll(async () => {
    await kdc?.stop();
  });

  async function withGssServer<T>(body: (tokens: TokenStream, log: () => string) => Promise<T>): Promise<T> {
    const socketPath = path.join(kdc.dir, `gss-${Date.now()}.sock`);
    const listener = net.createServer();
    await new Promise<void>((resolve) => listener.listen(socketPath, resolve));
    const accepted = new Promise<net.Socket>((resolve) => listener.once('connection', resolve));
    const childEnd = net.connect(socketPath);
    await new Promise<void>((resolve) => childEnd.once('connect', resolve));
    const ours = await accepted;
    let log = '';
    const child = spawn(KDC_TOOLS.gssServer, ['-inetd', '-keytab', kdc.serverKeytab, `host@${kdc.serverHost}`], {
      env: kdc.env,
      stdio: [childEnd, 'ignore', 'pipe'],
    });
    child.stderr?.setEncoding('utf8').on('data', (s: string) => (log += s));
    childEnd.destroy(); // the child holds its own copy
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      return await body(new TokenStream(ours), () => log);
    } finally {
      ours.destroy();
      let timer: NodeJS.Timeout | undefined;
      const done = await Promise.race([
        exited.then(() => true),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 5000))),
      ]);
      clearTimeout(timer);
      if (!done) {
        child.kill('SIGKILL');
        await exited;
      }
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    }
  }

  it.each([
    ['a sealed', TOKEN_WRAPPED | TOKEN_ENCRYPTED, true],
    ['an integrity-only', TOKEN_WRAPPED, false],
  ])('AP-REQ/AP-REP, then %s Wrap token MIT unwraps and a MIC it makes', async (_name, wrapFlags, confidential) => {
    const ticket = await acquireServiceTicket(`host/${kdc.serverHost}`, {
      ccache,
      kdc: { host: kdc.host, port: kdc.port },
    });
    await withGssServer(async (tokens, log) => {
      const ctx = new KerberosInitiatorContext(ticket);
      tokens.send(TOKEN_NOOP | TOKEN_CONTEXT_NEXT, Buffer.alloc(0));
      tokens.send(TOKEN_CONTEXT, ctx.initialToken());
      const reply = await tokens.next().catch((e: Error) => {
        throw new Error(`${e.message}; gss-server said: ${log()}`);
      });
      expect(reply.flags).toBe(TOKEN_CONTEXT);
      ctx.processReply(reply.token);
      const gss = ctx.gssContext!;
      const message = Buffer.from('EnumPrinterDataEx CopyFiles\\ICM');
      tokens.send(TOKEN_DATA | wrapFlags | TOKEN_SEND_MIC, gss.wrap(message, { confidential }));
      const mic = await tokens.next();
      expect(mic.flags).toBe(TOKEN_MIC);
      expect(() => gss.verifyMic(message, mic.token)).not.toThrow();
      expect(() => gss.verifyMic(Buffer.from('other'), mic.token)).toThrow();
      tokens.send(TOKEN_NOOP, Buffer.alloc(0));
    });
  });
});
