/**
 * MS-PAR's remote notifications over a real TCP RPC connection at PKT_PRIVACY ([MS-PAR] 3.1.4.9):
 * a client registers on HpColor, another connection prints, and the long poll completes with the
 * job's fields; a pending poll does not hold up the other calls of its connection; unregistering
 * ends the poll; bad handles fault; registrations are bounded and end with their connection.
 */
import { ntlmInitiatorMechanism } from '../../../lib/rpc/auth/ntlm-mechanism';
import { RpcClientSecurity } from '../../../lib/rpc/auth/client-security';
import type { RpcSecurityContext } from '../../../lib/rpc/auth/security-context';
import { RpcClient } from '../../../lib/rpc/client/rpc-client';
import { connectTcpTransport } from '../../../lib/rpc/client/tcp-transport';
import { FaultStatus, NDR20_SYNTAX, PacketType, RpcAuthnLevel } from '../../../lib/rpc/constants';
import { decodeResponseStub, encodeRequestStub } from '../../../lib/rpc/ndr/ndr-message';
import {
  IREMOTEWINSPOOL_OBJECT_UUID,
  IREMOTEWINSPOOL_SYNTAX,
  ParError,
  ParOpnum,
} from '../../../lib/rpc/par/constants';
import { RpcAsyncGetRemoteNotifications } from '../../../lib/rpc/par/messages/async-get-remote-notifications';
import { RpcSyncRefreshRemoteNotifications } from '../../../lib/rpc/par/messages/sync-refresh-remote-notifications';
import { RpcSyncRegisterForRemoteNotifications } from '../../../lib/rpc/par/messages/sync-register-for-remote-notifications';
import { RpcSyncUnRegisterForRemoteNotifications } from '../../../lib/rpc/par/messages/sync-unregister-for-remote-notifications';
import { notifyFilterProperties, parseNotifyData } from '../../../lib/rpc/par/notifications/notify-filter';
import { NotifyResult } from '../../../lib/rpc/par/notifications/remote-notifications';
import { PAR_OPNUMS } from '../../../lib/rpc/par/par-opnums';
import { decodeFault, encodeRequest } from '../../../lib/rpc/pdu/request';
import { encodeBind } from '../../../lib/rpc/pdu/bind';
import { RprnClient, windowsClientInfo } from '../../../lib/rpc/rprn/client/rprn-client';
import { splClientInfo1Record } from '../../../lib/rpc/rprn/client/info-records';
import { RpcOpenPrinterEx } from '../../../lib/rpc/rprn/messages/open-printer-ex';
import { JobStatus } from '../../../lib/spoolss/constants';
import { JobNotifyField, NotifyTable, PrinterChangeFlag } from '../../../lib/spoolss/printer-notify';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { RawRpc } from '../../helpers/raw-rpc';

jest.setTimeout(60_000);

const ALICE = { user: 'alice', password: 'Passw0rd!', domain: '', workstation: 'PPCLIENT' };
const ADMIN = { user: 'admin', password: 'Adm1n!pass', domain: '', workstation: 'PPADMIN' };
const F = JobNotifyField;
const JOB_FILTER = notifyFilterProperties({
  flags: PrinterChangeFlag.PRINTER_CHANGE_JOB,
  notifyOptions: {
    version: 2,
    flags: 0,
    types: [
      {
        type: 1,
        fields: [
          F.JOB_NOTIFY_FIELD_DOCUMENT,
          F.JOB_NOTIFY_FIELD_USER_NAME,
          F.JOB_NOTIFY_FIELD_STATUS,
          F.JOB_NOTIFY_FIELD_TOTAL_BYTES,
        ],
      },
    ],
  },
  color: 7,
});

describe('MS-PAR remote notifications over TCP at PKT_PRIVACY', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(() => server.close());

  const connect = async (who = ALICE, assocGroupId?: number): Promise<{ rpc: RpcClient; par: RprnClient }> => {
    const rpc = await RpcClient.bind(
      await connectTcpTransport(server.host, server.rpcPort),
      { uuid: IREMOTEWINSPOOL_SYNTAX.uuid, version: 1 },
      {
        security: { mechanism: ntlmInitiatorMechanism(who), authLevel: RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY },
        objectUuid: IREMOTEWINSPOOL_OBJECT_UUID,
        ...(assocGroupId !== undefined && { assocGroupId }),
      },
    );
    return { rpc, par: new RprnClient(rpc, { opnums: PAR_OPNUMS }) };
  };
  const register = async (rpc: RpcClient, hPrinter: Buffer, filter = JOB_FILTER) =>
    decodeResponseStub(
      RpcSyncRegisterForRemoteNotifications,
      await rpc.call(
        ParOpnum.RpcSyncRegisterForRemoteNotifications,
        encodeRequestStub(RpcSyncRegisterForRemoteNotifications, { hPrinter, filter }),
      ),
    );
  const poll = async (rpc: RpcClient, handle: Buffer) =>
    decodeResponseStub(
      RpcAsyncGetRemoteNotifications,
      await rpc.call(
        ParOpnum.RpcAsyncGetRemoteNotifications,
        encodeRequestStub(RpcAsyncGetRemoteNotifications, { handle }),
      ),
    );
  const unregister = async (rpc: RpcClient, handle: Buffer) =>
    decodeResponseStub(
      RpcSyncUnRegisterForRemoteNotifications,
      await rpc.call(
        ParOpnum.RpcSyncUnRegisterForRemoteNotifications,
        encodeRequestStub(RpcSyncUnRegisterForRemoteNotifications, { handle }),
      ),
    );
  const printJob = async (par: RprnClient, document: string, data: Buffer): Promise<number> => {
    const h = await par.openPrinterEx(`\\\\${server.host}\\HpColor`, 8);
    const jobId = await par.startDocPrinter(h, { documentName: document, datatype: 'RAW' });
    await par.writePrinter(h, data);
    await par.endDocPrinter(h);
    await par.closePrinter(h);
    return jobId;
  };

  it('register, another connection prints, the long poll completes with the job; refresh; unregister', async () => {
    const a = await connect();
    const b = await connect(ADMIN);
    const hPrinter = await a.par.openPrinterEx(`\\\\${server.host}\\HpColor`, 8);
    const reg = await register(a.rpc, hPrinter);
    expect(reg.status).toBe(0);
    expect(reg.handle.equals(Buffer.alloc(20))).toBe(false);

    let settled = false;
    const pending = poll(a.rpc, reg.handle).finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(settled).toBe(false); // nothing changed yet: the call waits

    const jobId = await printJob(b.par, 'quarterly.pdf', Buffer.from('%!PS-Adobe quarterly'));
    const reply = await pending;
    expect(reply.status).toBe(0);
    const data = parseNotifyData(reply.data ?? []);
    expect(data?.color).toBe(7);
    expect((data?.flags ?? 0) & PrinterChangeFlag.PRINTER_CHANGE_ADD_JOB).toBeTruthy();
    const fields = new Map(data?.info?.data.filter((d) => d.id === jobId).map((d) => [d.field, d.data]));
    expect(fields.get(F.JOB_NOTIFY_FIELD_DOCUMENT)).toEqual({
      table: NotifyTable.TABLE_STRING,
      value: 'quarterly.pdf',
    });
    expect(fields.get(F.JOB_NOTIFY_FIELD_USER_NAME)).toEqual({ table: NotifyTable.TABLE_STRING, value: 'admin' });
    expect(fields.get(F.JOB_NOTIFY_FIELD_STATUS)?.table).toBe(NotifyTable.TABLE_DWORD);

    // Refresh: everything the filter asks for, now.
    const refresh = decodeResponseStub(
      RpcSyncRefreshRemoteNotifications,
      await a.rpc.call(
        ParOpnum.RpcSyncRefreshRemoteNotifications,
        encodeRequestStub(RpcSyncRefreshRemoteNotifications, { handle: reg.handle, filter: JOB_FILTER }),
      ),
    );
    expect(refresh.status).toBe(0);
    const all = parseNotifyData(refresh.data ?? [])?.info?.data ?? [];
    expect(all.some((d) => d.id === jobId && d.field === F.JOB_NOTIFY_FIELD_TOTAL_BYTES)).toBe(true);

    // Unregister: the handle comes back NULL, and is gone.
    const un = await unregister(a.rpc, reg.handle);
    expect(un).toEqual({ handle: Buffer.alloc(20), status: 0 });
    await expect(poll(a.rpc, reg.handle)).rejects.toMatchObject({ status: FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH });
    await a.rpc.close();
    await b.rpc.close();
  });

  it('a deleted job is reported with JOB_STATUS_DELETED', async () => {
    const a = await connect();
    const hPrinter = await a.par.openPrinterEx(`\\\\${server.host}\\HpColor`, 8);
    const h = await a.par.openPrinterEx(`\\\\${server.host}\\HpColor`, 8);
    const jobId = await a.par.startDocPrinter(h, { documentName: 'oops.txt', datatype: 'RAW' });
    const reg = await register(a.rpc, hPrinter);
    await a.par.setJob(h, jobId, 5); // JOB_CONTROL_DELETE
    const reply = await poll(a.rpc, reg.handle);
    const entries = parseNotifyData(reply.data ?? [])?.info?.data.filter((d) => d.id === jobId) ?? [];
    expect(entries).toContainEqual({
      type: 1,
      field: F.JOB_NOTIFY_FIELD_STATUS,
      id: jobId,
      data: { table: NotifyTable.TABLE_DWORD, value: JobStatus.JOB_STATUS_DELETED },
    });
    await unregister(a.rpc, reg.handle);
    await a.rpc.close();
  });

  it("bad input: an unknown handle, a PRINTER_HANDLE, another group's handle, a filter that is none", async () => {
    const a = await connect();
    const other = await connect();
    const hPrinter = await a.par.openPrinterEx(`\\\\${server.host}\\HpColor`, 8);
    const reg = await register(a.rpc, hPrinter);
    const mismatch = { status: FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH };
    await expect(poll(a.rpc, Buffer.alloc(20, 0x5a))).rejects.toMatchObject(mismatch);
    await expect(poll(a.rpc, hPrinter)).rejects.toMatchObject(mismatch);
    await expect(unregister(other.rpc, reg.handle)).rejects.toMatchObject(mismatch);
    await expect(register(other.rpc, hPrinter)).rejects.toMatchObject(mismatch);
    const h2 = await other.par.openPrinterEx(`\\\\${server.host}\\HpColor`, 8);
    const noFilter = await register(other.rpc, h2, []);
    expect(noFilter).toEqual({ handle: Buffer.alloc(20), status: ParError.E_INVALIDARG });
    expect(await unregister(a.rpc, reg.handle)).toMatchObject({ status: 0 });
    await a.rpc.close();
    await other.rpc.close();
  });

  it('too many registrations in a group: E_OUTOFMEMORY; closing the connection ends them all', async () => {
    const room = server.printServerHost.printServer.changes;
    const listenersBefore = room.listenerCount;
    const a = await connect();
    const hPrinter = await a.par.openPrinterEx(`\\\\${server.host}\\HpColor`, 8);
    for (let i = 0; i < 32; i++) expect((await register(a.rpc, hPrinter)).status).toBe(0);
    expect(await register(a.rpc, hPrinter)).toEqual({ handle: Buffer.alloc(20), status: NotifyResult.E_OUTOFMEMORY });
    expect(room.listenerCount).toBe(listenersBefore + 1);
    await a.rpc.close();
    for (let i = 0; i < 50 && room.listenerCount !== listenersBefore; i++) await new Promise((r) => setTimeout(r, 20));
    expect(room.listenerCount).toBe(listenersBefore);
  });

  it('a pending poll does not hold up the other calls of its connection', async () => {
    const raw = await RawRpc.connect(server.host, server.rpcPort);
    const security = new RpcClientSecurity({
      mechanism: ntlmInitiatorMechanism(ALICE),
      authLevel: RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY,
    });
    const contexts = [{ contextId: 0, abstractSyntax: IREMOTEWINSPOOL_SYNTAX, transferSyntaxes: [NDR20_SYNTAX] }];
    raw.send(
      security.firstLeg(
        encodeBind(PacketType.BIND, { callId: 1, maxXmitFrag: 4280, maxRecvFrag: 4280, assocGroupId: 0, contexts }),
      ),
    );
    const ack = await raw.next();
    if (ack === 'closed') throw new Error('closed at bind');
    const next = security.processAck(ack);
    if (next.send !== 'auth3') throw new Error('no rpc_auth_3');
    raw.send(next.encode(1));
    const context: RpcSecurityContext = security.context!;
    const send = (callId: number, opnum: number, stub: Buffer): void =>
      raw.send(
        context.protect(
          encodeRequest({
            callId,
            flags: 3,
            allocHint: stub.length,
            contextId: 0,
            opnum,
            objectUuid: IREMOTEWINSPOOL_OBJECT_UUID,
            stub,
          }),
        ),
      );
    const receive = async (): Promise<{ callId: number; stub: Buffer }> => {
      const pdu = await raw.next();
      if (pdu === 'closed') throw new Error('closed');
      if (pdu[2] === PacketType.FAULT) throw new Error(`fault ${decodeFault(pdu).status}`);
      return { callId: pdu.readUInt32LE(12), stub: context.unprotect(pdu) };
    };

    send(
      2,
      ParOpnum.RpcAsyncOpenPrinter,
      encodeRequestStub(RpcOpenPrinterEx, {
        printerName: `\\\\${server.host}\\HpColor`,
        accessRequired: 8,
        clientInfo: { level: 1, info: splClientInfo1Record(windowsClientInfo()) },
      }),
    );
    const opened = decodeResponseStub(RpcOpenPrinterEx, (await receive()).stub);
    send(
      3,
      ParOpnum.RpcSyncRegisterForRemoteNotifications,
      encodeRequestStub(RpcSyncRegisterForRemoteNotifications, { hPrinter: opened.handle, filter: JOB_FILTER }),
    );
    const reg = decodeResponseStub(RpcSyncRegisterForRemoteNotifications, (await receive()).stub);
    send(
      4,
      ParOpnum.RpcAsyncGetRemoteNotifications,
      encodeRequestStub(RpcAsyncGetRemoteNotifications, { handle: reg.handle }),
    );
    // While call 4 waits, call 5 (EnumPrinters: PRINTER_ENUM_LOCAL, level 1, size probe) is answered.
    send(
      5,
      ParOpnum.RpcAsyncEnumPrinters,
      Buffer.from('02000000' + '00000000' + '01000000' + '00000000' + '00000000', 'hex'),
    );
    expect((await receive()).callId).toBe(5);
    // Unregistering (call 6) completes the pending poll.
    send(
      6,
      ParOpnum.RpcSyncUnRegisterForRemoteNotifications,
      encodeRequestStub(RpcSyncUnRegisterForRemoteNotifications, { handle: reg.handle }),
    );
    const answers = [await receive(), await receive()].sort((x, y) => x.callId - y.callId);
    expect(answers.map((x) => x.callId)).toEqual([4, 6]);
    const pollAnswer = decodeResponseStub(RpcAsyncGetRemoteNotifications, answers[0]!.stub);
    expect(pollAnswer).toEqual({ status: NotifyResult.HANDLE_CLOSED });
    raw.destroy();
  });
});
