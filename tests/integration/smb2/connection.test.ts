/**
 * A connection's frame routing and state machine ([MS-SMB2] 3.3.5.1-3.3.5.4): SMB2, the SMB1
 * NEGOTIATE that upgrades, TRANSFORM_HEADER; NEGOTIATE first and only once. Anything else closes
 * the connection, and a good session on another connection keeps working.
 */
import { randomBytes } from 'node:crypto';
import { BufferReader } from '../../../lib/common/binary/buffer-reader';
import { BufferWriter } from '../../../lib/common/binary/buffer-writer';
import { Smb2Command } from '../../../lib/smb2/constants';
import { encodeFrame } from '../../../lib/smb2/framing';
import { encodeEchoRequest } from '../../../lib/smb2/messages/echo';
import { decodeNegotiateResponse } from '../../../lib/smb2/messages/negotiate';
import { encodeSmb1NegotiateRequest } from '../../../lib/smb2/messages/smb1-negotiate';
import { PASSWORD, USER, closesOn, goodSession, startHarness, type Harness } from './helpers/harness';

describe('SMB2 connection: frame routing and state machine', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('closes on random bytes', async () => {
    expect(await closesOn(h, Buffer.concat([Buffer.from([0, 0, 0, 100]), randomBytes(100)]))).toBe(true);
  });

  it('closes on a wrong protocol id', async () => {
    const msg = Buffer.alloc(100);
    msg.write('\xfeSMX', 'latin1');
    expect(await closesOn(h, encodeFrame(msg))).toBe(true);
  });

  it('closes on an encrypted (transform) message, which this server does not support', async () => {
    const msg = Buffer.alloc(100);
    msg.write('\xfdSMB', 'latin1');
    expect(await closesOn(h, encodeFrame(msg))).toBe(true);
  });

  it('closes when a command other than NEGOTIATE comes first, or NEGOTIATE comes twice', async () => {
    const c = h.connect();
    c.send(Smb2Command.ECHO, (w) => encodeEchoRequest(w)).catch(() => undefined);
    expect(await c.waitClosed()).toBe(true);
    const d = h.connect();
    await d.negotiate();
    d.negotiate().catch(() => undefined);
    expect(await d.waitClosed()).toBe(true);
    await goodSession(h);
  });

  it('answers an SMB1 negotiate offering SMB 2.??? with the 0x02FF wildcard, then negotiates SMB2', async () => {
    const c = h.connect();
    const w = new BufferWriter(128);
    encodeSmb1NegotiateRequest(w, { dialects: ['NT LM 0.12', 'SMB 2.002', 'SMB 2.???'] });
    const reply = new Promise<Buffer>((resolve) => c.stream.once('data', (chunk: Buffer) => resolve(chunk)));
    c.writeRaw(encodeFrame(w.finish()));
    const frame = await reply;
    const neg = decodeNegotiateResponse(new BufferReader(frame, 4 + 64), 4);
    expect(neg.dialectRevision).toBe(0x02ff);
    expect(frame.readBigUInt64LE(4 + 24)).toBe(0n);
    c.nextMessageId = 1n;
    const n = await c.negotiate([0x0202, 0x0210]);
    expect(n.status).toBe(0);
    expect(c.dialect).toBe(0x0210);
  });

  it('negotiates 2.0.2 at once for an SMB1 NEGOTIATE that offers only SMB 2.002, and drops SMB1-only clients', async () => {
    const smb1 = (dialects: string[]): Buffer => {
      const w = new BufferWriter(128);
      encodeSmb1NegotiateRequest(w, { dialects });
      return encodeFrame(w.finish());
    };
    const c = h.connect();
    const reply = new Promise<Buffer>((resolve) => c.stream.once('data', (chunk: Buffer) => resolve(chunk)));
    c.writeRaw(smb1(['NT LM 0.12', 'SMB 2.002']));
    const frame = await reply;
    expect(decodeNegotiateResponse(new BufferReader(frame, 4 + 64), 4).dialectRevision).toBe(0x0202);
    c.nextMessageId = 1n;
    c.dialect = 0x0202;
    expect((await c.sessionSetup(USER, PASSWORD)).status).toBe(0);
    expect((await c.send(Smb2Command.ECHO, (w) => encodeEchoRequest(w))).status).toBe(0);
    // SMB1 once a dialect is negotiated, and a client that speaks only SMB1, lose the connection.
    c.writeRaw(smb1(['SMB 2.002']));
    expect(await c.waitClosed()).toBe(true);
    expect(await closesOn(h, smb1(['NT LM 0.12']))).toBe(true);
  });
});
