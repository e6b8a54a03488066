/**
 * What every MS-RPRN operation shares: the call context, the handle lookup, the single place
 * where a provider's Win32Error becomes the WERROR return value, and the buffer semantics of
 * [MS-RPRN] 3.1.4 (the two-call size probe: ERROR_INSUFFICIENT_BUFFER for INFO buffers,
 * ERROR_MORE_DATA for data buffers, with the needed size).
 */
import { RpcFaultError, Win32Error } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { Win32ErrorCode } from '../../common/status/win32-error';
import type { PrintProvider } from '../../spoolss/print-provider';
import type { CallerContext, PrinterHandle } from '../../spoolss/types';
import { FaultStatus } from '../constants';
import type { AnyNdrMessage, NdrMessage } from '../ndr/ndr-message';
import { decodeRequestStub, encodeResponseStub } from '../ndr/ndr-message';
import type { SizedBuffer } from '../ndr/ndr-params';
import type { GdiHandleTable } from './gdi-handle-table';
import type { PrinterHandleTable } from './handle-table';
import type { FlatLayout, FlatRecord } from './structures/flat-buffer';
import { measureFlat, packFlat } from './structures/flat-buffer';
import type { StatusResponse } from './messages/parameters';

export interface RprnCallContext {
  readonly provider: PrintProvider;
  readonly caller: CallerContext;
  readonly handles: PrinterHandleTable;
  /** The association's printer information contexts (RpcCreatePrinterIC). */
  readonly gdiHandles: GdiHandleTable;
  /** The server name the client used to reach us (SMB2 tree connect). */
  readonly serverName: string;
  readonly logger: Logger;
}

/** One MS-RPRN method on the server: its message, and what the server does with a request. */
export interface RprnOperation {
  readonly message: AnyNdrMessage;
  /** Decodes the request stub with the message, runs the method, encodes the response stub. */
  handle(stub: Buffer, ctx: RprnCallContext): Promise<Buffer>;
}

/** An operation from its message and the method's work on decoded values. */
export function rprnOperation<Req, Res>(
  message: NdrMessage<Req, Res>,
  run: (request: Req, ctx: RprnCallContext) => Promise<Res>,
): RprnOperation {
  return {
    message,
    async handle(stub, ctx) {
      const request = decodeRequestStub(message, stub);
      return encodeResponseStub(message, await run(request, ctx));
    },
  };
}

/** Largest [out] buffer a client may ask us to allocate (cbBuf of an out-only array). */
export const MAX_OUT_BUFFER = 4 * 1024 * 1024;

/** The environment a NULL pEnvironment means: the server's own. */
export const SERVER_ENVIRONMENT = 'Windows x64';

export function lookupHandle(ctx: RprnCallContext, wire: Buffer): PrinterHandle {
  const h = ctx.handles.get(wire, ctx.caller);
  if (h === undefined) throw new RpcFaultError(FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH, 'unknown PRINTER_HANDLE');
  return h;
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly status: number };

/** Runs a provider call; a Win32Error becomes the status, anything else propagates (a fault). */
export async function win32<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    if (err instanceof Win32Error) return { ok: false, status: err.win32 };
    throw err;
  }
}

/** An [out]-only buffer size from the client, bounded (MIDL would allocate it before the call). */
export function checkOutSize(cb: number): number {
  if (cb > MAX_OUT_BUFFER)
    throw new RpcFaultError(FaultStatus.NCA_S_FAULT_REMOTE_NO_MEMORY, `out buffer of ${cb} bytes refused`);
  return cb;
}

export interface InfoResult {
  readonly status: number;
  readonly needed: number;
  readonly returned: number;
  readonly buffer: Buffer | undefined;
}

export function infoError(inBuf: SizedBuffer, status: number): InfoResult {
  return { status, needed: 0, returned: 0, buffer: inBuf.buffer === undefined ? undefined : Buffer.alloc(inBuf.cbBuf) };
}

/** Lays out INFO records into the client's buffer, or answers the size probe. */
export function infoResult(inBuf: SizedBuffer, layout: FlatLayout, records: readonly FlatRecord[]): InfoResult {
  const needed = measureFlat(layout, records);
  return fitInfo(inBuf, needed, records.length, () => packFlat(layout, records, inBuf.cbBuf));
}

export function fitInfo(inBuf: SizedBuffer, needed: number, count: number, pack: () => Buffer): InfoResult {
  if (inBuf.buffer === undefined && inBuf.cbBuf !== 0) return infoError(inBuf, Win32ErrorCode.ERROR_INVALID_PARAMETER);
  if (needed === 0)
    return {
      status: Win32ErrorCode.ERROR_SUCCESS,
      needed: 0,
      returned: 0,
      buffer: inBuf.buffer === undefined ? undefined : Buffer.alloc(inBuf.cbBuf),
    };
  if (inBuf.buffer === undefined || inBuf.cbBuf < needed) {
    return {
      status: Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER,
      needed,
      returned: 0,
      buffer: inBuf.buffer === undefined ? undefined : Buffer.alloc(inBuf.cbBuf),
    };
  }
  return { status: Win32ErrorCode.ERROR_SUCCESS, needed, returned: count, buffer: pack() };
}

/** `[out, size_is(n)] BYTE*`: always exactly `n` bytes, the data at the front when it fits. */
export function outArray(n: number, data: Buffer | undefined): Buffer {
  const out = Buffer.alloc(n);
  if (data !== undefined && data.length <= n) data.copy(out);
  return out;
}

/** The status of a provider call that returns nothing, as a status-only response. */
export async function statusOf(run: () => Promise<unknown>): Promise<StatusResponse> {
  const res = await win32(run);
  return { status: res.ok ? 0 : res.status };
}
