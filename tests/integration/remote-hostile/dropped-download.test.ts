/**
 * A print server that drops the connection in the middle of a 32 MiB queue-specific file (a TCP
 * proxy cuts it after 8 MiB from the server): the client reports it, leaves no half-written file
 * under the final name (nor its temporary file), its outcome is consistent (a failed
 * AddPrinterConnection records no connection), and a second run completes with a byte-identical
 * file.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addPrinterConnection, type AddPrinterConnectionResult } from '../../../lib/client/add-printer-connection';
import { ClientState } from '../../../lib/client/client-state';
import type { ClientFlowEvent } from '../../../lib/client/flow-events';
import { createRemoteConnector } from '../../../lib/client/providers/remote-connector';
import { DEFAULT_POINT_AND_PRINT_POLICY } from '../../../lib/point-and-print/policy';
import {
  listTree,
  startCraftedServer,
  startCuttingProxy,
  type CuttingProxy,
  type RunningFixture,
} from '../../helpers/hostile-server';

jest.setTimeout(120000);

const BIG = randomBytes(32 * 1024 * 1024);
const CUT_AFTER = 8 * 1024 * 1024;
const UNC = '\\\\127.0.0.1\\BigFiles';

interface Outcome {
  readonly result?: AddPrinterConnectionResult;
  readonly error?: unknown;
  readonly events: ClientFlowEvent[];
}

describe('AddPrinterConnection when the server drops the connection mid-download', () => {
  let server: RunningFixture;
  let proxy: CuttingProxy;
  let root: string;
  let cut: Outcome | undefined;

  beforeAll(async () => {
    server = await startCraftedServer(
      {
        printers: { BigFiles: { copyFiles: { Big: { Directory: 'Big', Files: ['big.bin'] } } } },
        files: { 'Big/big.bin': BIG },
      },
      { evil: false },
    );
    proxy = await startCuttingProxy({ host: server.server.host, port: server.server.port });
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-dropped-client-'));
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  const run = async (): Promise<Outcome> => {
    const events: ClientFlowEvent[] = [];
    try {
      const result = await addPrinterConnection(UNC, {
        clientRoot: root,
        connector: createRemoteConnector({ address: { host: proxy.host, port: proxy.port } }),
        credentials: { userName: 'alice', password: 'Passw0rd!' },
        policy: { ...DEFAULT_POINT_AND_PRINT_POLICY, copyFilesPolicy: 2 },
        onEvent: (e) => events.push(e),
      });
      return { result, events };
    } catch (error) {
      return { error, events };
    }
  };
  const bigDir = (): string => path.join(root, 'System32', 'spool', 'drivers', 'Big');
  const firstRun = async (): Promise<Outcome> => {
    if (!cut) {
      proxy.cutAfter = CUT_AFTER;
      cut = await run();
      proxy.cutAfter = undefined;
    }
    return cut;
  };

  it('reports the broken download and leaves neither big.bin nor a partial file', async () => {
    const { events } = await firstRun();
    expect(proxy.cuts).toBe(1);
    expect(events).toContainEqual(
      expect.objectContaining({
        kind: 'warning',
        key: 'CopyFiles\\Big',
        message: expect.stringMatching(/big\.bin not downloaded: connection .* closed/) as unknown,
      }),
    );
    expect(events).not.toContainEqual(expect.objectContaining({ kind: 'download', what: 'copyfiles' }));
    const drivers = path.join(root, 'System32', 'spool', 'drivers');
    // The directory may have been made; nothing is in it.
    expect((await listTree(drivers)).filter((p) => p.startsWith('Big/') && p !== 'Big/')).toEqual([]);
  });

  it('is consistent: a run that fails records no connection; one that finishes says what it missed', async () => {
    const { result, error, events } = await firstRun();
    const state = await ClientState.load(root);
    if (error !== undefined) {
      // The flow failed: nothing may claim the connection exists.
      expect(state.findConnection(UNC)).toBeUndefined();
      expect(events).not.toContainEqual(expect.objectContaining({ kind: 'state', action: 'connection-recorded' }));
    } else {
      expect(result?.warnings).toContainEqual(expect.stringMatching(/big\.bin not downloaded/));
    }
    // No event-log entry announces a download of no file.
    const announced = events.filter(
      (e) => e.kind === 'eventlog' && /Point and Print files\s+for printer/.test(e.entry.message),
    );
    expect(announced).toEqual([]);
  });

  it('completes on a second run, big.bin byte-identical', async () => {
    await firstRun();
    const second = await run();
    expect(second.error).toBeUndefined();
    expect(second.result?.warnings).toEqual([]);
    expect((await fs.readdir(bigDir())).sort()).toEqual(['big.bin']);
    expect((await fs.readFile(path.join(bigDir(), 'big.bin'))).equals(BIG)).toBe(true);
    expect((await ClientState.load(root)).findConnection(UNC)?.copyFiles).toEqual([
      expect.objectContaining({ keyName: 'CopyFiles\\Big', files: ['big.bin'] }),
    ]);
  });
});
