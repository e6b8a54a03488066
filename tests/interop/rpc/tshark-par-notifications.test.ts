/**
 * tshark 4.0 (its iremotewinspool dissector, generated from Samba's winspool.idl) decodes MS-PAR's
 * notification calls ([MS-PAR] 3.1.4.9, opnums 58-61) as our client sends them and our server
 * answers them: a raw NTLMSSP session at PKT_PRIVACY, which tshark unseals with the password.
 * Samba serves no IRemoteWinspool over TCP: the baseline is no malformed packet at all.
 */
import { ntlmInitiatorMechanism } from '../../../lib/rpc/auth/ntlm-mechanism';
import { RpcClient } from '../../../lib/rpc/client/rpc-client';
import { connectTcpTransport } from '../../../lib/rpc/client/tcp-transport';
import { RpcAuthnLevel } from '../../../lib/rpc/constants';
import { decodeResponseStub, encodeRequestStub } from '../../../lib/rpc/ndr/ndr-message';
import { IREMOTEWINSPOOL_OBJECT_UUID, IREMOTEWINSPOOL_SYNTAX, ParOpnum } from '../../../lib/rpc/par/constants';
import { RpcAsyncGetRemoteNotifications } from '../../../lib/rpc/par/messages/async-get-remote-notifications';
import { RpcSyncRefreshRemoteNotifications } from '../../../lib/rpc/par/messages/sync-refresh-remote-notifications';
import { RpcSyncRegisterForRemoteNotifications } from '../../../lib/rpc/par/messages/sync-register-for-remote-notifications';
import { RpcSyncUnRegisterForRemoteNotifications } from '../../../lib/rpc/par/messages/sync-unregister-for-remote-notifications';
import { notifyFilterProperties, parseNotifyData } from '../../../lib/rpc/par/notifications/notify-filter';
import { PAR_OPNUMS } from '../../../lib/rpc/par/par-opnums';
import { RprnClient } from '../../../lib/rpc/rprn/client/rprn-client';
import {
  JobNotifyField,
  NotifyTable,
  PrinterChangeFlag,
  PrinterNotifyField,
} from '../../../lib/spoolss/printer-notify';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { describeWithTools } from '../../helpers/interop-tools';
import { dissectDcerpc, startCapture } from '../../helpers/tshark';

jest.setTimeout(120_000);

/** A Windows 11 client's SPLCLIENT_INFO_1 (tshark's dissector wants the arm a client sends). */
const CLIENT_INFO = {
  size: 28,
  machineName: 'PPCLIENT',
  userName: 'alice',
  buildNum: 22631,
  majorVersion: 10,
  minorVersion: 0,
  processorArchitecture: 9,
};

const FILTER = notifyFilterProperties({
  flags: PrinterChangeFlag.PRINTER_CHANGE_JOB | PrinterChangeFlag.PRINTER_CHANGE_SET_PRINTER,
  notifyOptions: {
    version: 2,
    flags: 0,
    types: [
      {
        type: 0,
        fields: [PrinterNotifyField.PRINTER_NOTIFY_FIELD_STATUS, PrinterNotifyField.PRINTER_NOTIFY_FIELD_CJOBS],
      },
      {
        type: 1,
        fields: [
          JobNotifyField.JOB_NOTIFY_FIELD_DOCUMENT,
          JobNotifyField.JOB_NOTIFY_FIELD_STATUS,
          JobNotifyField.JOB_NOTIFY_FIELD_SUBMITTED,
        ],
      },
    ],
  },
  color: 1,
});

describeWithTools(['tshark', 'dumpcap'], 'tshark decodes MS-PAR remote notifications over TCP', () => {
  const address = `127.0.0.${40 + ((process.pid + 61) % 150)}`;
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer({ address });
  });
  afterAll(() => server.close());

  it('register, poll (answered with a job and a SYSTEMTIME), refresh, unregister: no malformed packet', async () => {
    const capture = await startCapture(0, `tcp and host ${address}`);
    try {
      const rpc = await RpcClient.bind(
        await connectTcpTransport(address, server.rpcPort),
        { uuid: IREMOTEWINSPOOL_SYNTAX.uuid, version: 1 },
        {
          security: {
            mechanism: ntlmInitiatorMechanism({
              user: 'alice',
              password: 'Passw0rd!',
              domain: '',
              workstation: 'PPCLIENT',
            }),
            authLevel: RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY,
          },
          objectUuid: IREMOTEWINSPOOL_OBJECT_UUID,
        },
      );
      const par = new RprnClient(rpc, { opnums: PAR_OPNUMS });
      const h = await par.openPrinterEx(`\\\\${address}\\HpColor`, 8, CLIENT_INFO);
      const reg = decodeResponseStub(
        RpcSyncRegisterForRemoteNotifications,
        await rpc.call(
          ParOpnum.RpcSyncRegisterForRemoteNotifications,
          encodeRequestStub(RpcSyncRegisterForRemoteNotifications, { hPrinter: h, filter: FILTER }),
        ),
      );
      expect(reg.status).toBe(0);
      const jh = await par.openPrinterEx(`\\\\${address}\\HpColor`, 8, CLIENT_INFO);
      await par.startDocPrinter(jh, { documentName: 'traced.txt', datatype: 'RAW' });
      await par.endDocPrinter(jh);
      await par.closePrinter(jh);
      const handle = reg.handle;
      const polled = decodeResponseStub(
        RpcAsyncGetRemoteNotifications,
        await rpc.call(
          ParOpnum.RpcAsyncGetRemoteNotifications,
          encodeRequestStub(RpcAsyncGetRemoteNotifications, { handle }),
        ),
      );
      expect(polled.status).toBe(0);
      const tables = parseNotifyData(polled.data ?? [])?.info?.data.map((d) => d.data.table);
      expect(tables).toEqual(expect.arrayContaining([NotifyTable.TABLE_STRING, NotifyTable.TABLE_TIME]));
      await rpc.call(
        ParOpnum.RpcSyncRefreshRemoteNotifications,
        encodeRequestStub(RpcSyncRefreshRemoteNotifications, { handle, filter: FILTER }),
      );
      await rpc.call(
        ParOpnum.RpcSyncUnRegisterForRemoteNotifications,
        encodeRequestStub(RpcSyncUnRegisterForRemoteNotifications, { handle }),
      );
      await par.closePrinter(h);
      await rpc.close();
    } finally {
      await capture.stop();
    }
    const all = await dissectDcerpc(capture.file, 'Passw0rd!');
    const opnums = new Set(all.rows.filter((r) => r.protocols === 'iremotewinspool').map((r) => r.opnum));
    for (const op of ['58', '59', '60', '61']) expect(opnums).toContain(op);
    expect(all.malformed).toEqual({});
  });
});
