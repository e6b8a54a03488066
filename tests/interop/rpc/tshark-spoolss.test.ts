/**
 * tshark as an oracle for the Point-and-Print calls: rpcclient's getdriver, enumkey, enumdataex,
 * getdataex, getprinter against the real stack, captured on loopback and dissected. Every
 * spoolss PDU must decode without a malformed item, except GetPrinterDataEx (78) replies, which
 * tshark 4.0 flags on Samba's correct replies too (protocol-anchors.md 7).
 */
import { describeWithTools } from '../../helpers/interop-tools';
import { dissect, startCapture, tsharkFields } from '../../helpers/tshark';
import { ALICE, rpcclient, startRpcStack } from '../../helpers/rpc-stack';
import type { RpcStack } from '../../helpers/rpc-stack';

jest.setTimeout(120000);

describeWithTools(['rpcclient', 'tshark', 'dumpcap'], 'tshark dissects our spoolss traffic', () => {
  let stack: RpcStack;
  beforeAll(async () => {
    stack = await startRpcStack();
  });
  afterAll(() => stack.close());

  it('decodes bind_ack and every Point-and-Print reply', async () => {
    const capture = await startCapture(stack.port);
    try {
      const r = await rpcclient(
        stack.port,
        ALICE,
        'getdriver HpColor; enumkey HpColor; enumkey HpColor CopyFiles; enumdataex HpColor CopyFiles\\\\ICM; getdataex HpColor CopyFiles\\\\ICM Module; getprinter HpColor 2; enumprinters 2; getdriverdir',
      );
      expect(r.code).toBe(0);
    } finally {
      await capture.stop();
    }
    const summary = await dissect(capture.file, stack.port);
    // Keys are "smb2.cmd/spoolss.opnum"; SMB2-only items ("/-", e.g. the NEGOTIATE negHints warning
    // tshark raises on Samba too) belong to the SMB2 layer's own oracle.
    const unexpected = Object.entries(summary.malformed).filter(([key]) => !key.endsWith('/-') && !key.endsWith('/78'));
    expect(summary.smb2Packets).toBeGreaterThan(20);
    expect(unexpected).toEqual([]);

    const rows = await tsharkFields(capture.file, stack.port, 'dcerpc', [
      'dcerpc.pkt_type',
      'dcerpc.cn_sec_addr',
      'spoolss.opnum',
    ]);
    expect(rows.some(([type, addr]) => type === '12' && addr === '\\PIPE\\spoolss')).toBe(true);
    const opnums = new Set(rows.filter(([type]) => type === '2').map((row) => row[2]));
    for (const op of ['69', '53', '80', '79', '78', '8', '0', '12', '29']) expect(opnums).toContain(op);
  });
});
