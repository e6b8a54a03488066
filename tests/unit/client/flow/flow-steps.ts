/**
 * Runs the first steps of the AddPrinterConnection pipeline one by one against the in-process
 * test server, so a test can drive a later step itself: parse, local client, connect, open.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ClientFlowEvent } from '../../../../lib/client/flow-events';
import { connectToServer } from '../../../../lib/client/flow/connect-to-server';
import { ConnectionFlow } from '../../../../lib/client/flow/flow-context';
import type { AddPrinterConnectionOptions } from '../../../../lib/client/flow/flow-options';
import { openLocalClient, type LocalClient } from '../../../../lib/client/flow/local-client';
import { openPrinter, type OpenedPrinter } from '../../../../lib/client/flow/open-printer';
import { parsePrinterName, type PrinterTarget } from '../../../../lib/client/flow/parse-printer-name';
import type { PrintServerConnection } from '../../../../lib/client/print-server-connection';
import { createLocalConnector } from '../../../../lib/client/providers/local-connector';
import type { TestServer } from '../../../helpers/test-print-server';

export interface OpenedFlow {
  readonly flow: ConnectionFlow;
  readonly events: ClientFlowEvent[];
  readonly target: PrinterTarget;
  readonly client: LocalClient;
  readonly connection: PrintServerConnection;
  readonly printer: OpenedPrinter;
  readonly clientRoot: string;
}

/** Steps 1-3 on `\\NTPRINT\<printer>`; the caller runs `flow.exit()` when done. */
export async function openFlow(
  t: TestServer,
  printer: string,
  options: Partial<AddPrinterConnectionOptions> = {},
): Promise<OpenedFlow> {
  const clientRoot = options.clientRoot ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'pp-steps-')));
  const events: ClientFlowEvent[] = [];
  const flow = new ConnectionFlow({
    clientRoot,
    connector: createLocalConnector({
      server: t.server,
      driverStore: t.driverStore,
      users: [{ name: 'alice', password: 'pw', groups: ['Users'] }],
    }),
    credentials: { userName: 'alice', password: 'pw' },
    onEvent: (e) => events.push(e),
    ...options,
  });
  const target = parsePrinterName(flow, `\\\\NTPRINT\\${printer}`);
  const client = await openLocalClient(flow);
  const connection = await connectToServer(flow, target);
  const opened = await openPrinter(flow, connection, target);
  return { flow, events, target, client, connection, printer: opened, clientRoot };
}
