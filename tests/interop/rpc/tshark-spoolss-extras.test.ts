/**
 * tshark on the MS-RPRN methods of issue 15, driven by smbtorture (a client written against
 * Windows): information contexts (40-42), per-machine connections (85-87), bidi (97), job named
 * properties (110-113) and branch office logging (116). tshark 4.0's spoolss dissector knows none
 * of their stubs ("unknown operation", or "Unimplemented dissector" for 40-42), so what it judges
 * is everything around them: every request has its response on the pipe, and no frame carrying
 * one of them (SMB2, the DCE/RPC fragments) is malformed. Other frames are judged by the suites of
 * their own calls (tshark 4.0 also flags the SMB2 NEGOTIATE's negHints, and RpcDeletePrinter's
 * status-only reply in smbtorture's teardown: not investigated here).
 */
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { ADMIN, run } from '../../helpers/rpc-stack';
import type { RpcStack } from '../../helpers/rpc-stack';
import { startTorturePrinterStack } from '../../helpers/torture-printer-stack';
import { dissect, startCapture, tsharkFields } from '../../helpers/tshark';

jest.setTimeout(300_000);

/** The smbtorture test, and the name its result line gives it. */
const TESTS = [
  ['printer.addprinter.printer_ic', 'addprinter.printer_ic'],
  ['printer.addprinter.log_jobinfo', 'addprinter.log_jobinfo'],
  ['printer.addprinter.bidi', 'addprinter.bidi'],
  ['printer.addprinter.print_test_properties', 'addprinter.print_test_properties'],
  ['printserver.addpermachineconnection', 'printserver.addpermachineconnection'],
] as const;
const NEW_OPNUMS = ['40', '41', '42', '85', '86', '87', '97', '110', '111', '112', '113', '116'];

describeWithTools(['smbtorture', 'rpcclient', 'tshark', 'dumpcap'], 'tshark on the issue-15 spoolss calls', () => {
  let stack: RpcStack;
  beforeAll(async () => {
    stack = await startTorturePrinterStack();
  });
  afterAll(() => stack.close());

  it('every new call is answered, and no frame carrying one is malformed', async () => {
    const capture = await startCapture(stack.port);
    try {
      for (const [t, name] of TESTS) {
        const r = await run(
          TOOLS.smbtorture,
          ['//127.0.0.1/print$', '-p', String(stack.port), '-U', ADMIN, `rpc.spoolss.${t}`],
          60000,
        );
        // bidi skips itself after its first call (see docs/smbtorture-spoolss.md); the others pass.
        expect(r.stdout).toMatch(new RegExp(`^(success|skip): ${name.replace(/\./g, '\\.')}`, 'm'));
      }
    } finally {
      await capture.stop();
    }
    const summary = await dissect(capture.file, stack.port);
    const ours = Object.entries(summary.malformed).filter(([key]) => NEW_OPNUMS.includes(key.split('/')[1] ?? ''));
    expect(ours).toEqual([]);
    const rows = await tsharkFields(capture.file, stack.port, 'spoolss', ['dcerpc.pkt_type', 'spoolss.opnum']);
    const count = (type: string, op: string): number => rows.filter(([t, o]) => t === type && o === op).length;
    for (const op of NEW_OPNUMS) {
      expect([op, count('0', op) > 0]).toEqual([op, true]);
      // Answered as a response (type 2), never a fault (type 3).
      expect([op, count('2', op)]).toEqual([op, count('0', op)]);
    }
  });
});
