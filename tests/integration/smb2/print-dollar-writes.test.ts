/**
 * A writable PRINT$ (a state folder's copy of the drivers store) over an in-memory duplex:
 * an administrator creates, writes, flushes, truncates, renames and deletes, with the NTSTATUS
 * Windows gives for each refusal; a normal user, and anyone on a read-only store, gets
 * STATUS_ACCESS_DENIED; nothing is ever written outside the store.
 * SET_INFO buffers are built here by hand from [MS-FSCC] 2.4, not with the server's decoder.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NtStatus } from '../../../lib/common/status/ntstatus';
import { DriverStore } from '../../../lib/drivers/driver-store';
import { CreateAction, FileInformationClass, InfoType, Smb2Command } from '../../../lib/smb2/constants';
import type { FileId } from '../../../lib/smb2/messages/common';
import { decodeCreateResponse } from '../../../lib/smb2/messages/create';
import { encodeFlushRequest } from '../../../lib/smb2/messages/flush';
import { decodeReadResponse, encodeReadRequest, plainReadRequest } from '../../../lib/smb2/messages/read';
import { encodeSetInfoRequest } from '../../../lib/smb2/messages/set-info';
import { decodeTreeConnectResponse } from '../../../lib/smb2/messages/tree-connect';
import { decodeWriteResponse, encodeWriteRequest } from '../../../lib/smb2/messages/write';
import { FIXTURE_STORE, PASSWORD, USER, startHarness, type Harness } from './helpers/harness';
import type { RawSmb2Client } from './helpers/raw-client';

const ADMIN = 'admin';
const ADMIN_PASSWORD = 'Admin#Pw1';
const FILE_GENERIC_WRITE = 0x00120116;
const FILE_GENERIC_READ = 0x00120089;
const DELETE = 0x00010000;
const FILE_DIRECTORY_FILE = 0x01;
const FILE_DELETE_ON_CLOSE = 0x1000;
const Disposition = { SUPERSEDE: 0, OPEN: 1, CREATE: 2, OPEN_IF: 3, OVERWRITE: 4, OVERWRITE_IF: 5 } as const;

async function write(c: RawSmb2Client, fileId: FileId, offset: bigint, data: Buffer) {
  const r = await c.send(Smb2Command.WRITE, (w, base) =>
    encodeWriteRequest(w, base, { offset, fileId, channel: 0, remainingBytes: 0, flags: 0, data }),
  );
  return { status: r.status, count: r.status === 0 ? decodeWriteResponse(r.body()).count : 0 };
}

async function read(c: RawSmb2Client, fileId: FileId, offset: number, length: number): Promise<Buffer> {
  const r = await c.send(Smb2Command.READ, (w) => encodeReadRequest(w, plainReadRequest(fileId, offset, length)));
  expect(r.status).toBe(0);
  return decodeReadResponse(r.body(), 0).data;
}

async function setInfo(c: RawSmb2Client, fileId: FileId, fileInfoClass: number, buffer: Buffer): Promise<number> {
  const r = await c.send(Smb2Command.SET_INFO, (w, base) =>
    encodeSetInfoRequest(w, base, {
      infoType: InfoType.SMB2_0_INFO_FILE,
      fileInfoClass,
      additionalInformation: 0,
      fileId,
      buffer,
    }),
  );
  return r.status;
}

/** FileRenameInformation (2.4.42.2): ReplaceIfExists, 7 reserved, RootDirectory 8, length, name. */
function renameBuffer(name: string, replace = false): Buffer {
  const n = Buffer.from(name, 'utf16le');
  const b = Buffer.alloc(20 + n.length);
  b[0] = replace ? 1 : 0;
  b.writeUInt32LE(n.length, 16);
  n.copy(b, 20);
  return b;
}

const u64 = (n: bigint): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return b;
};

/** The CreateAction of a successful CREATE. */
async function createAction(c: RawSmb2Client, name: string, o: Parameters<RawSmb2Client['create']>[1]) {
  const r = await c.create(name, o);
  if (r.response.status !== 0) return { status: r.response.status };
  const action = decodeCreateResponse(r.response.body(), 0).createAction;
  expect((await c.close(r.fileId!)).status).toBe(0);
  return { status: 0, action };
}

describe('PRINT$ writable by administrators', () => {
  let root: string;
  let storeRoot: string;
  let outside: string;
  let h: Harness;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'pointprint-print-writes-'));
    storeRoot = path.join(root, 'drivers');
    outside = path.join(root, 'outside');
    await fs.cp(FIXTURE_STORE, storeRoot, { recursive: true });
    await fs.mkdir(outside);
    await fs.symlink(outside, path.join(storeRoot, 'escape'));
    h = await startHarness({
      driverStore: await DriverStore.open(storeRoot, { writable: true }),
      users: [
        { name: USER, password: PASSWORD, groups: ['Users'] },
        { name: ADMIN, password: ADMIN_PASSWORD, groups: ['Administrators'] },
      ],
    });
  });
  afterAll(async () => {
    await h.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  const admin = async (): Promise<RawSmb2Client> => {
    const c = h.connect();
    await c.login(ADMIN, ADMIN_PASSWORD);
    const t = await c.treeConnect('\\\\127.0.0.1\\PRINT$');
    expect(decodeTreeConnectResponse(t.body()).maximalAccess).toBe(0x001f01ff);
    return c;
  };

  it('an administrator uploads a file: CREATE, WRITE at offsets and at the end, FLUSH, CLOSE, then READ', async () => {
    const c = await admin();
    const f = await c.create('x64\\upload.dll', {
      desiredAccess: FILE_GENERIC_WRITE | FILE_GENERIC_READ,
      disposition: Disposition.CREATE,
    });
    expect(f.response.status).toBe(0);
    expect(decodeCreateResponse(f.response.body(), 0).createAction).toBe(CreateAction.FILE_CREATED);
    const part1 = Buffer.alloc(60_000, 0x41);
    const part2 = Buffer.from('the rest');
    expect(await write(c, f.fileId!, 0n, part1)).toEqual({ status: 0, count: part1.length });
    // [MS-FSA] 2.1.5.3: an offset of all ones appends.
    expect(await write(c, f.fileId!, 0xffffffffffffffffn, part2)).toEqual({ status: 0, count: part2.length });
    const flush = await c.send(Smb2Command.FLUSH, (w) => encodeFlushRequest(w, { fileId: f.fileId! }));
    expect(flush.status).toBe(0);
    expect((await read(c, f.fileId!, 60_000, 100)).toString()).toBe('the rest');
    expect((await c.close(f.fileId!)).status).toBe(0);
    const onDisk = await fs.readFile(path.join(storeRoot, 'x64', 'upload.dll'));
    expect(onDisk.equals(Buffer.concat([part1, part2]))).toBe(true);
  });

  it('answers each create disposition as Windows does, and makes folders', async () => {
    const c = await admin();
    const w = { desiredAccess: FILE_GENERIC_WRITE };
    await fs.writeFile(path.join(storeRoot, 'x64', 'd.txt'), 'twelve bytes');
    expect(await createAction(c, 'x64\\d.txt', { ...w, disposition: Disposition.CREATE })).toEqual({
      status: NtStatus.STATUS_OBJECT_NAME_COLLISION,
    });
    expect(await createAction(c, 'x64\\D.TXT', { ...w, disposition: Disposition.OPEN_IF })).toEqual({
      status: 0,
      action: CreateAction.FILE_OPENED,
    });
    expect(await createAction(c, 'x64\\d.txt', { ...w, disposition: Disposition.OVERWRITE_IF })).toEqual({
      status: 0,
      action: CreateAction.FILE_OVERWRITTEN,
    });
    expect((await fs.stat(path.join(storeRoot, 'x64', 'd.txt'))).size).toBe(0);
    expect(await createAction(c, 'x64\\d.txt', { ...w, disposition: Disposition.SUPERSEDE })).toEqual({
      status: 0,
      action: CreateAction.FILE_SUPERSEDED,
    });
    expect(await createAction(c, 'x64\\new.txt', { ...w, disposition: Disposition.OPEN_IF })).toEqual({
      status: 0,
      action: CreateAction.FILE_CREATED,
    });
    expect(await createAction(c, 'x64\\none.txt', { ...w, disposition: Disposition.OVERWRITE })).toEqual({
      status: NtStatus.STATUS_OBJECT_NAME_NOT_FOUND,
    });
    expect(await createAction(c, 'nodir\\x.txt', { ...w, disposition: Disposition.CREATE })).toEqual({
      status: NtStatus.STATUS_OBJECT_PATH_NOT_FOUND,
    });
    expect(
      await createAction(c, 'x64\\staging', { ...w, disposition: Disposition.CREATE, options: FILE_DIRECTORY_FILE }),
    ).toEqual({ status: 0, action: CreateAction.FILE_CREATED });
    expect((await fs.stat(path.join(storeRoot, 'x64', 'staging'))).isDirectory()).toBe(true);
    // Delete-on-close needs the right to delete.
    expect(await createAction(c, 'x64\\d.txt', { ...w, options: FILE_DELETE_ON_CLOSE })).toEqual({
      status: NtStatus.STATUS_ACCESS_DENIED,
    });
    expect(await createAction(c, 'x64', { ...w, disposition: Disposition.OVERWRITE_IF })).toEqual({
      status: NtStatus.STATUS_INVALID_PARAMETER, // [MS-FSA] 2.1.5.1.2.1: a folder is not overwritten
    });
  });

  it('SET_INFO: end of file, times, rename within the share, and delete', async () => {
    const c = await admin();
    const all = { desiredAccess: FILE_GENERIC_WRITE | FILE_GENERIC_READ | DELETE, disposition: Disposition.CREATE };
    const f = await c.create('x64\\moving.dll', all);
    expect(f.response.status).toBe(0);
    await write(c, f.fileId!, 0n, Buffer.from('0123456789'));
    expect(await setInfo(c, f.fileId!, FileInformationClass.FileEndOfFileInformation, u64(4n))).toBe(0);
    // FileBasicInformation: keep the creation and change times, set LastWriteTime to 2020-01-01.
    const basic = Buffer.alloc(40);
    const when = new Date('2020-01-01T00:00:00Z');
    basic.writeBigUInt64LE(BigInt(when.getTime()) * 10_000n + 116444736000000000n, 16);
    expect(await setInfo(c, f.fileId!, FileInformationClass.FileBasicInformation, basic)).toBe(0);
    expect(await setInfo(c, f.fileId!, FileInformationClass.FileEndOfFileInformation, u64(1n).subarray(0, 4))).toBe(
      NtStatus.STATUS_INFO_LENGTH_MISMATCH,
    );
    await fs.writeFile(path.join(storeRoot, 'x64', '3', 'taken.dll'), 'taken');
    expect(
      await setInfo(c, f.fileId!, FileInformationClass.FileRenameInformation, renameBuffer('x64\\3\\taken.dll')),
    ).toBe(NtStatus.STATUS_OBJECT_NAME_COLLISION);
    expect(
      await setInfo(c, f.fileId!, FileInformationClass.FileRenameInformation, renameBuffer('..\\..\\out.dll')),
    ).toBe(NtStatus.STATUS_OBJECT_NAME_INVALID);
    expect(
      await setInfo(c, f.fileId!, FileInformationClass.FileRenameInformation, renameBuffer('x64\\3\\moved.dll')),
    ).toBe(0);
    expect((await c.close(f.fileId!)).status).toBe(0);
    const moved = path.join(storeRoot, 'x64', '3', 'moved.dll');
    expect(await fs.readFile(moved, 'utf8')).toBe('0123');
    expect((await fs.stat(moved)).mtime.toISOString()).toBe(when.toISOString());
    await expect(fs.stat(path.join(storeRoot, 'x64', 'moving.dll'))).rejects.toThrow();

    // Delete through the disposition, then through FILE_DELETE_ON_CLOSE.
    const d = await c.create('x64\\3\\moved.dll', { desiredAccess: DELETE });
    expect(await setInfo(c, d.fileId!, FileInformationClass.FileDispositionInformation, Buffer.from([1]))).toBe(0);
    expect((await c.close(d.fileId!)).status).toBe(0);
    await expect(fs.stat(moved)).rejects.toThrow();
    const t = await c.create('x64\\3\\taken.dll', { desiredAccess: DELETE, options: FILE_DELETE_ON_CLOSE });
    expect(t.response.status).toBe(0);
    expect((await c.close(t.fileId!)).status).toBe(0);
    await expect(fs.stat(path.join(storeRoot, 'x64', '3', 'taken.dll'))).rejects.toThrow();
    // A folder with files cannot be marked for deletion.
    const dir = await c.create('x64\\3', { desiredAccess: DELETE, options: FILE_DIRECTORY_FILE });
    expect(await setInfo(c, dir.fileId!, FileInformationClass.FileDispositionInformation, Buffer.from([1]))).toBe(
      NtStatus.STATUS_DIRECTORY_NOT_EMPTY,
    );
    expect((await c.close(dir.fileId!)).status).toBe(0);
    // SET_INFO needs the right on the open: a read-only open may not rename.
    const ro = await c.create('color\\Hpclrlsr.icm');
    expect(await setInfo(c, ro.fileId!, FileInformationClass.FileRenameInformation, renameBuffer('color\\x.icm'))).toBe(
      NtStatus.STATUS_ACCESS_DENIED,
    );
    expect((await write(c, ro.fileId!, 0n, Buffer.from('x'))).status).toBe(NtStatus.STATUS_ACCESS_DENIED);
  });

  it('never writes outside the store, through a link or a name', async () => {
    const c = await admin();
    const w = { desiredAccess: FILE_GENERIC_WRITE, disposition: Disposition.OVERWRITE_IF };
    expect((await c.create('escape\\evil.dll', w)).response.status).toBe(NtStatus.STATUS_ACCESS_DENIED);
    expect((await c.create('escape', { ...w, disposition: Disposition.OPEN })).response.status).toBe(
      NtStatus.STATUS_ACCESS_DENIED,
    );
    expect((await c.create('..\\evil.dll', w)).response.status).toBe(NtStatus.STATUS_OBJECT_PATH_SYNTAX_BAD);
    expect((await c.create('x64\\..\\..\\evil.dll', w)).response.status).toBe(NtStatus.STATUS_OBJECT_PATH_SYNTAX_BAD);
    expect((await c.create('x64\\a:stream', w)).response.status).toBe(NtStatus.STATUS_OBJECT_NAME_INVALID);
    expect(await fs.readdir(outside)).toEqual([]);
    await expect(fs.stat(path.join(root, 'evil.dll'))).rejects.toThrow();
  });

  it('a normal user reads, and gets STATUS_ACCESS_DENIED for every write', async () => {
    const c = h.connect();
    await c.login(USER, PASSWORD);
    const t = await c.treeConnect('\\\\127.0.0.1\\PRINT$');
    expect(decodeTreeConnectResponse(t.body()).maximalAccess).toBe(0x001200a9);
    const status = async (name: string, o: Parameters<RawSmb2Client['create']>[1]) =>
      (await c.create(name, o)).response.status;
    expect(await status('x64\\user.dll', { desiredAccess: FILE_GENERIC_WRITE, disposition: Disposition.CREATE })).toBe(
      NtStatus.STATUS_ACCESS_DENIED,
    );
    expect(await status('x64\\userdir', { disposition: Disposition.CREATE, options: FILE_DIRECTORY_FILE })).toBe(
      NtStatus.STATUS_ACCESS_DENIED,
    );
    expect(await status('color\\Hpclrlsr.icm', { desiredAccess: FILE_GENERIC_WRITE })).toBe(
      NtStatus.STATUS_ACCESS_DENIED,
    );
    expect(await status('color\\Hpclrlsr.icm', { disposition: Disposition.OVERWRITE_IF })).toBe(
      NtStatus.STATUS_ACCESS_DENIED,
    );
    const f = await c.create('color\\Hpclrlsr.icm');
    expect(f.response.status).toBe(0);
    expect((await write(c, f.fileId!, 0n, Buffer.from('x'))).status).toBe(NtStatus.STATUS_ACCESS_DENIED);
    expect(await setInfo(c, f.fileId!, FileInformationClass.FileEndOfFileInformation, u64(0n))).toBe(
      NtStatus.STATUS_ACCESS_DENIED,
    );
    await expect(fs.stat(path.join(storeRoot, 'x64', 'user.dll'))).rejects.toThrow();
  });

  it('an administrator cannot write into a read-only store (a fixture served without a state folder)', async () => {
    const ro = await startHarness({
      users: [{ name: ADMIN, password: ADMIN_PASSWORD, groups: ['Administrators'] }],
    });
    try {
      const c = ro.connect();
      await c.login(ADMIN, ADMIN_PASSWORD);
      const t = await c.treeConnect('\\\\127.0.0.1\\PRINT$');
      expect(decodeTreeConnectResponse(t.body()).maximalAccess).toBe(0x001200a9);
      const r = await c.create('x64\\new.dll', { desiredAccess: FILE_GENERIC_WRITE, disposition: Disposition.CREATE });
      expect(r.response.status).toBe(NtStatus.STATUS_ACCESS_DENIED);
    } finally {
      await ro.close();
    }
  });
});
