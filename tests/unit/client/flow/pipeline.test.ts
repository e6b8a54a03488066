/**
 * The named pipeline of AddPrinterConnection (lib/client/flow/pipeline.ts): steps 1-9 in order,
 * and whatever step fails, the printer is closed and then the connection, and nothing is recorded.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClientState } from '../../../../lib/client/client-state';
import type { ClientFlowEvent } from '../../../../lib/client/flow-events';
import { runAddPrinterConnection } from '../../../../lib/client/flow/pipeline';
import type { PrintServerConnector } from '../../../../lib/client/print-server-connection';
import { createLocalConnector } from '../../../../lib/client/providers/local-connector';
import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { createTestServer, type TestServer } from '../../../helpers/test-print-server';

/** The connector, with its connections and closes written into the same list as the flow's events. */
function tracking(connector: PrintServerConnector, log: string[]): PrintServerConnector {
  return async (serverName, options) => {
    log.push(`connect ${serverName}`);
    const connection = await connector(serverName, options);
    return {
      ...connection,
      close: async () => {
        log.push('close');
        await connection.close();
      },
    };
  };
}

const summary = (e: ClientFlowEvent): string =>
  e.kind === 'step' ? `step ${e.step}` : e.kind === 'call' ? e.name : e.kind;

describe('the AddPrinterConnection pipeline', () => {
  let t: TestServer;
  let clientRoot: string;
  let log: string[];
  let connector: PrintServerConnector;

  beforeEach(async () => {
    t = await createTestServer();
    clientRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-pipeline-'));
    log = [];
    connector = tracking(
      createLocalConnector({
        server: t.server,
        driverStore: t.driverStore,
        users: [{ name: 'alice', password: 'pw', groups: ['Users'] }],
      }),
      log,
    );
  });

  const run = (unc: string, extra: { isAdministrator?: boolean } = {}) =>
    runAddPrinterConnection(unc, {
      clientRoot,
      connector,
      credentials: { userName: 'alice', password: 'pw' },
      localUser: 'tester',
      onEvent: (e) => log.push(summary(e)),
      ...extra,
    });

  it('runs steps 1 to 9 in order, then closes the printer, then the connection', async () => {
    const result = await run('\\\\NTPRINT\\HpColor');
    expect(log.filter((l) => l.startsWith('step'))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `step ${n}`));
    const step2 = log.indexOf('step 2');
    expect(log.slice(step2, step2 + 4)).toEqual(['step 2', 'Connect', 'connect NTPRINT', 'step 3']);
    expect(log.slice(-3)).toEqual(['state', 'ClosePrinter', 'close']);
    expect(result.events.at(-1)).toEqual({ kind: 'call', name: 'ClosePrinter', detail: '\\\\NTPRINT\\HpColor' });
    expect(t.server.openHandleCount).toBe(0);
  });

  it('a refused driver (step 4) still closes the printer and the connection, and records nothing', async () => {
    await expect(run('\\\\NTPRINT\\HpColor', { isAdministrator: false })).rejects.toMatchObject({
      win32: Win32ErrorCode.ERROR_ACCESS_DENIED,
    });
    expect(log.filter((l) => l.startsWith('step')).at(-1)).toBe('step 4');
    expect(log.slice(-3)).toEqual(['policy', 'ClosePrinter', 'close']);
    expect(t.server.openHandleCount).toBe(0);
    expect((await ClientState.load(clientRoot)).data.connections).toEqual([]);
  });

  it('a printer the server does not have (step 3) closes the connection, with no printer to close', async () => {
    await expect(run('\\\\NTPRINT\\Nope')).rejects.toThrow(/Nope/);
    expect(log.slice(-3)).toEqual(['step 3', 'OpenPrinterEx', 'close']);
  });

  it('a server that does not answer (step 2) leaves nothing to close; a bad name (step 1) never connects', async () => {
    await expect(run('\\\\ELSEWHERE\\HpColor')).rejects.toMatchObject({ win32: Win32ErrorCode.ERROR_BAD_NETPATH });
    expect(log).toEqual(['step 1', 'step 2', 'Connect', 'connect ELSEWHERE']);
    log.splice(0);
    await expect(run('\\\\NTPRINT')).rejects.toThrow(/does not name a printer/);
    expect(log).toEqual(['step 1']);
  });
});
