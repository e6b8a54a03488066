/**
 * Our SMB2 client against Samba's smbd (the reference server): SMB 3.1.1 and 2.1 with signing
 * on, list and read print$, a pipelined read of a larger file (as a stream, and to a sink that
 * gives the READ buffers back for reuse), and the spoolss pipe answering a
 * DCE/RPC bind (Samba answers pipe IOCTLs asynchronously: STATUS_PENDING first), and encryption
 * required with each cipher smbd 4.17 has (3.1.1 GCM and CCM, 3.0 CCM).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import tmp from 'tmp';
import { AuthenticationError, NtStatusError } from '../../../lib/common/errors';
import { NtStatus } from '../../../lib/common/status/ntstatus';
import type { Smb2Dialect } from '../../../lib/smb2/client/smb2-client';
import { Smb2Cipher, Smb2Client } from '../../../lib/smb2/client/smb2-client';
import { describeWithTools } from '../../helpers/interop-tools';
import type { SambaServer } from '../../helpers/samba-server';
import { startSamba } from '../../helpers/samba-server';
import { RPC_PTYPE_BIND_ACK, rprnBindPdu } from '../../helpers/rpc-bind-pdu';

jest.setTimeout(60000);

describeWithTools(['smbd', 'smbpasswd'], 'SMB2 client against Samba smbd', () => {
  let samba: SambaServer;
  let dir: tmp.DirResult;
  const icm = randomBytes(3000);
  const big = randomBytes(5 * 1024 * 1024 + 123);

  beforeAll(async () => {
    dir = tmp.dirSync({ unsafeCleanup: true, prefix: 'pointprint-client-samba-' });
    for (const d of ['color', 'x64/3', 'W32X86/3']) mkdirSync(join(dir.name, d), { recursive: true });
    writeFileSync(join(dir.name, 'color', 'Hpclrlsr.icm'), icm);
    writeFileSync(join(dir.name, 'x64', '3', 'BIG.DLL'), big);
    samba = await startSamba({ printDollar: dir.name, printers: ['HpColor'] });
  });

  afterAll(async () => {
    await samba?.stop();
    dir?.removeCallback();
  });

  test.each([
    ['3.1.1', 0x0311],
    ['2.1', 0x0210],
    ['3.0 (VALIDATE_NEGOTIATE_INFO)', 0x0300],
  ] as Array<[string, Smb2Dialect]>)(
    'SMB %s signed: list, read, pipelined read, spoolss bind',
    async (_name, dialect) => {
      const client = await Smb2Client.connect({
        host: '127.0.0.1',
        port: samba.port,
        dialects: [dialect],
        signing: 'required',
      });
      try {
        expect(client.dialect).toBe(dialect);
        const session = await client.login({ user: samba.user, password: samba.password, domain: 'SAMBAREF' });
        expect(session.signed).toBe(true);

        const printDollar = await session.treeConnect('print$');
        expect(printDollar.shareType).toBe('disk');
        const names = (await printDollar.list('')).map((e) => e.name).sort();
        expect(names).toEqual(expect.arrayContaining(['color', 'x64', 'W32X86']));
        const color = await printDollar.list('color');
        expect(color).toEqual([
          expect.objectContaining({ name: 'Hpclrlsr.icm', size: icm.length, isDirectory: false }),
        ]);
        const file = await printDollar.openRead('color\\Hpclrlsr.icm');
        expect((await file.read(0, file.size)).equals(icm)).toBe(true);
        await file.close();

        const { size, stream } = await printDollar.createReadStream('x64/3/BIG.DLL', {
          chunkSize: 256 * 1024,
          parallel: 4,
        });
        expect(size).toBe(big.length);
        const h = createHash('sha256');
        for await (const chunk of stream as AsyncIterable<Buffer>) h.update(chunk);
        expect(h.digest('hex')).toBe(createHash('sha256').update(big).digest('hex'));
        // The same file to a sink: smbd's READ responses land in the connection's reused buffers.
        const viaSink = createHash('sha256');
        const n = await printDollar.readFileToSink('x64/3/BIG.DLL', (chunk) => void viaSink.update(chunk), {
          chunkSize: 512 * 1024,
          parallel: 4,
        });
        expect(n).toBe(big.length);
        expect(viaSink.digest('hex')).toBe(createHash('sha256').update(big).digest('hex'));

        const missing = await session.treeConnect('NOSUCHSHARE').catch((e: unknown) => e);
        expect(missing).toBeInstanceOf(NtStatusError);
        expect((missing as NtStatusError).status).toBe(NtStatus.STATUS_BAD_NETWORK_NAME);

        const ipc = await session.treeConnect('IPC$');
        expect(ipc.shareType).toBe('pipe');
        const spoolss = await ipc.openPipe('spoolss');
        const ack = await spoolss.transceive(rprnBindPdu(1));
        expect(ack[0]).toBe(5);
        expect(ack[2]).toBe(RPC_PTYPE_BIND_ACK);
        expect(ack.readUInt16LE(8)).toBe(ack.length);
        await spoolss.close();
        const spoolss2 = await ipc.openPipe('spoolss');
        const ack2 = await spoolss2.transceive(rprnBindPdu(2), 20);
        expect(ack2[2]).toBe(RPC_PTYPE_BIND_ACK);
        expect(ack2.readUInt16LE(8)).toBe(ack2.length);
        await spoolss2.close();

        await ipc.disconnect();
        await printDollar.disconnect();
        await session.logoff();
      } finally {
        await client.close();
      }
    },
  );

  test('SMB 3.1.1 with signing only enabled: an unsigned session still lists and reads', async () => {
    const client = await Smb2Client.connect({ host: '127.0.0.1', port: samba.port });
    try {
      const session = await client.login({ user: samba.user, password: samba.password });
      expect(session.signed).toBe(false);
      const printDollar = await session.treeConnect('PRINT$');
      const file = await printDollar.openRead('color/Hpclrlsr.icm');
      expect((await file.read(0, file.size)).equals(icm)).toBe(true);
      await file.close();
    } finally {
      await client.close();
    }
  });

  test('wrong password -> AuthenticationError', async () => {
    const client = await Smb2Client.connect({ host: '127.0.0.1', port: samba.port });
    try {
      await expect(client.login({ user: samba.user, password: 'not-the-password' })).rejects.toBeInstanceOf(
        AuthenticationError,
      );
    } finally {
      await client.close();
    }
  });

  test.each([
    ['3.1.1 AES-128-GCM', 0x0311, Smb2Cipher.AES_128_GCM],
    ['3.1.1 AES-256-GCM', 0x0311, Smb2Cipher.AES_256_GCM],
    ['3.1.1 AES-128-CCM', 0x0311, Smb2Cipher.AES_128_CCM],
    ['3.0 AES-128-CCM', 0x0300, Smb2Cipher.AES_128_CCM],
  ] as Array<[string, Smb2Dialect, Smb2Cipher]>)(
    'SMB %s, encryption required: smbd decrypts and answers sealed',
    async (_n, dialect, cipher) => {
      const client = await Smb2Client.connect({
        host: '127.0.0.1',
        port: samba.port,
        dialects: [dialect],
        encryption: 'required',
        ciphers: [cipher],
      });
      try {
        expect(client.negotiation.cipher).toBe(cipher);
        const session = await client.login({ user: samba.user, password: samba.password, domain: 'SAMBAREF' });
        expect(session.encrypted).toBe(true);
        const printDollar = await session.treeConnect('print$');
        const { stream } = await printDollar.createReadStream('x64/3/BIG.DLL');
        const h = createHash('sha256');
        for await (const chunk of stream as AsyncIterable<Buffer>) h.update(chunk);
        expect(h.digest('hex')).toBe(createHash('sha256').update(big).digest('hex'));
      } finally {
        await client.close();
      }
    },
  );
});
