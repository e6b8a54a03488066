/**
 * IPC$ and printer shares through the real print server host (lib/host): named pipes driven by
 * FSCTL_PIPE_TRANSCEIVE and by WRITE/READ, pipe info classes, and a print job made of
 * CREATE + WRITE + CLOSE on a PRINTQ share.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { duplexPair } from 'node:stream';
import { NtStatus } from '../../../lib/common/status/ntstatus';
import { PrintServerHost } from '../../../lib/host/print-server-host';
import { PacketType } from '../../../lib/rpc/constants';
import { encodeBind } from '../../../lib/rpc/pdu/bind';
import { FileInformationClass, FsctlCode, Smb2Command } from '../../../lib/smb2/constants';
import type { FileId } from '../../../lib/smb2/messages/common';
import { decodeIoctlResponse, encodeIoctlRequest } from '../../../lib/smb2/messages/ioctl';
import { decodeQueryInfoResponse, encodeQueryInfoRequest } from '../../../lib/smb2/messages/query-info';
import { decodeReadResponse, encodeReadRequest, plainReadRequest } from '../../../lib/smb2/messages/read';
import { decodeTreeConnectResponse } from '../../../lib/smb2/messages/tree-connect';
import { decodeWriteResponse, encodeWriteRequest } from '../../../lib/smb2/messages/write';
import { FIXTURE_STORE } from './helpers/harness';
import { RawSmb2Client } from './helpers/raw-client';

const REPO = path.resolve(__dirname, '../../..');
const SRVSVC = { uuid: '4b324fc8-1670-01d3-1278-5a47bf6ee188', major: 3, minor: 0 };
const NDR20 = { uuid: '8a885d04-1ceb-11c9-9fe8-08002b104860', major: 2, minor: 0 };

function bindPdu(callId: number): Buffer {
  return encodeBind(PacketType.BIND, {
    callId,
    maxXmitFrag: 4280,
    maxRecvFrag: 4280,
    assocGroupId: 0,
    contexts: [{ contextId: 0, abstractSyntax: SRVSVC, transferSyntaxes: [NDR20] }],
  });
}

describe('IPC$ pipes and printer shares', () => {
  let host: PrintServerHost;
  let state: string;
  beforeAll(async () => {
    state = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-smb2-host-'));
    host = await PrintServerHost.create({
      fixtureDir: path.join(REPO, 'registry-fixtures', 'NTPRINT'),
      driversDir: FIXTURE_STORE,
      users: [{ name: 'carol', password: 'pw-carol', groups: ['Users'] }],
      stateDir: state,
    });
  });
  afterAll(async () => {
    await host.close();
    await fs.rm(state, { recursive: true, force: true });
  });

  const connect = async (share: string): Promise<RawSmb2Client> => {
    const [a, b] = duplexPair();
    host.smb2.handle(b);
    const c = new RawSmb2Client(a);
    await c.login('carol', 'pw-carol', share);
    return c;
  };

  const transceive = (c: RawSmb2Client, fileId: FileId, input: Buffer, maxOutputResponse: number) =>
    c.send(Smb2Command.IOCTL, (w, base) =>
      encodeIoctlRequest(w, base, {
        ctlCode: FsctlCode.FSCTL_PIPE_TRANSCEIVE,
        fileId,
        input,
        maxInputResponse: 0,
        maxOutputResponse,
        flags: 1,
      }),
    );

  const readPipe = (c: RawSmb2Client, fileId: FileId, length: number) =>
    c.send(Smb2Command.READ, (w) => encodeReadRequest(w, plainReadRequest(fileId, 0, length)));

  it('opens srvsvc on IPC$ and binds over FSCTL_PIPE_TRANSCEIVE, continuing an overflow with READ', async () => {
    const c = await connect('IPC$');
    const pipe = await c.create('srvsvc', { desiredAccess: 0x0012019f });
    expect(pipe.response.status).toBe(0);
    const full = await transceive(c, pipe.fileId!, bindPdu(1), 4280);
    expect(full.status).toBe(0);
    const ack = decodeIoctlResponse(full.body(), 0).output;
    expect(ack[2]).toBe(PacketType.BIND_ACK);
    expect(ack.readUInt16LE(8)).toBe(ack.length); // frag_length

    const pipe2 = await c.create('srvsvc', { desiredAccess: 0x0012019f });
    const part = await transceive(c, pipe2.fileId!, bindPdu(2), 16);
    expect(part.status).toBe(NtStatus.STATUS_BUFFER_OVERFLOW);
    const first = decodeIoctlResponse(part.body(), 0).output;
    expect(first.length).toBe(16);
    const rest = await readPipe(c, pipe2.fileId!, 4280);
    expect(rest.status).toBe(0);
    expect(Buffer.concat([first, decodeReadResponse(rest.body(), 0).data]).length).toBe(first.readUInt16LE(8));
    expect((await readPipe(c, pipe2.fileId!, 10)).status).toBe(NtStatus.STATUS_PIPE_EMPTY);
  });

  it('drives a pipe with WRITE then READ, and answers the pipe info classes', async () => {
    const c = await connect('IPC$');
    const pipe = await c.create('srvsvc');
    const bind = bindPdu(7);
    const wr = await c.send(Smb2Command.WRITE, (w, base) =>
      encodeWriteRequest(w, base, {
        offset: 0n,
        fileId: pipe.fileId!,
        channel: 0,
        remainingBytes: 0,
        flags: 0,
        data: bind,
      }),
    );
    expect(wr.status).toBe(0);
    expect(decodeWriteResponse(wr.body()).count).toBe(bind.length);
    const rd = await readPipe(c, pipe.fileId!, 4280);
    expect(rd.status).toBe(0);
    expect(decodeReadResponse(rd.body(), 0).data[2]).toBe(PacketType.BIND_ACK);
    const q = async (cls: number) => {
      const r = await c.send(Smb2Command.QUERY_INFO, (w, base) =>
        encodeQueryInfoRequest(w, base, {
          infoType: 1,
          fileInfoClass: cls,
          outputBufferLength: 1024,
          input: Buffer.alloc(0),
          additionalInformation: 0,
          flags: 0,
          fileId: pipe.fileId!,
        }),
      );
      return { status: r.status, out: r.status === 0 ? decodeQueryInfoResponse(r.body(), 0).output : Buffer.alloc(0) };
    };
    const std = await q(FileInformationClass.FileStandardInformation);
    expect(std.status).toBe(0);
    expect(std.out.length).toBe(24);
    expect(std.out.readBigUInt64LE(0)).toBe(4096n); // AllocationSize
    expect(std.out[20]).toBe(1); // DeletePending, as Windows reports for a pipe
    const pi = await q(FileInformationClass.FilePipeInformation);
    expect([pi.status, pi.out.readUInt32LE(0)]).toEqual([0, 1]); // message read mode
    expect((await c.create('nosuchpipe')).response.status).toBe(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND);
  });

  it('turns CREATE + WRITE + CLOSE on a printer share into a print job', async () => {
    const c = await connect('HpColor');
    expect(decodeTreeConnectResponse((await c.treeConnect('\\\\127.0.0.1\\HpColor')).body()).shareType).toBe(0x03);
    const doc = await c.create('quarterly report.txt', { desiredAccess: 0x00120116, disposition: 5 });
    expect(doc.response.status).toBe(0);
    const bytes = Buffer.from('%!PS\nshowpage\n');
    const wr = await c.send(Smb2Command.WRITE, (w, base) =>
      encodeWriteRequest(w, base, {
        offset: 0n,
        fileId: doc.fileId!,
        channel: 0,
        remainingBytes: 0,
        flags: 0,
        data: bytes,
      }),
    );
    expect(wr.status).toBe(0);
    expect((await c.close(doc.fileId!)).status).toBe(0);
    const caller = { userName: 'carol', groups: ['Users'], isAdministrator: false, remote: false };
    const handle = await host.printServer.openPrinter('HpColor', { desiredAccess: 0x00020008 }, caller);
    const jobs = await host.printServer.enumJobs(handle, 0, 100);
    await host.printServer.closePrinter(handle);
    const job = jobs.find((j) => j.documentName === 'quarterly report.txt');
    expect(job).toBeDefined();
    expect(job!.userName.toLowerCase()).toBe('carol');
  });
});
