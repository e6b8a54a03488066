/**
 * The MS-RPRN interface (12345678-1234-abcd-ef00-0123456789ab v1.0, [MS-RPRN] 2.1) on
 * `\pipe\spoolss`: one instance per pipe open, with its own handle table. An opnum names a message
 * (RPRN_OPNUMS), the message its operation (operations/). Unknown opnums fault with
 * nca_s_op_rng_error.
 * When the pipe closes, the handles still open are closed in the provider (context rundown).
 */
import { RpcFaultError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { PrintProvider } from '../../spoolss/print-provider';
import type { CallerContext } from '../../spoolss/types';
import { FaultStatus, MSRPC_UUID_RPRN } from '../constants';
import type { RpcCallInfo, RpcInterfaceInstance } from '../pipe-endpoint';
import { PrinterHandleTable } from './handle-table';
import { RPRN_OPNUMS } from './messages';
import { rprnOperationFor } from './operations';
import type { RprnCallContext } from './rprn-call';

export interface RprnInterfaceOptions {
  readonly provider: PrintProvider;
  readonly caller: CallerContext;
  readonly serverName: string;
  readonly logger: Logger;
  readonly maxHandles?: number;
}

export function createRprnInterface(
  options: RprnInterfaceOptions,
): RpcInterfaceInstance & { readonly handles: PrinterHandleTable } {
  const handles = new PrinterHandleTable(options.maxHandles);
  const ctx: RprnCallContext = {
    provider: options.provider,
    caller: options.caller,
    handles,
    serverName: options.serverName,
    logger: options.logger,
  };
  return {
    syntax: MSRPC_UUID_RPRN,
    name: 'spoolss',
    handles,
    async call(opnum: number, stub: Buffer, info: RpcCallInfo): Promise<Buffer> {
      const message = RPRN_OPNUMS.message(opnum);
      const op = message === undefined ? undefined : rprnOperationFor(message);
      if (op === undefined) {
        options.logger.debug('unsupported opnum', { opnum, callId: info.callId });
        throw new RpcFaultError(FaultStatus.NCA_S_OP_RNG_ERROR);
      }
      options.logger.debug(op.message.name, { callId: info.callId });
      return op.handle(stub, ctx);
    },
    async close(): Promise<void> {
      for (const h of handles.drain()) {
        try {
          await options.provider.closePrinter(h);
        } catch (err) {
          options.logger.debug('rundown close failed', { handle: h.id, error: String(err) });
        }
      }
    },
  };
}
