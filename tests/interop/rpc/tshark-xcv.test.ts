/**
 * tshark as an oracle for port administration: `pointprint port add` / `port delete` (OpenPrinterEx
 * `,XcvMonitor Standard TCP/IP Port`, RpcXcvData, ClosePrinter) against the real stack, captured on
 * loopback and dissected. tshark's spoolss dissector names opnum 88 but does not decode XcvData's
 * fields, so this checks the PDUs' framing (no malformed item in any spoolss PDU) and that the
 * calls are the ones Add-PrinterPort makes.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { buildPointprintProgram } from '../../../lib/cli/program';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { ADMIN, startRpcStack, type RpcStack } from '../../helpers/rpc-stack';
import { runCli } from '../../helpers/run-cli';
import { dissect, startCapture } from '../../helpers/tshark';

const run = promisify(execFile);
jest.setTimeout(120000);

describeWithTools(['tshark', 'dumpcap'], 'tshark dissects XcvData port administration', () => {
  let stack: RpcStack;
  beforeAll(async () => {
    stack = await startRpcStack();
  });
  afterAll(() => stack.close());

  it('frames OpenPrinterEx, XcvData (88) and ClosePrinter without a malformed item', async () => {
    const at = ['--address', `127.0.0.1:${stack.port}`, '-U', ADMIN];
    const capture = await startCapture(stack.port);
    try {
      const add = await runCli(buildPointprintProgram, [
        'port',
        'add',
        '\\\\NTPRINT',
        'IP_192.0.2.50',
        '--host',
        '192.0.2.50',
        ...at,
      ]);
      expect(add.code).toBe(0);
      const del = await runCli(buildPointprintProgram, ['port', 'delete', '\\\\NTPRINT', 'IP_192.0.2.50', ...at]);
      expect(del.code).toBe(0);
    } finally {
      await capture.stop();
    }
    const summary = await dissect(capture.file, stack.port);
    const unexpected = Object.entries(summary.malformed).filter(([key]) => !key.endsWith('/-'));
    expect(unexpected).toEqual([]);

    const { stdout } = await run(
      TOOLS.tshark,
      [
        '-n',
        '-r',
        capture.file,
        '-d',
        `tcp.port==${stack.port},nbss`,
        '-Y',
        'spoolss',
        '-T',
        'fields',
        '-e',
        'dcerpc.pkt_type',
        '-e',
        'spoolss.opnum',
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const rows = stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.split('\t'));
    const requests = rows.filter(([type]) => type === '0').map(([, op]) => op);
    const responses = rows.filter(([type]) => type === '2').map(([, op]) => op);
    // Each command: OpenPrinterEx (69), XcvData (88), ClosePrinter (29); delete first asks EnumPorts (35).
    expect(requests.filter((op) => op === '88')).toHaveLength(2);
    expect(responses.filter((op) => op === '88')).toHaveLength(2);
    for (const op of ['69', '29', '35']) expect(requests).toContain(op);
  });
});
