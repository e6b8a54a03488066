/**
 * RPC_BIDI_REQUEST_CONTAINER and RPC_BIDI_RESPONSE_CONTAINER — [MS-RPRN] 2.2.1.2.10-11, with
 * RPC_BIDI_REQUEST_DATA, RPC_BIDI_RESPONSE_DATA and RPC_BIDI_DATA (2.2.1.11.1-3), for
 * RpcSendRecvBidiData (3.1.4.2.27). Everything is 4-aligned.
 *
 *   container (conformant):  u32 max_count | u32 Version (1) | u32 Flags | u32 Count (= max_count)
 *                            | the elements, then their pointees
 *   RPC_BIDI_REQUEST_DATA:   u32 dwReqNumber | referent id -> [string] pSchema | RPC_BIDI_DATA
 *   RPC_BIDI_RESPONSE_DATA:  u32 dwResult | u32 dwReqNumber | referent id -> pSchema | RPC_BIDI_DATA
 *   RPC_BIDI_DATA:           u32 dwBidiType | u32 union tag (= dwBidiType) | the arm:
 *     BIDI_NULL 0, BIDI_BOOL 3  int bData       BIDI_INT 1   long iData     BIDI_FLOAT 2  float fData
 *     BIDI_STRING 4, BIDI_TEXT 5, BIDI_ENUM 6  referent id -> [string] sData
 *     BIDI_BLOB 7               RPC_BINARY_CONTAINER: u32 cbBuf | referent id -> [size_is(cbBuf)] BYTE[]
 *
 * Samba's spoolss.idl declares aData as an array of pointers; [MS-RPRN]'s IDL, followed here, as an
 * array of structures. The two agree for the empty containers smbtorture sends.
 */
import { MalformedPacketError } from '../../../common/errors';
import type { BidiData, BidiRequestEntry, BidiResponseEntry } from '../../../spoolss/spooler-extras';
import type { NdrParam } from '../../ndr/ndr-params';
import type { NdrReader } from '../../ndr/ndr-reader';
import type { NdrWriter } from '../../ndr/ndr-writer';

/** BIDI_TYPE (winspool.h). */
export const BidiType = {
  BIDI_NULL: 0,
  BIDI_INT: 1,
  BIDI_FLOAT: 2,
  BIDI_BOOL: 3,
  BIDI_STRING: 4,
  BIDI_TEXT: 5,
  BIDI_ENUM: 6,
  BIDI_BLOB: 7,
} as const;

const TYPE_OF: Readonly<Record<BidiData['type'], number>> = {
  null: BidiType.BIDI_NULL,
  int: BidiType.BIDI_INT,
  float: BidiType.BIDI_FLOAT,
  bool: BidiType.BIDI_BOOL,
  string: BidiType.BIDI_STRING,
  text: BidiType.BIDI_TEXT,
  enum: BidiType.BIDI_ENUM,
  blob: BidiType.BIDI_BLOB,
};
const STRING_TYPES = { 4: 'string', 5: 'text', 6: 'enum' } as const;

/** The smallest element: a request's three DWORDs, its pointer and the union tag. */
const MIN_ELEMENT_SIZE = 20;

function decodeBidiData(r: NdrReader, field: string): () => BidiData {
  const type = r.u32(`${field}.dwBidiType`);
  r.unionTag(type, field);
  switch (type) {
    case BidiType.BIDI_NULL:
      r.u32(`${field}.bData`);
      return () => ({ type: 'null' });
    case BidiType.BIDI_BOOL:
    case BidiType.BIDI_INT: {
      const value = r.i32(`${field}.iData`);
      return () => ({ type: type === BidiType.BIDI_BOOL ? 'bool' : 'int', value });
    }
    case BidiType.BIDI_FLOAT: {
      const value = r.bytes(4, `${field}.fData`).readFloatLE(0);
      return () => ({ type: 'float', value });
    }
    case BidiType.BIDI_STRING:
    case BidiType.BIDI_TEXT:
    case BidiType.BIDI_ENUM: {
      let value = '';
      r.pointer(() => (value = r.string(`${field}.sData`)), true, `${field}.sData`);
      return () => ({ type: STRING_TYPES[type], value });
    }
    case BidiType.BIDI_BLOB: {
      const cb = r.u32(`${field}.biData.cbBuf`);
      let value: Buffer = Buffer.alloc(0);
      r.pointer(
        () => {
          value = r.conformantBytes(`${field}.biData.pszString`);
          if (value.length !== cb)
            throw new MalformedPacketError(`${field}: max_count ${value.length} differs from cbBuf ${cb}`, { field });
        },
        true,
        `${field}.biData`,
      );
      return () => ({ type: 'blob', value });
    }
    default:
      throw new MalformedPacketError(`${field}: no union arm for dwBidiType ${type}`, { field });
  }
}

function encodeBidiData(w: NdrWriter, d: BidiData): void {
  const type = TYPE_OF[d.type];
  w.u32(type).u32(type);
  switch (d.type) {
    case 'null':
      w.u32(0);
      break;
    case 'int':
    case 'bool':
      w.i32(d.value);
      break;
    case 'float': {
      const b = Buffer.alloc(4);
      b.writeFloatLE(d.value, 0);
      w.bytes(b);
      break;
    }
    case 'string':
    case 'text':
    case 'enum':
      w.pointer(d.value, (s) => w.string(s), true);
      break;
    case 'blob':
      w.u32(d.value.length);
      w.pointer(d.value, (b) => w.conformantBytes(b), true);
      break;
  }
}

function decodeContainer<T>(r: NdrReader, field: string, element: (at: string) => () => T): T[] {
  const n = r.maxCount(MIN_ELEMENT_SIZE, field);
  r.u32(`${field}.Version`);
  r.u32(`${field}.Flags`);
  const count = r.u32(`${field}.Count`);
  if (count !== n) throw new MalformedPacketError(`${field}: max_count ${n} differs from Count ${count}`, { field });
  const readers = Array.from({ length: n }, (_, i) => element(`${field}.aData[${i}]`));
  r.flushDeferred();
  return readers.map((get) => get());
}

function optionalSchema(r: NdrReader, at: string): () => string | undefined {
  let schema: string | undefined;
  r.pointer(() => (schema = r.string(`${at}.pSchema`)), true, `${at}.pSchema`);
  return () => schema;
}

function decodeRequest(r: NdrReader, at: string): () => BidiRequestEntry {
  const reqNumber = r.u32(`${at}.dwReqNumber`);
  const schema = optionalSchema(r, at);
  const data = decodeBidiData(r, `${at}.data`);
  return () => {
    const s = schema();
    return { reqNumber, ...(s !== undefined && { schema: s }), data: data() };
  };
}

function decodeResponse(r: NdrReader, at: string): () => BidiResponseEntry {
  const result = r.u32(`${at}.dwResult`);
  const request = decodeRequest(r, at);
  return () => ({ result, ...request() });
}

/** Writes a container; `lead` writes what an element has before dwReqNumber (a response's dwResult). */
function encodeContainer<T extends BidiRequestEntry>(w: NdrWriter, list: readonly T[], lead?: (e: T) => void): void {
  w.u32(list.length).u32(1).u32(0).u32(list.length);
  for (const e of list) {
    lead?.(e);
    w.u32(e.reqNumber);
    w.pointer(e.schema, (s) => w.string(s), true);
    encodeBidiData(w, e.data);
  }
  w.flushDeferred();
}

/** `[in] RPC_BIDI_REQUEST_CONTAINER* pReqData` (a top-level [ref]). */
export function bidiRequestContainer(field: string): NdrParam<BidiRequestEntry[]> {
  return {
    read: (r) => decodeContainer(r, field, (at) => decodeRequest(r, at)),
    write: (w, v) => encodeContainer(w, v),
  };
}

/** `[out] RPC_BIDI_RESPONSE_CONTAINER** ppRespData`: a referent id (0 for none), then the container. */
export function bidiResponseContainer(field: string): NdrParam<BidiResponseEntry[] | undefined> {
  return {
    read(r) {
      let list: BidiResponseEntry[] | undefined;
      r.pointer(() => (list = decodeContainer(r, field, (at) => decodeResponse(r, at))), false, field);
      return list;
    },
    write(w, v) {
      w.pointer(v, (list) => encodeContainer(w, list, (e) => w.u32(e.result)), false);
    },
  };
}
