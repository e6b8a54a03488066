/**
 * An RPC method's parameters as NDR 2.0 lays them out in a stub — C706 14 (top-level parameters
 * in declaration order; a top-level [ref] pointer has no referent id, a top-level [unique] one is
 * its referent id followed at once by the pointee, 14.3.12.1). A parameter list is declared once,
 * in the order of the IDL, and read and written by the same description:
 *
 *   const request = ndrParams({ hPrinter: contextHandle('hPrinter'), level: dword('Level') });
 *   request.read(r)           -> { hPrinter: Buffer, level: number }
 *   request.write(w, value)   -> the same bytes back
 *
 * The field names given to each parameter are the IDL's: they name the field in a
 * MalformedPacketError. Pure: no I/O, no logging.
 */
import { RpcFaultError } from '../../common/errors';
import { FaultStatus } from '../constants';
import type { NdrReader } from './ndr-reader';
import type { NdrWriter } from './ndr-writer';

/** One parameter (or a run of them) read and written by one description. */
export interface NdrParam<T> {
  read(r: NdrReader): T;
  write(w: NdrWriter, value: T): void;
}

export type NdrParamValue<P> = P extends NdrParam<infer T> ? T : never;

type ParamMap = Readonly<Record<string, NdrParam<unknown>>>;
type Values<P extends ParamMap> = { readonly [K in keyof P]: NdrParamValue<P[K]> };
type OptionalKeys<T> = { [K in keyof T]: undefined extends T[K] ? K : never }[keyof T];
type Flatten<T> = { [K in keyof T]: T[K] };
/** The value of a parameter list: a parameter that may be NULL is an optional property. */
export type NdrParamsValue<P extends ParamMap> = Flatten<
  Omit<Values<P>, OptionalKeys<Values<P>>> & Partial<Pick<Values<P>, OptionalKeys<Values<P>>>>
>;

/** A parameter list, in declaration order (object keys keep their insertion order). */
export function ndrParams<P extends ParamMap>(params: P): NdrParam<NdrParamsValue<P>> {
  const entries = Object.entries(params);
  return {
    read(r) {
      const out: Record<string, unknown> = {};
      for (const [name, p] of entries) out[name] = p.read(r);
      return out as NdrParamsValue<P>;
    },
    write(w, value) {
      const v = value as Readonly<Record<string, unknown>>;
      for (const [name, p] of entries) p.write(w, v[name]);
    },
  };
}

/** DWORD (and any 32-bit integer). */
export function dword(field: string): NdrParam<number> {
  return { read: (r) => r.u32(field), write: (w, v) => void w.u32(v) };
}

/** A context handle ([MS-RPCE] 2.2.4.2): 20 bytes, 4-aligned. */
export function contextHandle(field: string): NdrParam<Buffer> {
  return { read: (r) => r.contextHandle(field), write: (w, v) => void w.contextHandle(v) };
}

/** `[string] wchar_t*` (a top-level [ref]): max_count, offset, actual_count, UTF-16LE with its NUL. */
export function string(field: string): NdrParam<string> {
  return { read: (r) => r.string(field), write: (w, v) => void w.string(v) };
}

/** `[string, unique] wchar_t*`: a referent id (0 = NULL), then the string. */
export function uniqueString(field: string): NdrParam<string | undefined> {
  return { read: (r) => r.uniqueString(field), write: (w, v) => void w.uniqueString(v) };
}

/** `[size_is(n)] BYTE*` whose size is another ([in]) parameter: max_count then the bytes. */
export function conformantBytes(field: string): NdrParam<Buffer> {
  return { read: (r) => r.conformantBytes(field), write: (w, v) => void w.conformantBytes(v) };
}

/** `[unique, size_is(n)] BYTE*`: a referent id (0 = NULL), max_count, the bytes. */
export function uniqueBytes(field: string): NdrParam<Buffer | undefined> {
  return { read: (r) => r.uniqueConformantBytes(field), write: (w, v) => void w.uniqueConformantBytes(v) };
}

/**
 * `[size_is(cb / sizeof(wchar_t))] wchar_t*`: a conformant (not varying) array of UTF-16 units,
 * max_count in units; the value is the raw units (an even number of bytes).
 */
export function wcharArray(field: string): NdrParam<Buffer> {
  return {
    read(r) {
      const units = r.maxCount(2, field);
      return Buffer.from(r.bytes(units * 2, field));
    },
    write(w, v) {
      w.u32(Math.floor(v.length / 2)).bytes(v.subarray(0, v.length - (v.length % 2)));
    },
  };
}

/**
 * `[size_is(cb)] BYTE* p; DWORD cb`: the bytes and, as the next parameter, their count. A count
 * that disagrees with the conformance is nca_s_fault_ndr, as the NDR engine answers.
 */
export function sizedBytes(field: string, sizeField: string): NdrParam<Buffer> {
  return {
    read(r) {
      const data = r.conformantBytes(field);
      const cb = r.u32(sizeField);
      if (cb !== data.length)
        throw new RpcFaultError(
          FaultStatus.NCA_S_FAULT_NDR,
          `${field} max_count ${data.length} differs from ${sizeField} ${cb}`,
        );
      return data;
    },
    write(w, v) {
      w.conformantBytes(v).u32(v.length);
    },
  };
}

/** `[in, out, unique, size_is(cbBuf)] BYTE* p; DWORD cbBuf` as a request carries them. */
export interface SizedBuffer {
  /** Undefined for a NULL pointer (the size probe). */
  readonly buffer: Buffer | undefined;
  readonly cbBuf: number;
}

/** The unique buffer and its count; a non-NULL buffer must hold exactly cbBuf bytes (nca_s_fault_ndr). */
export function uniqueSizedBytes(field: string, sizeField: string): NdrParam<SizedBuffer> {
  return {
    read(r) {
      const buffer = r.uniqueConformantBytes(field);
      const cbBuf = r.u32(sizeField);
      if (buffer !== undefined && buffer.length !== cbBuf)
        throw new RpcFaultError(
          FaultStatus.NCA_S_FAULT_NDR,
          `${field}: max_count ${buffer.length} differs from ${sizeField} ${cbBuf}`,
        );
      return { buffer, cbBuf };
    },
    write(w, v) {
      w.uniqueConformantBytes(v.buffer).u32(v.cbBuf);
    },
  };
}

/** `[unique] T*` at top level: a referent id (0 = NULL), then T and its deferred pointees. */
export function uniquePointer<T>(pointee: NdrParam<T>, field: string): NdrParam<T | undefined> {
  return {
    read(r) {
      let value: T | undefined;
      r.pointer(() => (value = pointee.read(r)), false, field);
      return value;
    },
    write(w, v) {
      w.pointer(v, (x) => pointee.write(w, x), false);
    },
  };
}

/**
 * The rest of the stub, kept as bytes: for a trailing parameter the server does not need to
 * answer (it is neither interpreted nor checked).
 */
export function remainingBytes(field: string): NdrParam<Buffer> {
  return { read: (r) => Buffer.from(r.bytes(r.remaining, field)), write: (w, v) => void w.bytes(v) };
}
