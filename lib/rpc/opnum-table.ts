/**
 * What an interface numbers its methods with: opnum -> message, and back. The messages are the
 * interface-independent descriptions of lib/rpc/ndr/ndr-message.ts, so two interfaces whose
 * methods share their NDR share the messages and the server operations behind them: MS-RPRN's
 * RpcOpenPrinterEx is opnum 69 on \pipe\spoolss, and MS-PAR's RpcAsyncOpenPrinter (opnum 0 of
 * IRemoteWinspool) carries the same stubs ([MS-PAR] 3.1.4, [MS-RPRN] 3.1.4.1):
 *
 *   const PAR_OPNUMS = new OpnumTable([[0, RPRN_MESSAGES.RpcOpenPrinterEx], ...]);
 */
export class OpnumTable<M extends { readonly name: string }> {
  private readonly byOpnum = new Map<number, M>();
  private readonly byName = new Map<string, number>();

  constructor(entries: Iterable<readonly [number, M]>) {
    for (const [opnum, message] of entries) {
      if (this.byOpnum.has(opnum)) throw new RangeError(`opnum ${opnum} listed twice`);
      if (this.byName.has(message.name)) throw new RangeError(`${message.name} listed twice`);
      this.byOpnum.set(opnum, message);
      this.byName.set(message.name, opnum);
    }
  }

  /** The message an opnum carries; undefined for an opnum the interface does not offer. */
  message(opnum: number): M | undefined {
    return this.byOpnum.get(opnum);
  }

  /** The opnum of a message in this interface; undefined when the interface does not offer it. */
  opnum(message: { readonly name: string }): number | undefined {
    return this.byName.get(message.name);
  }

  get size(): number {
    return this.byOpnum.size;
  }
}
