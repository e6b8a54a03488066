/**
 * The MS-RPRN client stub: a method's message (../messages) encodes the request and decodes the
 * response, the interface's opnum table numbers it (MS-RPRN's by default; MS-PAR numbers the same
 * messages its own way), and RpcClient carries it.
 *
 * It also runs the two buffer patterns of [MS-RPRN] 3.1.4 (point-and-print.md 6.3):
 *   INFO calls (3.1.4.1.9): a NULL buffer first (ERROR_INSUFFICIENT_BUFFER + pcbNeeded), then a
 *     buffer of pcbNeeded bytes
 *   data calls (3.1.4.1.7, 3.1.4.1.10): a zero size first (ERROR_MORE_DATA + the needed size),
 *     then the real call
 * A size that keeps growing (a changing queue) is retried a bounded number of times; a hostile
 * size is refused before anything is allocated. A non-zero WERROR becomes Win32Error(code).
 */
import { Win32Error } from '../../../common/errors';
import type { Logger } from '../../../common/logger';
import { Win32ErrorCode, win32ErrorName } from '../../../common/status/win32-error';
import type { RpcClient } from '../../client/rpc-client';
import type { AnyNdrMessage, NdrMessage } from '../../ndr/ndr-message';
import { decodeResponseStub, encodeRequestStub } from '../../ndr/ndr-message';
import type { SizedBuffer } from '../../ndr/ndr-params';
import type { OpnumTable } from '../../opnum-table';
import type { InfoResponse, StatusResponse } from '../messages/parameters';
import type { FlatLayout, FlatRecord } from '../structures/flat-buffer';
import { unpackFlat } from '../structures/flat-buffer';

/** The most a server may make us allocate for one buffer (a hostile pcbNeeded). */
export const MAX_CLIENT_BUFFER = 16 * 1024 * 1024;
/** A size that keeps growing between the probe and the call (a changing queue) is retried this often. */
const MAX_ATTEMPTS = 4;

/** What a data call's response says about its size. */
interface SizedResponse {
  readonly needed: number;
  readonly status: number;
}

export class RprnClientStub {
  constructor(
    private readonly rpc: RpcClient,
    private readonly opnums: OpnumTable<AnyNdrMessage>,
    /** The first call's buffer size: 0 is the pure size probe. */
    private readonly initialSize: number,
    private readonly log: Logger,
  ) {}

  /** Whether the interface numbers this message (MS-PAR's package calls are not on \pipe\spoolss). */
  offers(message: AnyNdrMessage): boolean {
    return this.opnums.opnum(message) !== undefined;
  }

  /** One call: the request encoded, sent under the message's opnum, the response decoded. */
  async call<Req, Res>(message: NdrMessage<Req, Res>, request: Req): Promise<Res> {
    const opnum = this.opnums.opnum(message);
    if (opnum === undefined) throw new RangeError(`${message.name} has no opnum in this interface`);
    const stub = encodeRequestStub(message, request);
    this.log.debug(message.name, { stub: stub.length });
    return decodeResponseStub(message, await this.rpc.call(opnum, stub));
  }

  /** A call whose response is only the status, checked. */
  async status<Req>(message: NdrMessage<Req, StatusResponse>, request: Req, subject?: string): Promise<void> {
    check(message, (await this.call(message, request)).status, subject);
  }

  /** The INFO two-call pattern: a NULL buffer first (or the initial size), then pcbNeeded bytes. */
  async info<Req, Res extends InfoResponse>(
    message: NdrMessage<Req, Res>,
    request: (buffer: SizedBuffer) => Req,
  ): Promise<Res> {
    let buffer: Buffer | undefined = this.initialSize > 0 ? Buffer.alloc(this.initialSize) : undefined;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const res = await this.call(message, request({ buffer, cbBuf: buffer?.length ?? 0 }));
      if (res.status === Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER && res.needed > (buffer?.length ?? 0)) {
        buffer = Buffer.alloc(this.grow(message, res.needed));
        continue;
      }
      check(message, res.status);
      return res;
    }
    throw tooManyAttempts(message);
  }

  /** The data-call pattern: a size of 0 first (or the initial size), then the needed size. */
  async sized<Req, Res extends SizedResponse>(
    message: NdrMessage<Req, Res>,
    request: (cb: number) => Req,
    subject: string,
  ): Promise<Res> {
    let cb = this.initialSize;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const res = await this.call(message, request(cb));
      if (res.status === Win32ErrorCode.ERROR_MORE_DATA && res.needed > cb) {
        cb = this.grow(message, res.needed);
        continue;
      }
      check(message, res.status, subject);
      return res;
    }
    throw tooManyAttempts(message);
  }

  private grow(message: AnyNdrMessage, needed: number): number {
    if (needed > MAX_CLIENT_BUFFER) {
      throw new Win32Error(
        Win32ErrorCode.ERROR_NOT_ENOUGH_MEMORY,
        `${message.name}: the server asks for a ${needed}-byte buffer`,
      );
    }
    this.log.debug('size probe', { op: message.name, needed });
    return needed;
  }
}

/** Non-zero WERROR -> Win32Error with the call's name. */
export function check(message: { readonly name: string }, status: number, subject?: string): void {
  if (status === Win32ErrorCode.ERROR_SUCCESS) return;
  const what = win32ErrorName(status);
  throw new Win32Error(status, `${message.name}${subject !== undefined ? `(${subject})` : ''}: ${what}`);
}

function tooManyAttempts(message: AnyNdrMessage): Win32Error {
  return new Win32Error(Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER, `${message.name}: the needed size kept changing`);
}

/** The layout of an INFO level the client can read; ERROR_INVALID_LEVEL before any call otherwise. */
export function levelLayout(layouts: Readonly<Record<number, FlatLayout>>, level: number): FlatLayout {
  const layout = layouts[level];
  if (layout === undefined) throw new Win32Error(Win32ErrorCode.ERROR_INVALID_LEVEL, `no INFO level ${level}`);
  return layout;
}

/** The `count` records of an INFO buffer. */
export function unpack(layout: FlatLayout, res: InfoResponse, count: number): FlatRecord[] {
  if (count === 0) return [];
  if (res.buffer === undefined)
    throw new Win32Error(Win32ErrorCode.ERROR_INVALID_DATA, `${layout.name}: no buffer returned`);
  return unpackFlat(layout, res.buffer, count);
}

/** The one record of a Get call's INFO buffer. */
export function one(layout: FlatLayout, res: InfoResponse, message: { readonly name: string }): FlatRecord {
  const rec = unpack(layout, res, res.needed > 0 ? 1 : 0)[0];
  if (rec === undefined) throw new Win32Error(Win32ErrorCode.ERROR_INVALID_DATA, `${message.name}: empty answer`);
  return rec;
}
