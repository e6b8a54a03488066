/**
 * Samba's own NDR engine as an MS-PAR notification client ([MS-PAR] 3.1.4.9): python3-samba's
 * winspool bindings (pidl, from Samba's winspool.idl) register on HpColor over ncacn_ip_tcp at
 * packet privacy, print a job, and read it back from RpcAsyncGetRemoteNotifications and
 * RpcSyncRefreshRemoteNotifications; unregistering ends the handle. impacket's par module has no
 * notification calls, so Samba's bindings are the independent client here.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startFixtureServer, type FixtureServer } from '../../../lib/testing/fixture-server';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';

jest.setTimeout(120_000);
const execFileAsync = promisify(execFile);

interface Entry {
  type: number;
  field: number;
  id: number;
  value: string | number;
}
/** The bindings give an HRESULT as [code, message]. */
type HResult = [number, string | null];
interface Data {
  status: HResult;
  'RemoteNotifyData Flags': number;
  'RemoteNotifyData Color': number;
  'RemoteNotifyData Info': { flags: number; entries: Entry[] };
}
interface SambaResult {
  register: HResult;
  jobId: number;
  poll: Data;
  refresh: Data;
  unregister: HResult;
  afterUnregister: string;
}

describeWithTools(['python3'], 'Samba python winspool: MS-PAR remote notifications against pointprint', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(() => server.close());

  it('registers, hears the job it printed, refreshes, unregisters', async () => {
    const { stdout, stderr } = await execFileAsync(
      TOOLS.python3,
      [path.join(__dirname, 'samba-par-notifications.py'), server.host, String(server.rpcPort), 'alice', 'Passw0rd!'],
      { timeout: 60_000 },
    );
    expect(stderr).toBe('');
    const res = JSON.parse(stdout) as SambaResult;
    expect(res.register[0]).toBe(0);
    expect(res.poll.status[0]).toBe(0);
    expect(res.refresh.status[0]).toBe(0);
    expect(res.unregister[0]).toBe(0);
    const ofJob = (d: Data) => d['RemoteNotifyData Info'].entries.filter((e) => e.id === res.jobId);
    expect(res.poll['RemoteNotifyData Color']).toBe(3);
    expect(res.poll['RemoteNotifyData Flags'] & 0x100).toBe(0x100); // PRINTER_CHANGE_ADD_JOB
    expect(ofJob(res.poll)).toEqual(
      expect.arrayContaining([
        { type: 1, field: 0x0d, id: res.jobId, value: 'samba-notify.txt' },
        { type: 1, field: 0x03, id: res.jobId, value: 'alice' },
        // JOB_NOTIFY_FIELD_STATUS as the job is when the reply is built: 0 while queued, then
        // JOB_STATUS_PRINTING (0x10), PRINTED (0x80), COMPLETE (0x1000) as the device prints it.
        { type: 1, field: 0x0a, id: res.jobId, value: expect.any(Number) as number },
      ]),
    );
    const status = ofJob(res.poll).find((e) => e.field === 0x0a)?.value;
    expect(typeof status).toBe('number');
    expect((status as number) & ~(0x10 | 0x80 | 0x1000)).toBe(0);
    expect(res.refresh['RemoteNotifyData Color']).toBe(4);
    expect(
      ofJob(res.refresh)
        .map((e) => e.field)
        .sort((x, y) => x - y),
    ).toEqual([0x03, 0x0a, 0x0d]);
    // nca_s_fault_context_mismatch, which Samba reports as NT_STATUS_RPC_SS_CONTEXT_MISMATCH.
    expect(res.afterUnregister).toBe('0xc0030005');
  });
});
