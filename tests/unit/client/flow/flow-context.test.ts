import { PassThrough } from 'node:stream';
import type { ClientFlowEvent } from '../../../../lib/client/flow-events';
import { ConnectionFlow } from '../../../../lib/client/flow/flow-context';
import type { PrintServerConnector } from '../../../../lib/client/print-server-connection';
import { createLogger } from '../../../../lib/common/logger';

const noConnector: PrintServerConnector = () => Promise.reject(new Error('not used'));

function flowWithLog(): { flow: ConnectionFlow; events: ClientFlowEvent[]; lines: string[] } {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (c: Buffer) => lines.push(c.toString()));
  const events: ClientFlowEvent[] = [];
  const flow = new ConnectionFlow({
    clientRoot: '/nonexistent',
    connector: noConnector,
    logger: createLogger({ level: 'info', format: 'json', stream }),
    onEvent: (e) => events.push(e),
  });
  return { flow, events, lines };
}

describe('ConnectionFlow', () => {
  it('has Windows x64, MYCLIENT and the built-in modules unless told otherwise', () => {
    const { flow } = flowWithLog();
    expect(flow.environment).toBe('Windows x64');
    expect(flow.clientMachineName).toBe('MYCLIENT');
    expect(flow.modules.names()).toEqual(['mscms.dll']);
    expect(flow.paths.driversWindowsPath).toBe('C:\\Windows\\System32\\spool\\drivers');
  });

  it('records steps and warnings as events, in order, and logs them', () => {
    const { flow, events, lines } = flowWithLog();
    flow.step(1, 'parse the printer name');
    flow.warn('something skipped', 'CopyFiles\\X');
    flow.warn('no key');
    expect(events).toEqual([
      { kind: 'step', step: 1, title: 'parse the printer name' },
      { kind: 'warning', message: 'something skipped', key: 'CopyFiles\\X' },
      { kind: 'warning', message: 'no key' },
    ]);
    expect(flow.events).toEqual(events);
    expect(flow.warnings).toEqual(['something skipped', 'no key']);
    expect(lines.map((l) => (JSON.parse(l) as { message: string; component: string }).message)).toEqual([
      'step 1: parse the printer name',
      'something skipped',
      'no key',
    ]);
  });

  it("takes the engine's warnings as its own and its other reports as events", () => {
    const { flow, events } = flowWithLog();
    flow.report({ kind: 'policy', subject: 'CopyFiles\\ICM', allowed: true, reason: 'ok' });
    flow.report({ kind: 'warning', message: 'CopyFiles\\ICM skipped', key: 'CopyFiles\\ICM' });
    expect(events.map((e) => e.kind)).toEqual(['policy', 'warning']);
    expect(flow.warnings).toEqual(['CopyFiles\\ICM skipped']);
  });

  it('runs its exit actions last registered first, each one even when another threw', async () => {
    const { flow } = flowWithLog();
    const ran: string[] = [];
    flow.onExit(async () => {
      ran.push('close the connection');
      await Promise.resolve();
    });
    flow.onExit(() => {
      ran.push('ClosePrinter');
      return Promise.reject(new Error('ClosePrinter failed'));
    });
    await expect(flow.exit()).rejects.toThrow('ClosePrinter failed');
    expect(ran).toEqual(['ClosePrinter', 'close the connection']);
    await flow.exit();
    expect(ran).toHaveLength(2);
  });
});
