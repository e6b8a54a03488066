/**
 * Opnum tables: MS-RPRN's numbering of its messages, and a second table numbering the same
 * messages another way (as MS-PAR's IRemoteWinspool does, [MS-PAR] 3.1.4.1: RpcAsyncOpenPrinter
 * is opnum 0 and carries RpcOpenPrinterEx's stubs).
 */
import type { AnyNdrMessage } from '../../../lib/rpc/ndr/ndr-message';
import { OpnumTable } from '../../../lib/rpc/opnum-table';
import { RPRN_MESSAGES, RPRN_OPNUMS } from '../../../lib/rpc/rprn/messages';
import { RprnOpnum } from '../../../lib/rpc/rprn/opnums';

describe('OpnumTable', () => {
  it('MS-RPRN: every opnum names the message of the same name, and back', () => {
    expect(RPRN_OPNUMS.size).toBe(Object.keys(RprnOpnum).length);
    for (const [name, opnum] of Object.entries(RprnOpnum)) {
      const message = RPRN_OPNUMS.message(opnum);
      expect(message?.name).toBe(name);
      expect(RPRN_OPNUMS.opnum(message!)).toBe(opnum);
    }
    expect(RPRN_OPNUMS.message(103)).toBeUndefined(); // Opnum103NotUsedOnWire
  });

  it('a second interface numbers the same messages its own way', () => {
    const par = new OpnumTable<AnyNdrMessage>([
      [0, RPRN_MESSAGES.RpcOpenPrinterEx],
      [20, RPRN_MESSAGES.RpcClosePrinter],
    ]);
    expect(par.message(0)).toBe(RPRN_MESSAGES.RpcOpenPrinterEx);
    expect(par.opnum(RPRN_MESSAGES.RpcClosePrinter)).toBe(20);
    expect(par.opnum(RPRN_MESSAGES.RpcEnumPrinters)).toBeUndefined();
  });

  it('refuses an opnum or a message listed twice', () => {
    const m = RPRN_MESSAGES.RpcClosePrinter;
    expect(
      () =>
        new OpnumTable<AnyNdrMessage>([
          [1, m],
          [1, RPRN_MESSAGES.RpcGetPrinter],
        ]),
    ).toThrow(/opnum 1/);
    expect(
      () =>
        new OpnumTable<AnyNdrMessage>([
          [1, m],
          [2, m],
        ]),
    ).toThrow(/RpcClosePrinter/);
  });
});
