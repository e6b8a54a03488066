/**
 * The MS-RPRN interface (12345678-1234-abcd-ef00-0123456789ab v1.0, [MS-RPRN] 2.1) on
 * `\pipe\spoolss` and over TCP (and, with MS-PAR's opnums, IRemoteWinspool): one instance per association group, with its own handle table. An
 * opnum names a message (RPRN_OPNUMS), the message its operation (operations/). Unknown opnums
 * fault with nca_s_op_rng_error. Each call runs as its caller (the RPC identity, else the SMB
 * session's). When the group's last connection goes, the handles still open are closed in the
 * provider (context rundown).
 */
import { RpcFaultError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { PrintProvider } from '../../spoolss/print-provider';
import { FaultStatus, MSRPC_UUID_RPRN, type SyntaxId } from '../constants';
import type { AnyNdrMessage } from '../ndr/ndr-message';
import type { OpnumTable } from '../opnum-table';
import { callerOf } from '../server/caller';
import type { RpcCallInfo, RpcInterfaceDefinition, RpcInterfaceInstance } from '../server/rpc-interface';
import { GdiHandleTable } from './gdi-handle-table';
import { PrinterHandleTable } from './handle-table';
import { RPRN_OPNUMS } from './messages';
import { rprnOperationFor } from './operations';
import type { RprnCallContext, RprnOperation } from './rprn-call';

export interface RprnInterfaceOptions {
  readonly provider: PrintProvider;
  readonly serverName: string;
  readonly logger: Logger;
  readonly maxHandles?: number;
}

/**
 * An interface that numbers the MS-RPRN messages its own way: MS-RPRN itself, or MS-PAR's
 * IRemoteWinspool ([MS-PAR] 3.1.4), which also screens each call before its operation runs.
 */
export interface RprnFlavour {
  readonly syntax: SyntaxId;
  readonly name: string;
  readonly opnums: OpnumTable<AnyNdrMessage>;
  /** The operations of messages MS-RPRN does not have (MS-PAR's package calls). */
  readonly operationFor?: (message: AnyNdrMessage) => RprnOperation | undefined;
  /** Throws a fault, or answers in the operation's place; undefined lets the operation run. */
  readonly screen?: (opnum: number, stub: Buffer, info: RpcCallInfo) => Buffer | undefined;
  /**
   * Methods of the flavour's own, with state per association group (MS-PAR's remote
   * notifications): made with each instance, closed with it.
   */
  readonly extension?: (group: RprnGroupState) => RprnExtension;
}

/** What an association group's instance shares with a flavour's extension. */
export interface RprnGroupState {
  readonly provider: PrintProvider;
  readonly handles: PrinterHandleTable;
  readonly serverName: string;
  readonly logger: Logger;
}

export interface RprnExtension {
  /** The response stub of a method the extension serves; undefined for the others. */
  call(opnum: number, stub: Buffer, info: RpcCallInfo): Promise<Buffer> | undefined;
  close(): void;
}

export const RPRN_FLAVOUR: RprnFlavour = { syntax: MSRPC_UUID_RPRN, name: 'spoolss', opnums: RPRN_OPNUMS };

/** MS-RPRN (or a flavour of it) as registered on an endpoint: a fresh handle table per association group. */
export function rprnInterface(options: RprnInterfaceOptions, flavour = RPRN_FLAVOUR): RpcInterfaceDefinition {
  return { syntax: flavour.syntax, name: flavour.name, instantiate: () => createRprnInterface(options, flavour) };
}

export function createRprnInterface(
  options: RprnInterfaceOptions,
  flavour = RPRN_FLAVOUR,
): RpcInterfaceInstance & { readonly handles: PrinterHandleTable } {
  const handles = new PrinterHandleTable(options.maxHandles);
  const gdiHandles = new GdiHandleTable();
  const base = {
    provider: options.provider,
    handles,
    gdiHandles,
    serverName: options.serverName,
    logger: options.logger,
  };
  const extension = flavour.extension?.(base);
  return {
    syntax: flavour.syntax,
    name: flavour.name,
    handles,
    async call(opnum: number, stub: Buffer, info: RpcCallInfo): Promise<Buffer> {
      const screened = flavour.screen?.(opnum, stub, info);
      if (screened !== undefined) return screened;
      const extended = extension?.call(opnum, stub, info);
      if (extended !== undefined) return extended;
      const message = flavour.opnums.message(opnum);
      const op = message === undefined ? undefined : (rprnOperationFor(message) ?? flavour.operationFor?.(message));
      if (op === undefined) {
        options.logger.debug('unsupported opnum', { iface: flavour.name, opnum, callId: info.callId });
        throw new RpcFaultError(FaultStatus.NCA_S_OP_RNG_ERROR);
      }
      options.logger.debug(op.message.name, { iface: flavour.name, callId: info.callId });
      const ctx: RprnCallContext = { ...base, caller: callerOf(info.caller) };
      return op.handle(stub, ctx);
    },
    async close(): Promise<void> {
      extension?.close();
      gdiHandles.drain();
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
