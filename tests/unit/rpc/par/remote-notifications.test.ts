/**
 * IRemoteWinspool's notification methods over the real PrintServer, in memory ([MS-PAR] 3.1.4.9):
 * the bounds (per group, per user across groups, objects waiting, the poll's lifetime), a server
 * handle that hears every printer, printer changes, and the end of a connection.
 */
import type { AuthenticatedUser } from '../../../../lib/common/identity';
import { createSilentLogger } from '../../../../lib/common/logger';
import { RpcAuthnLevel } from '../../../../lib/rpc/constants';
import { decodeResponseStub, encodeRequestStub } from '../../../../lib/rpc/ndr/ndr-message';
import { IREMOTEWINSPOOL_OBJECT_UUID, ParOpnum } from '../../../../lib/rpc/par/constants';
import { RpcAsyncGetRemoteNotifications } from '../../../../lib/rpc/par/messages/async-get-remote-notifications';
import { RpcSyncRefreshRemoteNotifications } from '../../../../lib/rpc/par/messages/sync-refresh-remote-notifications';
import { RpcSyncRegisterForRemoteNotifications } from '../../../../lib/rpc/par/messages/sync-register-for-remote-notifications';
import { notifyFilterProperties, parseNotifyData } from '../../../../lib/rpc/par/notifications/notify-filter';
import {
  DEFAULT_REMOTE_NOTIFICATION_LIMITS,
  NotifyResult,
  type RemoteNotificationLimits,
} from '../../../../lib/rpc/par/notifications/remote-notifications';
import { parInterface } from '../../../../lib/rpc/par/par-interface';
import { windowsClientInfo } from '../../../../lib/rpc/rprn/client/rprn-client';
import { splClientInfo1Record } from '../../../../lib/rpc/rprn/client/info-records';
import { RpcOpenPrinterEx } from '../../../../lib/rpc/rprn/messages/open-printer-ex';
import type { RpcInterfaceInstance } from '../../../../lib/rpc/server/rpc-interface';
import { AccessMask, PrinterControl } from '../../../../lib/spoolss/constants';
import {
  PRINTER_NOTIFY_INFO_DISCARDED,
  PrinterChangeFlag,
  PrinterNotifyField,
} from '../../../../lib/spoolss/printer-notify';
import { ADMIN, ALICE as ALICE_CALLER, createTestServer, type TestServer } from '../../../helpers/test-print-server';

const user = (userName: string, isAdministrator = false): AuthenticatedUser => ({
  userName,
  domain: 'NTPRINT',
  groups: [isAdministrator ? 'Administrators' : 'Users'],
  isAdministrator,
  isGuest: false,
  isAnonymous: false,
});
const ALICE = user('alice');
const JOBS_ONLY = notifyFilterProperties({ flags: PrinterChangeFlag.PRINTER_CHANGE_JOB });
const JOB_STATUS = notifyFilterProperties({
  flags: 0,
  notifyOptions: { version: 2, flags: 0, types: [{ type: 1, fields: [0x0a] }] },
});

describe('IRemoteWinspool remote notifications', () => {
  let t: TestServer;
  const groups: RpcInterfaceInstance[] = [];
  const instance = (limits: Partial<RemoteNotificationLimits> = {}) => {
    const def = parInterface({
      provider: t.server,
      serverName: 'NTPRINT',
      logger: createSilentLogger(),
      notifications: { ...DEFAULT_REMOTE_NOTIFICATION_LIMITS, ...limits },
    });
    return () => {
      const g = def.instantiate();
      groups.push(g);
      return g;
    };
  };
  beforeEach(async () => {
    t = await createTestServer();
  });
  afterEach(async () => {
    for (const g of groups.splice(0)) await g.close();
  });

  const call = (g: RpcInterfaceInstance, opnum: number, stub: Buffer, caller = ALICE, closed?: AbortSignal) =>
    g.call(opnum, stub, {
      callId: 2,
      opnum,
      contextId: 0,
      objectUuid: IREMOTEWINSPOOL_OBJECT_UUID,
      caller,
      authLevel: RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY,
      transport: 'ncacn_ip_tcp',
      ...(closed !== undefined && { connectionClosed: closed }),
    });
  const open = async (g: RpcInterfaceInstance, name: string, caller = ALICE) =>
    decodeResponseStub(
      RpcOpenPrinterEx,
      await call(
        g,
        ParOpnum.RpcAsyncOpenPrinter,
        encodeRequestStub(RpcOpenPrinterEx, {
          printerName: name,
          accessRequired: !name.slice(2).includes('\\')
            ? AccessMask.SERVER_ACCESS_ENUMERATE
            : caller.isAdministrator
              ? AccessMask.PRINTER_ALL_ACCESS
              : AccessMask.PRINTER_ACCESS_USE,
          clientInfo: { level: 1, info: splClientInfo1Record(windowsClientInfo()) },
        }),
        caller,
      ),
    ).handle;
  const register = async (
    g: RpcInterfaceInstance,
    hPrinter: Buffer,
    filter = JOBS_ONLY,
    caller = ALICE,
    closed?: AbortSignal,
  ) =>
    decodeResponseStub(
      RpcSyncRegisterForRemoteNotifications,
      await call(
        g,
        ParOpnum.RpcSyncRegisterForRemoteNotifications,
        encodeRequestStub(RpcSyncRegisterForRemoteNotifications, { hPrinter, filter }),
        caller,
        closed,
      ),
    );
  const poll = async (g: RpcInterfaceInstance, handle: Buffer) =>
    decodeResponseStub(
      RpcAsyncGetRemoteNotifications,
      await call(
        g,
        ParOpnum.RpcAsyncGetRemoteNotifications,
        encodeRequestStub(RpcAsyncGetRemoteNotifications, { handle }),
      ),
    );
  const submit = async (printer: string, document: string): Promise<number> => {
    const h = await t.server.openPrinter(
      `\\\\NTPRINT\\${printer}`,
      { desiredAccess: AccessMask.PRINTER_ACCESS_USE },
      ALICE_CALLER,
    );
    const jobId = await t.server.startDocPrinter(h, { documentName: document });
    await t.server.endDocPrinter(h);
    return jobId;
  };

  it('a poll with nothing to say ends with an empty reply after its lifetime', async () => {
    const g = instance({ pollLifetimeMs: 50 })();
    const reg = await register(g, await open(g, '\\\\NTPRINT\\HpColor'));
    const reply = await poll(g, reg.handle);
    expect(reply.status).toBe(0);
    expect(parseNotifyData(reply.data ?? [])).toEqual({ flags: 0, info: { version: 2, flags: 0, data: [] }, color: 0 });
  });

  it('changes made before the poll are answered at once, flags only without NotifyOptions', async () => {
    const g = instance()();
    const reg = await register(g, await open(g, '\\\\NTPRINT\\HpColor'));
    await submit('HpColor', 'a.txt');
    const data = parseNotifyData((await poll(g, reg.handle)).data ?? []);
    expect(data?.flags).toBe(PrinterChangeFlag.PRINTER_CHANGE_ADD_JOB | PrinterChangeFlag.PRINTER_CHANGE_SET_JOB);
    expect(data?.info?.data).toEqual([]);
  });

  it('a registration on a printer does not hear another printer; one on the server hears all', async () => {
    const g = instance({ pollLifetimeMs: 300 })();
    const onPrinter = await register(g, await open(g, '\\\\NTPRINT\\HpColor'), JOB_STATUS);
    const onServer = await register(g, await open(g, '\\\\NTPRINT'), JOB_STATUS);
    const printers = await t.server.enumPrinters(2, undefined, ALICE_CALLER);
    const other = printers.map((p) => p.printerName.split('\\').pop() ?? '').find((n) => n.toLowerCase() !== 'hpcolor');
    if (other === undefined) throw new Error('the fixture has one printer only');
    const jobId = await submit(other, 'elsewhere.txt');
    const fromServer = parseNotifyData((await poll(g, onServer.handle)).data ?? []);
    expect(fromServer?.info?.data.map((d) => d.id)).toContain(jobId);
    const fromPrinter = parseNotifyData((await poll(g, onPrinter.handle)).data ?? []);
    expect(fromPrinter?.info?.data).toEqual([]); // the lifetime ran out: nothing for HpColor
  });

  it('a refresh on a server handle gives every printer and every job', async () => {
    const g = instance()();
    const filter = notifyFilterProperties({
      flags: 0,
      notifyOptions: {
        version: 2,
        flags: 0,
        types: [
          { type: 0, fields: [PrinterNotifyField.PRINTER_NOTIFY_FIELD_PRINTER_NAME] },
          { type: 1, fields: [0x0d] },
        ],
      },
    });
    const reg = await register(g, await open(g, '\\\\NTPRINT'), filter);
    const jobId = await submit('HpColor', 'refreshed.txt');
    const reply = decodeResponseStub(
      RpcSyncRefreshRemoteNotifications,
      await call(
        g,
        ParOpnum.RpcSyncRefreshRemoteNotifications,
        encodeRequestStub(RpcSyncRefreshRemoteNotifications, { handle: reg.handle, filter }),
      ),
    );
    const data = parseNotifyData(reply.data ?? [])?.info?.data ?? [];
    const printers = await t.server.enumPrinters(2, undefined, ALICE_CALLER);
    expect(data.filter((d) => d.type === 0).map((d) => d.data.value)).toEqual(printers.map((p) => p.printerName));
    expect(data).toContainEqual({ type: 1, field: 0x0d, id: jobId, data: { table: 2, value: 'refreshed.txt' } });
  });

  it('printer fields follow SetPrinter', async () => {
    const g = instance()();
    const h = await open(g, '\\\\NTPRINT\\HpColor', user('admin', true));
    const filter = notifyFilterProperties({
      flags: PrinterChangeFlag.PRINTER_CHANGE_SET_PRINTER,
      notifyOptions: {
        version: 2,
        flags: 0,
        types: [{ type: 0, fields: [PrinterNotifyField.PRINTER_NOTIFY_FIELD_STATUS] }],
      },
    });
    const reg = await register(g, h, filter, user('admin', true));
    const admin = await t.server.openPrinter(
      '\\\\NTPRINT\\HpColor',
      { desiredAccess: AccessMask.PRINTER_ALL_ACCESS },
      ADMIN,
    );
    await t.server.setPrinter(admin, { command: PrinterControl.PRINTER_CONTROL_PAUSE });
    const data = parseNotifyData((await poll(g, reg.handle)).data ?? []);
    expect(data?.flags).toBe(PrinterChangeFlag.PRINTER_CHANGE_SET_PRINTER);
    expect(data?.info?.data).toEqual([
      { type: 0, field: PrinterNotifyField.PRINTER_NOTIFY_FIELD_STATUS, id: 0, data: { table: 1, value: 1 } },
    ]);
  });

  it('more changed objects than it keeps: the data is discarded and the reply says so', async () => {
    const g = instance({ maxPendingObjects: 2 })();
    const reg = await register(g, await open(g, '\\\\NTPRINT\\HpColor'), JOB_STATUS);
    for (const doc of ['1', '2', '3']) await submit('HpColor', doc);
    const data = parseNotifyData((await poll(g, reg.handle)).data ?? []);
    expect(data?.info).toEqual({ version: 2, flags: PRINTER_NOTIFY_INFO_DISCARDED, data: [] });
  });

  it('a user holds at most maxPerUser registrations across association groups', async () => {
    const make = instance({ maxPerUser: 3 });
    const g1 = make();
    const g2 = make();
    const h1 = await open(g1, '\\\\NTPRINT\\HpColor');
    const h2 = await open(g2, '\\\\NTPRINT\\HpColor');
    expect((await register(g1, h1)).status).toBe(0);
    expect((await register(g1, h1)).status).toBe(0);
    const third = await register(g2, h2);
    expect(third.status).toBe(0);
    expect((await register(g2, h2)).status).toBe(NotifyResult.E_OUTOFMEMORY);
    // Another user still may; and when a group goes, its share comes back.
    expect(
      (await register(g2, await open(g2, '\\\\NTPRINT\\HpColor', user('bob')), JOBS_ONLY, user('bob'))).status,
    ).toBe(0);
    await g1.close();
    expect((await register(g2, h2)).status).toBe(0);
  });

  it('the end of the connection ends its registrations and completes their poll', async () => {
    const g = instance()();
    const connection = new AbortController();
    const h = await open(g, '\\\\NTPRINT\\HpColor');
    const reg = await register(g, h, JOBS_ONLY, ALICE, connection.signal);
    const pending = poll(g, reg.handle);
    connection.abort();
    expect(await pending).toEqual({ status: NotifyResult.HANDLE_CLOSED });
    await expect(poll(g, reg.handle)).rejects.toMatchObject({ status: 0x1c00001a });
    expect(t.server.changes.listenerCount).toBe(0);
  });
});
