/**
 * tshark as an oracle for port administration: `pointprint port add` / `port delete` (OpenPrinterEx
 * `,XcvMonitor Standard TCP/IP Port`, RpcXcvData, ClosePrinter) against the real stack, captured on
 * loopback and dissected. tshark's spoolss dissector names opnum 88 but does not decode XcvData's
 * fields, so this checks the PDUs' framing (no malformed item in any DCE/RPC PDU) and that the
 * calls are the ones Add-PrinterPort makes.
 */
import { buildPointprintProgram } from '../../../lib/cli/program';
import { describeWithTools } from '../../helpers/interop-tools';
import { ADMIN, startRpcStack, type RpcStack } from '../../helpers/rpc-stack';
import { runCli } from '../../helpers/run-cli';
import { dissectDcerpc, startCapture } from '../../helpers/tshark';

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
    const d = await dissectDcerpc(capture.file, undefined, undefined, ['-d', `tcp.port==${stack.port},nbss`]);
    expect(d.malformed).toEqual({});
    const spoolss = d.rows.filter((r) => r.protocols === 'spoolss');
    const requests = spoolss.filter((r) => r.ptype === '0').map((r) => r.opnum);
    const responses = spoolss.filter((r) => r.ptype === '2').map((r) => r.opnum);
    // Each command: OpenPrinterEx (69), XcvData (88), ClosePrinter (29); delete first asks EnumPorts (35).
    expect(requests.filter((op) => op === '88')).toHaveLength(2);
    expect(responses.filter((op) => op === '88')).toHaveLength(2);
    for (const op of ['69', '29', '35']) expect(requests).toContain(op);
  });
});
