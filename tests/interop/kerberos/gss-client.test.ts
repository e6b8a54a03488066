/**
 * MIT's own GSS-API (gss-client from krb5-gss-samples) against our acceptor and our RFC 4121
 * tokens: a tiny server speaks gss-sample's framing (1 flag byte, 4-byte big-endian length,
 * token), accepts MIT's AP-REQ (raw krb5, and inside SPNEGO through GssAcceptor), unwraps MIT's
 * sealed and integrity-only Wrap tokens, and answers with a MIC that MIT verifies
 * ("Signature verified.").
 */
import { execFile } from 'node:child_process';
import * as dns from 'node:dns/promises';
import { existsSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { GssAcceptor } from '../../../lib/auth/gss-acceptor';
import type { KerberosGssContext } from '../../../lib/auth/kerberos/gss-cfx';
import {
  acceptKerberosToken,
  createKerberosAcceptorSettings,
  type KerberosAcceptorSettings,
} from '../../../lib/auth/kerberos/kerberos-acceptor';
import { describeWithKdc, KDC_TOOLS, startKdc, type TestKdc } from '../../helpers/kdc';

const GSS_CLIENT = KDC_TOOLS.gssClient;

// gss-sample's token flags (src/appl/gss-sample/gss-misc.h).
const TOKEN_NOOP = 1;
const TOKEN_CONTEXT = 2;
const TOKEN_DATA = 4;
const TOKEN_MIC = 8;
const TOKEN_WRAPPED = 32;
const TOKEN_SEND_MIC = 128;

jest.setTimeout(60000);

interface Seen {
  readonly messages: Buffer[];
  readonly sealed: boolean[];
  error?: string;
}

/** One gss-sample session per connection; records what it unwrapped. */
function serveGssSample(accept: (token: Buffer) => { reply: Buffer; context?: KerberosGssContext }): {
  server: net.Server;
  seen: Seen;
} {
  const seen: Seen = { messages: [], sealed: [] };
  const server = net.createServer((socket) => {
    let buffered = Buffer.alloc(0);
    let context: KerberosGssContext | undefined;
    const send = (flags: number, token: Buffer): void => {
      const header = Buffer.alloc(5);
      header[0] = flags;
      header.writeUInt32BE(token.length, 1);
      socket.write(Buffer.concat([header, token]));
    };
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      try {
        while (buffered.length >= 5) {
          const flags = buffered[0]!;
          const length = buffered.readUInt32BE(1);
          if (buffered.length < 5 + length) return;
          const token = buffered.subarray(5, 5 + length);
          buffered = buffered.subarray(5 + length);
          if ((flags & TOKEN_CONTEXT) !== 0) {
            const r = accept(Buffer.from(token));
            context = r.context;
            if (r.reply.length > 0) send(TOKEN_CONTEXT, r.reply);
          } else if ((flags & TOKEN_DATA) !== 0) {
            if (!context) throw new Error('data before the context');
            let plaintext: Buffer = Buffer.from(token);
            if ((flags & TOKEN_WRAPPED) !== 0) {
              const u = context.unwrap(plaintext);
              plaintext = u.plaintext;
              seen.sealed.push(u.confidential);
            }
            seen.messages.push(plaintext);
            if ((flags & TOKEN_SEND_MIC) !== 0) send(TOKEN_MIC, context.getMic(plaintext));
          } else if (flags === TOKEN_NOOP) {
            socket.end();
          }
        }
      } catch (e) {
        seen.error = e instanceof Error ? e.message : String(e);
        socket.destroy();
      }
    });
    socket.on('error', () => undefined);
  });
  return { server, seen };
}

describeWithKdc('MIT gss-client against our acceptor and RFC 4121 tokens', () => {
  let kdc: TestKdc;
  let ccache: string;
  let settings: KerberosAcceptorSettings;

  beforeAll(async () => {
    if (!existsSync(GSS_CLIENT)) throw new Error(`${GSS_CLIENT} is missing (krb5-gss-samples)`);
    kdc = await startKdc();
    ccache = await kdc.kinit('alice', kdc.users[0]!.password, path.join(kdc.dir, 'alice.ccache'));
    // gss-client connects to and names the same host ("localhost"); MIT may name the service by
    // the machine's own name instead: keys for every spelling.
    const keytab = path.join(kdc.dir, 'loopback.keytab');
    const canonical = (await dns.lookupService('127.0.0.1', 0)).hostname;
    for (const name of new Set(['localhost', canonical, os.hostname().toLowerCase()])) {
      await kdc.kadmin(`addprinc -randkey host/${name}`);
      await kdc.kadmin(`ktadd -norandkey -k ${keytab} host/${name}`);
    }
    settings = createKerberosAcceptorSettings({ keytab });
  });
  afterAll(async () => {
    await kdc?.stop();
  });

  async function gssClient(
    accept: (token: Buffer) => { reply: Buffer; context?: KerberosGssContext },
    args: readonly string[],
  ): Promise<{ out: string; code: number; seen: Seen }> {
    const { server, seen } = serveGssSample(accept);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const result = await new Promise<{ out: string; code: number }>((resolve) => {
        const child = execFile(
          GSS_CLIENT,
          ['-port', String(port), ...args, 'localhost', 'host', 'GetPrinterDriver2 over Kerberos'],
          { timeout: 20000, env: { ...kdc.env, KRB5CCNAME: `FILE:${ccache}` } },
          (err, stdout, stderr) =>
            resolve({ out: `${stdout}${stderr}`, code: err ? Number((err as { code?: number }).code ?? -1) : 0 }),
        );
        child.stdin?.end();
      });
      return { ...result, seen };
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  const rawKrb5 = (token: Buffer): { reply: Buffer; context?: KerberosGssContext } => {
    const r = acceptKerberosToken(settings, token);
    if (!r.ok) throw r.error;
    return { reply: r.responseToken, ...(r.context && { context: r.context }) };
  };

  it('raw krb5: MIT seals, we unwrap; we sign, MIT verifies', async () => {
    const r = await gssClient(rawKrb5, ['-mech', '{1 2 840 113554 1 2 2}']);
    expect(r.seen.error).toBeUndefined();
    expect(r.out).toContain('Signature verified');
    expect(r.code).toBe(0);
    expect(r.seen.messages.map(String)).toEqual(['GetPrinterDriver2 over Kerberos']);
    expect(r.seen.sealed).toEqual([true]);
  });

  it('raw krb5, integrity only (-nx): MIT signs the Wrap token, we check it', async () => {
    const r = await gssClient(rawKrb5, ['-mech', '{1 2 840 113554 1 2 2}', '-nx']);
    expect(r.seen.error).toBeUndefined();
    expect(r.code).toBe(0);
    expect(r.seen.sealed).toEqual([false]);
  });

  it('SPNEGO through GssAcceptor: one round trip, then the same tokens', async () => {
    const acceptor = new GssAcceptor({
      serverName: 'NTPRINT',
      domain: 'POINTPRINT',
      lookupUser: (name) => (name === 'alice' ? { name: 'alice', password: '', groups: ['Users'] } : undefined),
      allowNtlmV1: false,
      allowGuest: false,
      allowAnonymous: false,
      kerberos: settings,
    });
    const r = await gssClient(
      (token) => {
        const step = acceptor.step(token);
        if (step.state !== 'done') throw new Error(`SPNEGO step ${step.state}: ${'reason' in step ? step.reason : ''}`);
        expect(step.user.userName).toBe('alice');
        return { reply: step.responseToken, ...(step.kerberosContext && { context: step.kerberosContext }) };
      },
      ['-spnego'],
    );
    expect(r.seen.error).toBeUndefined();
    expect(r.out).toContain('Signature verified');
    expect(r.code).toBe(0);
  });
});
