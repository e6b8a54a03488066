/**
 * Sessions and signing: who may log on, which responses are signed, which requests are refused
 * when signing is required by either side, LOGOFF and TREE_DISCONNECT.
 */
import { NtStatus } from '../../../lib/common/status/ntstatus';
import { Smb2Command, Smb2Flags, type Smb2DialectValue } from '../../../lib/smb2/constants';
import { decodeSessionSetupResponse } from '../../../lib/smb2/messages/session-setup';
import { encodeEchoRequest } from '../../../lib/smb2/messages/echo';
import { encodeLogoffRequest } from '../../../lib/smb2/messages/logoff';
import { encodeTreeDisconnectRequest } from '../../../lib/smb2/messages/tree-disconnect';
import { encodeFrame } from '../../../lib/smb2/framing';
import { decodeNegotiateResponse } from '../../../lib/smb2/messages/negotiate';
import { BufferReader } from '../../../lib/common/binary/buffer-reader';
import { Smb2Cipher, decryptMessage, encryptMessage } from '../../../lib/smb2/signing/encryption';
import { deriveEncryptionKeys } from '../../../lib/smb2/signing/keys';
import { PASSWORD, USER, startHarness, type Harness } from './helpers/harness';

const DIALECTS: Smb2DialectValue[] = [0x0202, 0x0210, 0x0300, 0x0302, 0x0311];

describe('SMB2 sessions and signing', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(DIALECTS.map((d) => [`0x${d.toString(16).padStart(4, '0')}`, d] as const))(
    'dialect %s, client requires signing: signed responses, unsigned or forged requests refused',
    async (_name, dialect) => {
      const c = h.connect();
      await c.negotiate([dialect], 2);
      const setup = await c.sessionSetup(USER, PASSWORD, { securityMode: 2 });
      expect(setup.status).toBe(0);
      expect(setup.header.flags & Smb2Flags.SMB2_FLAGS_SIGNED).toBe(Smb2Flags.SMB2_FLAGS_SIGNED);
      expect(c.verify(setup)).toBe(true);
      const tree = await c.treeConnect('\\\\127.0.0.1\\PRINT$');
      expect(tree.status).toBe(0);
      expect(c.verify(tree)).toBe(true);
      const unsigned = await c.send(Smb2Command.ECHO, (w) => encodeEchoRequest(w), { sign: false });
      expect(unsigned.status).toBe(NtStatus.STATUS_ACCESS_DENIED);
      const { bytes, messageId } = c.build(Smb2Command.ECHO, (w) => encodeEchoRequest(w), {
        flags: Smb2Flags.SMB2_FLAGS_SIGNED,
      });
      bytes.fill(0x5a, 48, 64);
      expect((await c.sendBuilt(bytes, messageId)).status).toBe(NtStatus.STATUS_ACCESS_DENIED);
      const echo = await c.send(Smb2Command.ECHO, (w) => encodeEchoRequest(w));
      expect(echo.status).toBe(0);
      expect(c.verify(echo)).toBe(true);
    },
  );

  it.each([0x0300, 0x0311] as const)(
    'dialect %#x: the final SESSION_SETUP response is signed even when signing is not required',
    async (dialect) => {
      const c = h.connect();
      await c.negotiate([dialect]);
      const setup = await c.sessionSetup(USER, PASSWORD);
      expect(setup.status).toBe(0);
      expect(c.verify(setup)).toBe(true);
      // Without required signing, unsigned requests are served and answered unsigned.
      const echo = await c.send(Smb2Command.ECHO, (w) => encodeEchoRequest(w), { sign: false });
      expect(echo.status).toBe(0);
      expect(echo.header.flags & Smb2Flags.SMB2_FLAGS_SIGNED).toBe(0);
    },
  );

  it('accepts raw NTLMSSP (no SPNEGO) and answers in the same form', async () => {
    const c = h.connect();
    await c.negotiate([0x0202, 0x0210]);
    const setup = await c.sessionSetup(USER, PASSWORD, { useSpnego: false });
    expect(setup.status).toBe(0);
    expect(decodeSessionSetupResponse(setup.body(), 0).sessionFlags).toBe(0);
  });

  it('refuses a wrong password and an unknown user', async () => {
    const c = h.connect();
    await c.negotiate();
    expect((await c.sessionSetup(USER, 'nope')).status).toBe(NtStatus.STATUS_LOGON_FAILURE);
    const d = h.connect();
    await d.negotiate();
    expect((await d.sessionSetup('mallory', PASSWORD)).status).toBe(NtStatus.STATUS_LOGON_FAILURE);
  });

  it('lets a null session reach IPC$ only', async () => {
    const c = h.connect();
    await c.negotiate();
    const setup = await c.sessionSetup('', '');
    expect(setup.status).toBe(0);
    expect(decodeSessionSetupResponse(setup.body(), 0).sessionFlags).toBe(0x2);
    expect((await c.treeConnect('\\\\127.0.0.1\\PRINT$')).status).toBe(NtStatus.STATUS_ACCESS_DENIED);
    expect((await c.treeConnect('\\\\127.0.0.1\\IPC$')).status).toBe(0);
  });

  it('forgets trees on TREE_DISCONNECT and sessions on LOGOFF', async () => {
    const c = h.connect();
    await c.login(USER, PASSWORD, 'PRINT$');
    const f = await c.create('color\\Hpclrlsr.icm');
    expect((await c.send(Smb2Command.TREE_DISCONNECT, (w) => encodeTreeDisconnectRequest(w))).status).toBe(0);
    expect((await c.close(f.fileId!)).status).toBe(NtStatus.STATUS_NETWORK_NAME_DELETED);
    expect((await c.send(Smb2Command.LOGOFF, (w) => encodeLogoffRequest(w))).status).toBe(0);
    expect((await c.treeConnect('\\\\127.0.0.1\\PRINT$')).status).toBe(NtStatus.STATUS_USER_SESSION_DELETED);
  });
});

describe('SMB 3.x encryption', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const AES_128 = [Smb2Cipher.AES_128_GCM, Smb2Cipher.AES_128_CCM];
  it.each([
    ['3.1.1 AES-128-GCM', 0x0311, Smb2Cipher.AES_128_GCM, AES_128],
    ['3.0 AES-128-CCM', 0x0300, Smb2Cipher.AES_128_CCM, AES_128],
    // Offered alone, as smbtorture's smb2.session.encryption-aes-256-* do: 256-bit keys.
    ['3.1.1 AES-256-GCM', 0x0311, Smb2Cipher.AES_256_GCM, [Smb2Cipher.AES_256_GCM]],
    ['3.1.1 AES-256-CCM', 0x0311, Smb2Cipher.AES_256_CCM, [Smb2Cipher.AES_256_CCM]],
  ] as const)(
    '%s: an encrypted request gets an encrypted response; a forged one loses the connection',
    async (_name, dialect, cipher, offered) => {
      const c = h.connect();
      c.offeredCiphers = [...offered];
      if (dialect === 0x0311) {
        await c.negotiate([0x0311]);
        const ctx = c.negotiateResponse!.negotiateContexts.find((x) => x.type === 2);
        expect(ctx?.data).toEqual(Buffer.from([1, 0, cipher, 0]));
      } else {
        // 3.0: the client announces SMB2_GLOBAL_CAP_ENCRYPTION in its capabilities.
        const { bytes, messageId } = c.build(Smb2Command.NEGOTIATE, (w) => {
          w.u16(36).u16(1).u16(1).u16(0).u32(0x40).zeros(16).u32(0).u16(0).u16(0).u16(0x0300);
        });
        const r = await c.sendBuilt(bytes, messageId);
        c.negotiateResponse = decodeNegotiateResponse(r.body(), 0);
        c.dialect = 0x0300;
        expect(c.negotiateResponse.capabilities & 0x40).toBe(0x40);
      }
      expect((await c.sessionSetup(USER, PASSWORD)).status).toBe(0);
      const keys = deriveEncryptionKeys(dialect, c.sessionKey!, c.sessionPreauthHash, cipher);
      expect(keys.serverIn.length).toBe(
        cipher === Smb2Cipher.AES_256_GCM || cipher === Smb2Cipher.AES_256_CCM ? 32 : 16,
      );
      const echo = c.build(Smb2Command.ECHO, (w) => encodeEchoRequest(w));
      const reply = new Promise<Buffer>((resolve) => c.stream.once('data', (chunk: Buffer) => resolve(chunk)));
      c.writeRaw(encodeFrame(encryptMessage(cipher, keys.serverIn, c.sessionId, echo.bytes)));
      const frame = (await reply).subarray(4);
      expect(frame.subarray(0, 4).toString('latin1')).toBe('\xfdSMB');
      const plain = decryptMessage(cipher, keys.serverOut, frame).message;
      const r = new BufferReader(plain);
      r.skip(8);
      expect(r.u32()).toBe(0); // STATUS_SUCCESS
      expect(plain.readUInt32LE(16) & Smb2Flags.SMB2_FLAGS_SIGNED).toBe(0);

      const forged = encryptMessage(
        cipher,
        keys.serverIn,
        c.sessionId,
        c.build(Smb2Command.ECHO, (w) => encodeEchoRequest(w)).bytes,
      );
      forged[forged.length - 1]! ^= 0xff;
      c.writeRaw(encodeFrame(forged));
      expect(await c.waitClosed()).toBe(true);
    },
  );

  it('does not negotiate a cipher with a client that offers none', async () => {
    const c = h.connect();
    await c.negotiate([0x0311]);
    expect(c.negotiateResponse!.negotiateContexts.find((x) => x.type === 2)).toBeUndefined();
    expect((await c.sessionSetup(USER, PASSWORD)).status).toBe(0);
    c.writeRaw(encodeFrame(Buffer.concat([Buffer.from('fd534d42', 'hex'), Buffer.alloc(60)])));
    expect(await c.waitClosed()).toBe(true);
  });
});

describe('SMB2 server that requires signing', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ signingRequired: true });
  });
  afterAll(async () => {
    await h.close();
  });

  it('announces SIGNING_REQUIRED and refuses unsigned requests of a client that did not ask for signing', async () => {
    const c = h.connect();
    const n = await c.negotiate([0x0210]);
    expect(c.negotiateResponse!.securityMode).toBe(0x3);
    expect(n.status).toBe(0);
    const setup = await c.sessionSetup(USER, PASSWORD);
    expect(setup.status).toBe(0);
    expect(c.verify(setup)).toBe(true);
    expect((await c.send(Smb2Command.ECHO, (w) => encodeEchoRequest(w), { sign: false })).status).toBe(
      NtStatus.STATUS_ACCESS_DENIED,
    );
    const signed = await c.send(Smb2Command.ECHO, (w) => encodeEchoRequest(w));
    expect(signed.status).toBe(0);
    expect(c.verify(signed)).toBe(true);
  });
});
