/**
 * PRINT$ end to end over an in-memory duplex: every dialect, listing, reading, info classes,
 * compounds, read-only refusals and path escapes.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BufferReader } from '../../../lib/common/binary/buffer-reader';
import { BufferWriter } from '../../../lib/common/binary/buffer-writer';
import { NtStatus } from '../../../lib/common/status/ntstatus';
import {
  FileInformationClass,
  FsInformationClass,
  FsctlCode,
  InfoType,
  Smb2Command,
  Smb2Flags,
  type Smb2DialectValue,
} from '../../../lib/smb2/constants';
import { encodeCreateRequest } from '../../../lib/smb2/messages/create';
import { decodeIoctlResponse, encodeIoctlRequest } from '../../../lib/smb2/messages/ioctl';
import { decodeQueryDirectoryResponse, encodeQueryDirectoryRequest } from '../../../lib/smb2/messages/query-directory';
import { decodeQueryInfoResponse, encodeQueryInfoRequest } from '../../../lib/smb2/messages/query-info';
import { decodeReadResponse, encodeReadRequest, plainReadRequest } from '../../../lib/smb2/messages/read';
import { encodeCloseRequest } from '../../../lib/smb2/messages/close';
import type { FileId } from '../../../lib/smb2/messages/common';
import { encodeValidateNegotiateInfoRequest } from '../../../lib/smb2/messages/validate-negotiate-info';
import { encodeFrame } from '../../../lib/smb2/framing';
import { FIXTURE_STORE, PASSWORD, USER, startHarness, type Harness } from './helpers/harness';
import type { RawSmb2Client } from './helpers/raw-client';

const FF: FileId = { persistent: 0xffffffffffffffffn, volatile: 0xffffffffffffffffn };

/** Names in a FileIdBothDirectoryInformation buffer, parsed by hand ([MS-FSCC] 2.4.17: name at 104). */
function namesIn(buf: Buffer): string[] {
  const names: string[] = [];
  for (let at = 0; ;) {
    const next = buf.readUInt32LE(at);
    const len = buf.readUInt32LE(at + 60);
    names.push(buf.toString('utf16le', at + 104, at + 104 + len));
    if (next === 0) break;
    at += next;
  }
  return names;
}

async function queryDirectory(
  c: RawSmb2Client,
  fileId: FileId,
  pattern: string,
  flags = 0,
  infoClass = 0x25,
  outputBufferLength = 65536,
) {
  const r = await c.send(Smb2Command.QUERY_DIRECTORY, (w, base) =>
    encodeQueryDirectoryRequest(w, base, {
      fileInformationClass: infoClass,
      flags,
      fileIndex: 0,
      fileId,
      fileName: pattern,
      outputBufferLength,
    }),
  );
  return {
    status: r.status,
    output: r.status === 0 ? decodeQueryDirectoryResponse(r.body(), 0).output : Buffer.alloc(0),
  };
}

async function read(c: RawSmb2Client, fileId: FileId, offset: number, length: number, creditCharge = 1) {
  const r = await c.send(Smb2Command.READ, (w) => encodeReadRequest(w, plainReadRequest(fileId, offset, length)), {
    creditCharge,
  });
  return {
    status: r.status,
    data: r.status === 0 ? decodeReadResponse(r.body(), 0).data : Buffer.alloc(0),
    response: r,
  };
}

async function queryInfo(
  c: RawSmb2Client,
  fileId: FileId,
  infoType: number,
  infoClass: number,
  outputBufferLength = 4096,
  additionalInformation = 0,
) {
  const r = await c.send(Smb2Command.QUERY_INFO, (w, base) =>
    encodeQueryInfoRequest(w, base, {
      infoType,
      fileInfoClass: infoClass,
      outputBufferLength,
      input: Buffer.alloc(0),
      additionalInformation,
      flags: 0,
      fileId,
    }),
  );
  return {
    status: r.status,
    output:
      r.status === 0 || r.status === NtStatus.STATUS_BUFFER_OVERFLOW
        ? decodeQueryInfoResponse(r.body(), 0).output
        : Buffer.alloc(0),
    response: r,
  };
}

describe('PRINT$ over SMB2', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const dialects: Smb2DialectValue[] = [0x0202, 0x0210, 0x0300, 0x0302, 0x0311];
  it.each(dialects.map((d) => [`0x${d.toString(16).padStart(4, '0')}`, d] as const))(
    'dialect %s: lists the root and reads color\\Hpclrlsr.icm byte for byte',
    async (_name, dialect) => {
      const c = h.connect();
      await c.login(USER, PASSWORD, 'print$', [dialect]);
      expect(c.dialect).toBe(dialect);
      const dir = await c.create('', { options: 1 });
      expect(dir.response.status).toBe(0);
      const first = await queryDirectory(c, dir.fileId!, '*');
      expect(first.status).toBe(0);
      const names = namesIn(first.output);
      expect(names).toEqual(expect.arrayContaining(['.', '..', 'color', 'x64', 'W32X86']));
      expect((await queryDirectory(c, dir.fileId!, '*')).status).toBe(NtStatus.STATUS_NO_MORE_FILES);
      const again = await queryDirectory(c, dir.fileId!, '*', 0x01);
      expect(namesIn(again.output)).toEqual(names);
      expect((await c.close(dir.fileId!)).status).toBe(0);

      const file = await c.create('color\\HPCLRLSR.ICM');
      expect(file.response.status).toBe(0);
      const expected = await fs.readFile(path.join(FIXTURE_STORE, 'color', 'Hpclrlsr.icm'));
      expect(file.endOfFile).toBe(BigInt(expected.length));
      const got = await read(c, file.fileId!, 0, 65536);
      expect(got.status).toBe(0);
      expect(got.data.equals(expected)).toBe(true);
      expect((await read(c, file.fileId!, expected.length, 10)).status).toBe(NtStatus.STATUS_END_OF_FILE);
      expect((await c.close(file.fileId!)).status).toBe(0);
      expect((await read(c, file.fileId!, 0, 10)).status).toBe(NtStatus.STATUS_FILE_CLOSED);
    },
  );

  it('matches patterns with * and ? and resumes across small buffers', async () => {
    const c = h.connect();
    await c.login(USER, PASSWORD, 'PRINT$');
    const dir = await c.create('x64\\3', { options: 1 });
    const gpd = await queryDirectory(c, dir.fileId!, '*.gpd');
    const names = namesIn(gpd.output);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => /\.gpd$/i.test(n))).toBe(true);
    const q = await queryDirectory(c, dir.fileId!, 'UNIDRV.???', 0x01);
    expect(
      namesIn(q.output)
        .map((n) => n.toUpperCase())
        .sort(),
    ).toEqual(['UNIDRV.DLL', 'UNIDRV.HLP']);
    // One entry at a time: the buffer holds one entry only, the cursor moves on.
    const seen: string[] = [];
    let flags = 0x01;
    for (;;) {
      const r = await queryDirectory(c, dir.fileId!, '*', flags, 0x25, 200);
      flags = 0;
      if (r.status === NtStatus.STATUS_NO_MORE_FILES) break;
      expect(r.status).toBe(0);
      seen.push(...namesIn(r.output));
    }
    const all = await queryDirectory(c, dir.fileId!, '*', 0x01);
    expect(seen).toEqual(namesIn(all.output));
    const none = await queryDirectory(c, dir.fileId!, 'nothing-*', 0x01);
    expect(none.status).toBe(NtStatus.STATUS_NO_SUCH_FILE);
  });

  it('answers every directory information class with entries in the layout of [MS-FSCC]', async () => {
    const c = h.connect();
    await c.login(USER, PASSWORD, 'PRINT$');
    const dir = await c.create('color', { options: 1 });
    const nameOffset: Record<number, number> = { 0x01: 64, 0x02: 68, 0x03: 94, 0x25: 104, 0x26: 80, 0x0c: 12 };
    const lengthOffset: Record<number, number> = { 0x01: 60, 0x02: 60, 0x03: 60, 0x25: 60, 0x26: 60, 0x0c: 8 };
    for (const cls of [0x01, 0x02, 0x03, 0x25, 0x26, 0x0c]) {
      const r = await queryDirectory(c, dir.fileId!, 'Hpclrlsr.icm', 0x01, cls);
      expect(r.status).toBe(0);
      const len = r.output.readUInt32LE(lengthOffset[cls]);
      expect(r.output.toString('utf16le', nameOffset[cls], nameOffset[cls]! + len)).toBe('Hpclrlsr.icm');
      if (cls !== 0x0c) expect(r.output.readBigUInt64LE(40)).toBe(580n); // EndOfFile
    }
    expect((await queryDirectory(c, dir.fileId!, '*', 0x01, 0x22)).status).toBe(NtStatus.STATUS_INVALID_INFO_CLASS);
  });

  it('answers the file, file-system and security classes clients ask for', async () => {
    const c = h.connect();
    await c.login(USER, PASSWORD, 'PRINT$');
    const f = await c.create('color\\Hpclrlsr.icm');
    const id = f.fileId!;
    const sizes: Array<[number, number]> = [
      [FileInformationClass.FileBasicInformation, 40],
      [FileInformationClass.FileStandardInformation, 24],
      [FileInformationClass.FileInternalInformation, 8],
      [FileInformationClass.FileEaInformation, 4],
      [FileInformationClass.FileNetworkOpenInformation, 56],
      [FileInformationClass.FileAttributeTagInformation, 8],
      [FileInformationClass.FileIdInformation, 24],
    ];
    for (const [cls, size] of sizes) {
      const r = await queryInfo(c, id, InfoType.SMB2_0_INFO_FILE, cls);
      expect([cls, r.status, r.output.length]).toEqual([cls, 0, size]);
    }
    const std = await queryInfo(c, id, InfoType.SMB2_0_INFO_FILE, FileInformationClass.FileStandardInformation);
    expect(std.output.readBigUInt64LE(8)).toBe(580n);
    const all = await queryInfo(c, id, InfoType.SMB2_0_INFO_FILE, FileInformationClass.FileAllInformation);
    expect(all.status).toBe(0);
    const nameLength = all.output.readUInt32LE(96);
    expect(all.output.toString('utf16le', 100, 100 + nameLength)).toBe('\\color\\Hpclrlsr.icm');
    const truncated = await queryInfo(c, id, InfoType.SMB2_0_INFO_FILE, FileInformationClass.FileAllInformation, 104);
    expect(truncated.status).toBe(NtStatus.STATUS_BUFFER_OVERFLOW);
    expect(truncated.output.length).toBe(104);
    expect(
      (await queryInfo(c, id, InfoType.SMB2_0_INFO_FILE, FileInformationClass.FileBasicInformation, 8)).status,
    ).toBe(NtStatus.STATUS_INFO_LENGTH_MISMATCH);
    const streams = await queryInfo(c, id, InfoType.SMB2_0_INFO_FILE, FileInformationClass.FileStreamInformation);
    expect(streams.output.toString('utf16le', 24, 24 + streams.output.readUInt32LE(4))).toBe('::$DATA');
    for (const [cls, min] of [
      [FsInformationClass.FileFsVolumeInformation, 18],
      [FsInformationClass.FileFsSizeInformation, 24],
      [FsInformationClass.FileFsFullSizeInformation, 32],
      [FsInformationClass.FileFsAttributeInformation, 12],
      [FsInformationClass.FileFsDeviceInformation, 8],
      [FsInformationClass.FileFsSectorSizeInformation, 28],
    ] as const) {
      const r = await queryInfo(c, id, InfoType.SMB2_0_INFO_FILESYSTEM, cls);
      expect(r.status).toBe(0);
      expect(r.output.length).toBeGreaterThanOrEqual(min);
    }
    const attr = await queryInfo(c, id, InfoType.SMB2_0_INFO_FILESYSTEM, FsInformationClass.FileFsAttributeInformation);
    expect(attr.output.toString('utf16le', 12)).toBe('NTFS');
    const sd = await queryInfo(c, id, InfoType.SMB2_0_INFO_SECURITY, 0, 4096, 0x7);
    expect(sd.status).toBe(0);
    expect(sd.output.readUInt16LE(2) & 0x8004).toBe(0x8004); // SE_SELF_RELATIVE | SE_DACL_PRESENT
    const small = await queryInfo(c, id, InfoType.SMB2_0_INFO_SECURITY, 0, 8, 0x7);
    expect(small.status).toBe(NtStatus.STATUS_BUFFER_TOO_SMALL);
    const errorBody = small.response.body();
    errorBody.skip(4);
    expect(errorBody.u32()).toBe(4);
    expect(errorBody.u32()).toBe(sd.output.length);
    expect((await queryInfo(c, id, InfoType.SMB2_0_INFO_FILE, 0x33)).status).toBe(NtStatus.STATUS_INVALID_INFO_CLASS);
  });

  it('refuses writes, deletes, creation and every way out of the store', async () => {
    const c = h.connect();
    await c.login(USER, PASSWORD, 'PRINT$');
    const status = async (name: string, o: { desiredAccess?: number; disposition?: number; options?: number } = {}) =>
      (await c.create(name, o)).response.status;
    expect(await status('color\\Hpclrlsr.icm', { desiredAccess: 0x00120116 })).toBe(NtStatus.STATUS_ACCESS_DENIED); // FILE_GENERIC_WRITE
    expect(await status('color\\Hpclrlsr.icm', { desiredAccess: 0x00010000 })).toBe(NtStatus.STATUS_ACCESS_DENIED); // DELETE
    expect(await status('color\\Hpclrlsr.icm', { options: 0x1000 })).toBe(NtStatus.STATUS_ACCESS_DENIED); // DELETE_ON_CLOSE
    expect(await status('new.txt', { disposition: 2 })).toBe(NtStatus.STATUS_ACCESS_DENIED);
    expect(await status('color\\Hpclrlsr.icm', { disposition: 5 })).toBe(NtStatus.STATUS_ACCESS_DENIED);
    expect(await status('color', { disposition: 2 })).toBe(NtStatus.STATUS_OBJECT_NAME_COLLISION);
    expect(await status('..\\..\\..\\etc\\passwd')).toBe(NtStatus.STATUS_OBJECT_PATH_SYNTAX_BAD);
    expect(await status('color\\..\\..\\etc\\passwd')).toBe(NtStatus.STATUS_OBJECT_PATH_SYNTAX_BAD);
    expect(await status('\\etc\\passwd')).toBe(NtStatus.STATUS_INVALID_PARAMETER);
    expect(await status('C:\\Windows\\win.ini')).toBe(NtStatus.STATUS_OBJECT_NAME_INVALID);
    expect(await status('NUL')).toBe(NtStatus.STATUS_OBJECT_NAME_INVALID);
    expect(await status('color\\COM1.txt')).toBe(NtStatus.STATUS_OBJECT_NAME_INVALID);
    expect(await status('color\\Hpclrlsr.icm:secret')).toBe(NtStatus.STATUS_OBJECT_NAME_INVALID);
    expect(await status('nothing.txt')).toBe(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND);
    expect(await status('nodir\\nothing.txt')).toBe(NtStatus.STATUS_OBJECT_PATH_NOT_FOUND);
    expect(await status('color', { options: 0x40 })).toBe(NtStatus.STATUS_FILE_IS_A_DIRECTORY);
    expect(await status('color\\Hpclrlsr.icm', { options: 0x01 })).toBe(NtStatus.STATUS_NOT_A_DIRECTORY);
  });

  it('answers DFS referrals as a server without DFS, and FSCTL_VALIDATE_NEGOTIATE_INFO for 3.0', async () => {
    const c = h.connect();
    await c.login(USER, PASSWORD, 'IPC$', [0x0202, 0x0210, 0x0300]);
    const dfs = await c.send(Smb2Command.IOCTL, (w, base) =>
      encodeIoctlRequest(w, base, {
        ctlCode: FsctlCode.FSCTL_DFS_GET_REFERRALS,
        fileId: FF,
        input: Buffer.from('\0\0\\\0N\0\0\0', 'latin1'),
        maxInputResponse: 0,
        maxOutputResponse: 4096,
        flags: 1,
      }),
    );
    expect(dfs.status).toBe(NtStatus.STATUS_FS_DRIVER_REQUIRED);
    const vw = new BufferWriter(64);
    encodeValidateNegotiateInfoRequest(vw, {
      capabilities: 0,
      guid: Buffer.alloc(16, 0x42),
      securityMode: 1,
      dialects: [0x0202, 0x0210, 0x0300],
    });
    const v = await c.send(Smb2Command.IOCTL, (w, base) =>
      encodeIoctlRequest(w, base, {
        ctlCode: FsctlCode.FSCTL_VALIDATE_NEGOTIATE_INFO,
        fileId: FF,
        input: vw.finish(),
        maxInputResponse: 0,
        maxOutputResponse: 24,
        flags: 1,
      }),
    );
    expect(v.status).toBe(0);
    expect(c.verify(v)).toBe(true);
    const out = new BufferReader(decodeIoctlResponse(v.body(), 0).output);
    expect(out.u32()).toBe(c.negotiateResponse!.capabilities);
    expect(out.bytes(16).equals(c.negotiateResponse!.serverGuid)).toBe(true);
    expect(out.u16()).toBe(c.negotiateResponse!.securityMode);
    expect(out.u16()).toBe(0x0300);
    // A lie about what was negotiated loses the connection.
    const bad = new BufferWriter(64);
    encodeValidateNegotiateInfoRequest(bad, {
      capabilities: 0,
      guid: Buffer.alloc(16, 0x42),
      securityMode: 1,
      dialects: [0x0300],
    });
    await c
      .send(Smb2Command.IOCTL, (w, base) =>
        encodeIoctlRequest(w, base, {
          ctlCode: FsctlCode.FSCTL_VALIDATE_NEGOTIATE_INFO,
          fileId: FF,
          input: bad.finish(),
          maxInputResponse: 0,
          maxOutputResponse: 24,
          flags: 1,
        }),
      )
      .catch(() => undefined);
    expect(await c.waitClosed()).toBe(true);
  });

  it('answers a related compound CREATE + QUERY_INFO + CLOSE, and fails the chain after a failed CREATE', async () => {
    const c = h.connect();
    await c.login(USER, PASSWORD, 'PRINT$');
    const chain = (name: string): { bytes: Buffer; first: bigint } => {
      const parts = [
        c.build(Smb2Command.CREATE, (w, base) =>
          encodeCreateRequest(w, base, {
            securityFlags: 0,
            requestedOplockLevel: 0,
            impersonationLevel: 2,
            smbCreateFlags: 0n,
            desiredAccess: 0x80,
            fileAttributes: 0,
            shareAccess: 7,
            createDisposition: 1,
            createOptions: 0,
            name,
            createContexts: [],
          }),
        ),
        c.build(
          Smb2Command.QUERY_INFO,
          (w, base) =>
            encodeQueryInfoRequest(w, base, {
              infoType: 1,
              fileInfoClass: FileInformationClass.FileNetworkOpenInformation,
              outputBufferLength: 56,
              input: Buffer.alloc(0),
              additionalInformation: 0,
              flags: 0,
              fileId: FF,
            }),
          { flags: Smb2Flags.SMB2_FLAGS_RELATED_OPERATIONS },
        ),
        c.build(Smb2Command.CLOSE, (w) => encodeCloseRequest(w, { flags: 0, fileId: FF }), {
          flags: Smb2Flags.SMB2_FLAGS_RELATED_OPERATIONS,
        }),
      ];
      const padded = parts.map((p, i) => {
        if (i === parts.length - 1) return p.bytes;
        const b = Buffer.concat([p.bytes, Buffer.alloc((8 - (p.bytes.length % 8)) % 8)]);
        b.writeUInt32LE(b.length, 20);
        return b;
      });
      return { bytes: Buffer.concat(padded), first: parts[0]!.messageId };
    };
    const responses = async (name: string): Promise<number[]> => {
      const { bytes, first } = chain(name);
      const got: number[] = [];
      await new Promise<void>((resolve) => {
        const onData = (chunk: Buffer): void => {
          const payload = chunk.subarray(4);
          for (let at = 0; ;) {
            got.push(payload.readUInt32LE(at + 8));
            const next = payload.readUInt32LE(at + 20);
            if (next === 0) break;
            at += next;
          }
          c.stream.off('data', onData);
          resolve();
        };
        c.stream.on('data', onData);
        c.writeRaw(encodeFrame(bytes));
      });
      expect(first).toBeGreaterThan(0n);
      return got;
    };
    expect(await responses('color\\Hpclrlsr.icm')).toEqual([0, 0, 0]);
    const failed = await responses('color\\missing.icm');
    expect(failed).toEqual([
      NtStatus.STATUS_OBJECT_NAME_NOT_FOUND,
      NtStatus.STATUS_OBJECT_NAME_NOT_FOUND,
      NtStatus.STATUS_OBJECT_NAME_NOT_FOUND,
    ]);
  });
});

describe('PRINT$ large files and multi-credit reads', () => {
  let dir: string;
  let h: Harness;
  const big = Buffer.alloc(3 * 1024 * 1024 + 123);
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-smb2-'));
    for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 11)) & 0xff;
    await fs.mkdir(path.join(dir, 'x64', '3'), { recursive: true });
    await fs.writeFile(path.join(dir, 'x64', '3', 'BIG.CAB'), big);
    await fs.symlink('/etc', path.join(dir, 'escape'));
    h = await startHarness({ storeRoot: dir });
  });
  afterAll(async () => {
    await h.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reads a large file in 1 MiB multi-credit reads and refuses an undercharged read', async () => {
    const c = h.connect();
    await c.login(USER, PASSWORD, 'print$', [0x0311]);
    const f = await c.create('x64\\3\\big.cab');
    expect(f.endOfFile).toBe(BigInt(big.length));
    const chunks: Buffer[] = [];
    for (let at = 0; at < big.length; at += 1 << 20) {
      const r = await read(c, f.fileId!, at, 1 << 20, 16);
      expect(r.status).toBe(0);
      chunks.push(r.data);
    }
    expect(Buffer.concat(chunks).equals(big)).toBe(true);
    expect((await read(c, f.fileId!, 0, 1 << 20, 1)).status).toBe(NtStatus.STATUS_INVALID_PARAMETER);
    expect((await read(c, f.fileId!, 0, 16 * 1024 * 1024, 256)).status).toBe(NtStatus.STATUS_INVALID_PARAMETER);
  });

  it('answers pipelined READs with the right data, and a CLOSE behind them after them', async () => {
    const c = h.connect();
    await c.login(USER, PASSWORD, 'print$', [0x0311]);
    const f = await c.create('x64\\3\\big.cab');
    const order: string[] = [];
    const tag = <T>(name: string, p: Promise<T>): Promise<T> =>
      p.then((v) => {
        order.push(name);
        return v;
      });
    const reads = [0, 1, 2, 3].map((i) => tag(`read${i}`, read(c, f.fileId!, i << 20, 1 << 20, 16)));
    const closed = tag('close', c.close(f.fileId!));
    const after = tag('after', read(c, f.fileId!, 0, 10));
    const got = await Promise.all(reads);
    expect(got.map((r) => r.status)).toEqual([0, 0, 0, 0]);
    expect(Buffer.concat(got.map((r) => r.data)).equals(big)).toBe(true);
    expect((await closed).status).toBe(0);
    expect((await after).status).toBe(NtStatus.STATUS_FILE_CLOSED);
    expect(order.slice(4)).toEqual(['close', 'after']);
  });

  it('does not follow a symbolic link out of the store', async () => {
    const c = h.connect();
    await c.login(USER, PASSWORD, 'print$');
    const r = await c.create('escape\\passwd');
    expect([
      NtStatus.STATUS_ACCESS_DENIED,
      NtStatus.STATUS_OBJECT_PATH_NOT_FOUND,
      NtStatus.STATUS_OBJECT_NAME_NOT_FOUND,
    ]).toContain(r.response.status);
    const root = await c.create('', { options: 1 });
    const listing = await queryDirectory(c, root.fileId!, '*');
    expect(namesIn(listing.output)).not.toContain('escape');
  });
});
