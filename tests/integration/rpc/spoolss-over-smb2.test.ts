/**
 * The RPC pipes behind a real Smb2Server on 127.0.0.1:0, driven with our Smb2Client and raw PDUs
 * built from the pdu codecs: bind over FSCTL_PIPE_TRANSCEIVE, multi-fragment responses read back
 * with READ, handles that stay on their own pipe, a broken pipe that harms no other, srvsvc.
 */
import { createSilentLogger } from '../../../lib/common/logger';
import {
  FaultStatus,
  MSRPC_UUID_RPRN,
  MSRPC_UUID_SRVSVC,
  NDR20_SYNTAX,
  PacketType,
  PfcFlags,
} from '../../../lib/rpc/constants';
import { decodeBindAck, encodeBind } from '../../../lib/rpc/pdu/bind';
import { decodeFault, decodeResponse, encodeRequest } from '../../../lib/rpc/pdu/request';
import { createRpcPipeProvider } from '../../../lib/rpc/rpc-pipe-provider';
import { RprnOpnum } from '../../../lib/rpc/rprn/opnums';
import { Smb2Client } from '../../../lib/smb2/client/smb2-client';
import type { Smb2Pipe } from '../../../lib/smb2/client/smb2-pipe';
import { Smb2Server } from '../../../lib/smb2/server/smb2-server';
import { createTestServer } from '../../helpers/test-print-server';
import { Bytes } from '../../helpers/hex';
import { encodeRequestStub } from '../../../lib/rpc/ndr/ndr-message';
import { splClientInfo1Record } from '../../../lib/rpc/rprn/client/info-records';
import { windowsClientInfo } from '../../../lib/rpc/rprn/client/rprn-client';
import { RpcOpenPrinterEx } from '../../../lib/rpc/rprn/messages/open-printer-ex';

jest.setTimeout(30000);

/** OpenPrinterEx(name, PRINTER_ACCESS_USE) with the SPLCLIENT_INFO_1 a Windows client sends. */
function openPrinterExStub(name: string): Buffer {
  return encodeRequestStub(RpcOpenPrinterEx, {
    printerName: name,
    accessRequired: 8,
    clientInfo: { level: 1, info: splClientInfo1Record(windowsClientInfo()) },
  });
}

describe('RPC pipes over SMB2', () => {
  let smb: Smb2Server;
  let port: number;
  let client: Smb2Client;
  let pipes: Smb2Pipe[];

  beforeAll(async () => {
    const t = await createTestServer();
    const users = [{ name: 'alice', password: 'pw', groups: ['Users'] }];
    const provider = createRpcPipeProvider({
      printProvider: t.server,
      shares: () => smb.shares(),
      serverName: 'NTPRINT',
      logger: createSilentLogger(),
    });
    smb = new Smb2Server({
      serverName: 'NTPRINT',
      domain: 'WORKGROUP',
      users,
      allowGuest: false,
      allowAnonymous: false,
      allowNtlmV1: false,
      signingRequired: false,
      driverStore: t.driverStore,
      pipes: provider,
    });
    port = (await smb.listen(0, '127.0.0.1')).port;
    client = await Smb2Client.connect({ host: '127.0.0.1', port });
    const session = await client.login({ user: 'alice', password: 'pw' });
    const ipc = await session.treeConnect('IPC$');
    pipes = [
      await ipc.openPipe('spoolss'),
      await ipc.openPipe('spoolss'),
      await ipc.openPipe('srvsvc'),
      await ipc.openPipe('spoolss'),
    ];
  });
  afterAll(async () => {
    await client.close();
    await smb.close();
  });

  const bind = async (pipe: Smb2Pipe, iface = MSRPC_UUID_RPRN, maxRecv = 4280): Promise<void> => {
    const ack = decodeBindAck(
      await pipe.transceive(
        encodeBind(PacketType.BIND, {
          callId: 1,
          maxXmitFrag: 4280,
          maxRecvFrag: maxRecv,
          assocGroupId: 0,
          contexts: [{ contextId: 0, abstractSyntax: iface, transferSyntaxes: [NDR20_SYNTAX] }],
        }),
      ),
    );
    expect(ack.results[0]!.result).toBe(0);
  };

  /** One call; reads every response fragment. */
  const callRpc = async (
    pipe: Smb2Pipe,
    callId: number,
    opnum: number,
    stub: Buffer,
  ): Promise<{ stub: Buffer; fragments: number } | { fault: number }> => {
    // Requests larger than the server's max_recv_frag (4280) go as several fragments.
    const room = 4280 - 24;
    let at = 0;
    for (; stub.length - at > room; at += room) {
      const flags = at === 0 ? PfcFlags.PFC_FIRST_FRAG : 0;
      await pipe.write(
        encodeRequest({
          callId,
          flags,
          allocHint: stub.length - at,
          contextId: 0,
          opnum,
          stub: stub.subarray(at, at + room),
        }),
      );
    }
    const lastFlags = PfcFlags.PFC_LAST_FRAG | (at === 0 ? PfcFlags.PFC_FIRST_FRAG : 0);
    let pdu = await pipe.transceive(
      encodeRequest({
        callId,
        flags: lastFlags,
        allocHint: stub.length - at,
        contextId: 0,
        opnum,
        stub: stub.subarray(at),
      }),
    );
    if (pdu[2] === PacketType.FAULT) return { fault: decodeFault(pdu).status };
    const parts: Buffer[] = [];
    let fragments = 0;
    for (;;) {
      const r = decodeResponse(pdu);
      expect(r.header.callId).toBe(callId);
      parts.push(r.stub);
      fragments++;
      if ((r.header.flags & PfcFlags.PFC_LAST_FRAG) !== 0) break;
      pdu = await pipe.read(65536);
    }
    return { stub: Buffer.concat(parts), fragments };
  };

  it('binds with sec_addr \\PIPE\\spoolss', async () => {
    const ack = decodeBindAck(
      await pipes[0]!.transceive(
        encodeBind(PacketType.BIND, {
          callId: 1,
          maxXmitFrag: 4280,
          maxRecvFrag: 1432,
          assocGroupId: 0,
          contexts: [{ contextId: 0, abstractSyntax: MSRPC_UUID_RPRN, transferSyntaxes: [NDR20_SYNTAX] }],
        }),
      ),
    );
    expect(ack.secondaryAddress).toBe('\\PIPE\\spoolss');
    expect(ack.maxXmitFrag).toBe(1432);
    await bind(pipes[1]!);
  });

  it('fragments a large response to max_recv_frag and the client reads the rest', async () => {
    const open = await callRpc(pipes[0]!, 2, RprnOpnum.RpcOpenPrinterEx, openPrinterExStub('\\\\NTPRINT\\HpColor'));
    if (!('stub' in open)) throw new Error('fault');
    expect(open.stub.readUInt32LE(20)).toBe(0);
    const handle = open.stub.subarray(0, 20);
    // GetPrinterDriver2 level 8 into a 6000-byte buffer: about 6 KiB of stub, five 1432-byte fragments.
    const cb = 6000;
    const req = new Bytes()
      .raw(handle)
      .u32(0x20000)
      .ndrString('Windows x64')
      .pad(4)
      .u32(8)
      .u32(0x20004)
      .u32(cb)
      .raw(Buffer.alloc(cb))
      .u32(cb)
      .u32(3)
      .u32(0)
      .build();
    const res = await callRpc(pipes[0]!, 3, RprnOpnum.RpcGetPrinterDriver2, req);
    if (!('stub' in res)) throw new Error(`fault ${JSON.stringify(res)}`);
    expect(res.fragments).toBeGreaterThan(1);
    expect(res.stub.readUInt32LE(res.stub.length - 4)).toBe(0);
    expect(res.stub.includes(Buffer.from('Windows x64', 'utf16le'))).toBe(true);

    // The handle belongs to pipe 0: on pipe 1 it is unknown.
    const other = await callRpc(pipes[1]!, 4, RprnOpnum.RpcClosePrinter, handle);
    expect(other).toEqual({ fault: FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH });
    const closed = await callRpc(pipes[0]!, 5, RprnOpnum.RpcClosePrinter, handle);
    expect(closed).toEqual({ stub: Buffer.alloc(24), fragments: 1 });
  });

  it('a fragment larger than max_recv_frag, or garbage, breaks that pipe alone', async () => {
    // The oversized fragment gets nca_s_proto_error, then the association is over (Samba's
    // dcesrv_fault_disconnect); garbage cannot even be framed.
    const oversized = await pipes[0]!.transceive(
      encodeRequest({ callId: 9, flags: 3, allocHint: 0, contextId: 0, opnum: 0, stub: Buffer.alloc(5000) }),
    );
    expect(decodeFault(oversized).status).toBe(FaultStatus.NCA_S_PROTO_ERROR);
    await expect(pipes[0]!.transceive(Buffer.alloc(16))).rejects.toThrow(/PIPE_BROKEN/);
    await expect(pipes[1]!.transceive(Buffer.from('05000003100000000400000001000000', 'hex'))).rejects.toThrow(
      /PIPE_BROKEN/,
    );
    const ipcPipe = pipes[3]!;
    await bind(ipcPipe);
    const open = await callRpc(ipcPipe, 6, RprnOpnum.RpcOpenPrinterEx, openPrinterExStub('\\\\NTPRINT\\HpColor'));
    expect('stub' in open && open.stub.readUInt32LE(20)).toBe(0);
  });

  it('srvsvc NetrShareEnum level 1 over its own pipe', async () => {
    await bind(pipes[2]!, MSRPC_UUID_SRVSVC);
    const stub = new Bytes().u32(0).u32(1).u32(1).u32(0x20000).u32(0).u32(0).u32(0xffffffff).u32(0).build();
    const res = await callRpc(pipes[2]!, 2, 15, stub);
    if (!('stub' in res)) throw new Error('fault');
    expect(res.stub.readUInt32LE(res.stub.length - 4)).toBe(0);
    expect(res.stub.includes(Buffer.from('IPC$', 'utf16le'))).toBe(true);
    expect(res.stub.includes(Buffer.from('PRINT$', 'utf16le'))).toBe(true);
  });
});
