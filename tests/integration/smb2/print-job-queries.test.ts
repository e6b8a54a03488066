/**
 * Queries on a print job handle ([MS-SMB2] 3.3.5.20): on Windows a job is a file in
 * spool\PRINTERS and Samba spools it to a file, so file, volume and security queries get a spool
 * file's answers — not STATUS_INVALID_INFO_CLASS or STATUS_ACCESS_DENIED — with the buffer checks
 * smbtorture's smb2.getinfo.q*_buffercheck expect: below the class's Windows structure size
 * STATUS_INFO_LENGTH_MISMATCH, a cut name STATUS_BUFFER_OVERFLOW, a security descriptor that does
 * not fit STATUS_BUFFER_TOO_SMALL with the size it needs.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { duplexPair } from 'node:stream';
import { NtStatus } from '../../../lib/common/status/ntstatus';
import { PrintServerHost } from '../../../lib/host/print-server-host';
import { FileInformationClass, FsInformationClass, InfoType, Smb2Command } from '../../../lib/smb2/constants';
import type { FileId } from '../../../lib/smb2/messages/common';
import { decodeQueryInfoResponse, encodeQueryInfoRequest } from '../../../lib/smb2/messages/query-info';
import { encodeWriteRequest } from '../../../lib/smb2/messages/write';
import { FIXTURE_STORE } from './helpers/harness';
import { RawSmb2Client } from './helpers/raw-client';

const REPO = path.resolve(__dirname, '../../..');

async function query(
  c: RawSmb2Client,
  fileId: FileId,
  infoType: number,
  infoClass: number,
  outputBufferLength = 4096,
  additionalInformation = 0,
): Promise<{ status: number; output: Buffer; errorData: Buffer }> {
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
  const ok = r.status === 0 || r.status === NtStatus.STATUS_BUFFER_OVERFLOW;
  return {
    status: r.status,
    output: ok ? decodeQueryInfoResponse(r.body(), 0).output : Buffer.alloc(0),
    // ERROR response: StructureSize 2 | ErrorContextCount 1 | Reserved 1 | ByteCount 4 | ErrorData.
    errorData: ok ? Buffer.alloc(0) : r.message.subarray(64 + 8),
  };
}

describe('queries on a print job handle', () => {
  let host: PrintServerHost;
  let state: string;
  let c: RawSmb2Client;
  let job: FileId;

  beforeAll(async () => {
    state = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-job-queries-'));
    host = await PrintServerHost.create({
      fixtureDir: path.join(REPO, 'registry-fixtures', 'NTPRINT'),
      driversDir: FIXTURE_STORE,
      users: [{ name: 'carol', password: 'pw-carol', groups: ['Users'] }],
      stateDir: state,
    });
    const [a, b] = duplexPair();
    host.smb2.handle(b);
    c = new RawSmb2Client(a);
    await c.login('carol', 'pw-carol', 'HpColor');
    const doc = await c.create('report.txt', { desiredAccess: 0x00120116 | 0x00020000, disposition: 5 });
    expect(doc.response.status).toBe(0);
    job = doc.fileId!;
    const wr = await c.send(Smb2Command.WRITE, (w, base) =>
      encodeWriteRequest(w, base, {
        offset: 0n,
        fileId: job,
        channel: 0,
        remainingBytes: 0,
        flags: 0,
        data: Buffer.alloc(1000, 0x41),
      }),
    );
    expect(wr.status).toBe(0);
  });
  afterAll(async () => {
    c.stream.end();
    await host.close();
    await fs.rm(state, { recursive: true, force: true });
  });

  it('answers FileStandardInformation and the other file classes with the job so far', async () => {
    const std = await query(c, job, InfoType.SMB2_0_INFO_FILE, FileInformationClass.FileStandardInformation);
    expect(std.status).toBe(0);
    expect(std.output.readBigUInt64LE(8)).toBe(1000n); // EndOfFile
    expect(std.output[21]).toBe(0); // not a directory
    const position = await query(c, job, InfoType.SMB2_0_INFO_FILE, FileInformationClass.FilePositionInformation);
    expect(position.output.readBigUInt64LE(0)).toBe(1000n);
    const all = await query(c, job, InfoType.SMB2_0_INFO_FILE, FileInformationClass.FileAllInformation);
    expect(all.status).toBe(0);
    expect(all.output.toString('utf16le', 100, 100 + all.output.readUInt32LE(96))).toBe('\\report.txt');
    expect((await query(c, job, InfoType.SMB2_0_INFO_FILE, FileInformationClass.FileAllInformation, 103)).status).toBe(
      NtStatus.STATUS_INFO_LENGTH_MISMATCH,
    );
    expect((await query(c, job, InfoType.SMB2_0_INFO_FILE, FileInformationClass.FileAllInformation, 104)).status).toBe(
      NtStatus.STATUS_BUFFER_OVERFLOW,
    );
    expect((await query(c, job, InfoType.SMB2_0_INFO_FILE, 0x33)).status).toBe(NtStatus.STATUS_INVALID_INFO_CLASS);
  });

  it('answers the volume classes for the spool folder, with Windows structure sizes as minimums', async () => {
    for (const [cls, size] of [
      [FsInformationClass.FileFsVolumeInformation, 24],
      [FsInformationClass.FileFsSizeInformation, 24],
      [FsInformationClass.FileFsDeviceInformation, 8],
      [FsInformationClass.FileFsAttributeInformation, 16],
      [FsInformationClass.FileFsControlInformation, 48],
      [FsInformationClass.FileFsFullSizeInformation, 32],
      [FsInformationClass.FileFsObjectIdInformation, 64],
      [FsInformationClass.FileFsSectorSizeInformation, 28],
    ] as const) {
      const full = await query(c, job, InfoType.SMB2_0_INFO_FILESYSTEM, cls);
      expect(full.status).toBe(0);
      expect(full.output.length).toBeGreaterThanOrEqual(size);
      expect((await query(c, job, InfoType.SMB2_0_INFO_FILESYSTEM, cls, size - 1)).status).toBe(
        NtStatus.STATUS_INFO_LENGTH_MISMATCH,
      );
      expect((await query(c, job, InfoType.SMB2_0_INFO_FILESYSTEM, cls, size)).status).toBe(
        full.output.length > size ? NtStatus.STATUS_BUFFER_OVERFLOW : 0,
      );
    }
    const volume = await query(c, job, InfoType.SMB2_0_INFO_FILESYSTEM, FsInformationClass.FileFsVolumeInformation);
    expect(volume.output.toString('utf16le', 18)).toBe('HpColor');
  });

  it('answers a security query that does not fit with STATUS_BUFFER_TOO_SMALL and the size it needs', async () => {
    for (const length of [0, 1]) {
      const small = await query(c, job, InfoType.SMB2_0_INFO_SECURITY, 0, length, 0);
      expect(small.status).toBe(NtStatus.STATUS_BUFFER_TOO_SMALL);
      expect(small.errorData.readUInt32LE(0)).toBe(20); // an empty self-relative descriptor
    }
    const sd = await query(c, job, InfoType.SMB2_0_INFO_SECURITY, 0, 4096, 0x7);
    expect(sd.status).toBe(0);
    expect(sd.output.readUInt16LE(2) & 0x8004).toBe(0x8004); // SE_SELF_RELATIVE | SE_DACL_PRESENT
  });
});
