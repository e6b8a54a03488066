/**
 * One RPC method's request and response stubs, described once (the role of a method in an IDL
 * file): the server decodes the request and encodes the response with it, a client the other way
 * round, and tests check both against annotated bytes. A message carries no opnum: the interface
 * that offers it numbers it (lib/rpc/opnum-table.ts), so one message can sit in two interfaces
 * whose methods share their NDR (MS-RPRN and MS-PAR).
 *
 *   request stub:  the [in] parameters in declaration order
 *   response stub: the [out] parameters in declaration order, then the return value
 */
import { MalformedPacketError } from '../../common/errors';
import type { NdrParam, NdrParamsValue } from './ndr-params';
import { ndrParams } from './ndr-params';
import { NdrReader } from './ndr-reader';
import { NdrWriter } from './ndr-writer';

export interface NdrMessage<Req, Res, Name extends string = string> {
  /** The method's name in its specification, e.g. `RpcOpenPrinterEx`. */
  readonly name: Name;
  readonly request: NdrParam<Req>;
  readonly response: NdrParam<Res>;
}

/** Any message, for tables that hold messages of different shapes. */
export type AnyNdrMessage = NdrMessage<unknown, unknown>;
export type RequestOf<M> = M extends NdrMessage<infer Req, unknown> ? Req : never;
export type ResponseOf<M> = M extends NdrMessage<unknown, infer Res> ? Res : never;

/** A message from its name and its two parameter lists. */
export function ndrMessage<
  Name extends string,
  In extends Readonly<Record<string, NdrParam<unknown>>>,
  Out extends Readonly<Record<string, NdrParam<unknown>>>,
>(name: Name, request: In, response: Out): NdrMessage<NdrParamsValue<In>, NdrParamsValue<Out>, Name> {
  return { name, request: ndrParams(request), response: ndrParams(response) };
}

export function encodeRequestStub<Req>(message: NdrMessage<Req, unknown>, request: Req): Buffer {
  const w = new NdrWriter();
  message.request.write(w, request);
  return w.finish();
}

/** The server's side. Bytes after the last [in] parameter are ignored, as the server always has. */
export function decodeRequestStub<Req>(message: NdrMessage<Req, unknown>, stub: Buffer): Req {
  return message.request.read(new NdrReader(stub));
}

export function encodeResponseStub<Res>(message: NdrMessage<unknown, Res>, response: Res): Buffer {
  const w = new NdrWriter();
  message.response.write(w, response);
  return w.finish();
}

/** The client's side: bytes after the return value mean the two sides disagree on the layout. */
export function decodeResponseStub<Res>(message: NdrMessage<unknown, Res>, stub: Buffer): Res {
  const r = new NdrReader(stub);
  const response = message.response.read(r);
  if (r.remaining !== 0) {
    throw new MalformedPacketError(`${message.name}: ${r.remaining} bytes after the status`, {
      offset: r.offset,
      field: 'stub',
    });
  }
  return response;
}
