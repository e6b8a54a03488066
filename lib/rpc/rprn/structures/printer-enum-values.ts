/**
 * PRINTER_ENUM_VALUES buffers of RpcEnumPrinterDataEx — [MS-RPRN] 2.2.2.11 (custom-marshaled).
 *
 *   record i at 20*i:  u32 ValueNameOffset  u32 cbValueName  u32 dwType  u32 DataOffset  u32 cbData
 *   then, packed FORWARD from 20*n, for each record in order: the name (UTF-16LE + NUL, 2-aligned),
 *   then the data aligned by type (strings 2, DWORD and BINARY 4, QWORD 8, others 4).
 *
 * Both offsets count from the start of the record's own 20 bytes (Wireshark and Samba agree; the
 * W2K8R2 capture in point-and-print.md 6.5 shows it). Alignment counts from the buffer start.
 * pcbEnumValues is the end of the last data item.
 */
import { BufferReader } from '../../../common/binary/buffer-reader';
import { MalformedPacketError } from '../../../common/errors';
import type { RegValue } from '../../../common/reg-value';
import { RegType, decodeRegData, encodeRegData } from '../../../common/reg-value';

export const PRINTER_ENUM_VALUES_SIZE = 20;

export interface EnumValuesRecordLayout {
  readonly nameOffset: number;
  readonly cbName: number;
  readonly type: number;
  readonly dataOffset: number;
  readonly cbData: number;
}

export function dataAlignment(type: number): number {
  switch (type) {
    case RegType.REG_SZ:
    case RegType.REG_EXPAND_SZ:
    case RegType.REG_MULTI_SZ:
    case RegType.REG_LINK:
      return 2;
    case RegType.REG_QWORD:
      return 8;
    default:
      return 4;
  }
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/** Computes the layout (record-relative offsets) and the total size (pcbEnumValues). */
export function layoutPrinterEnumValues(values: readonly RegValue[]): {
  records: EnumValuesRecordLayout[];
  size: number;
  data: Buffer[];
} {
  let at = values.length * PRINTER_ENUM_VALUES_SIZE;
  const records: EnumValuesRecordLayout[] = [];
  const data: Buffer[] = [];
  values.forEach((v, i) => {
    const base = i * PRINTER_ENUM_VALUES_SIZE;
    const cbName = (v.name.length + 1) * 2;
    at = alignUp(at, 2);
    const nameAt = at;
    at += cbName;
    const bytes = encodeRegData(v);
    at = alignUp(at, dataAlignment(v.type));
    const dataAt = at;
    at += bytes.length;
    records.push({ nameOffset: nameAt - base, cbName, type: v.type, dataOffset: dataAt - base, cbData: bytes.length });
    data.push(bytes);
  });
  return { records, size: values.length === 0 ? 0 : at, data };
}

/** The buffer of `cb` bytes (cb >= the layout's size), zero-padded. */
export function encodePrinterEnumValues(values: readonly RegValue[], cb: number): Buffer {
  const { records, size, data } = layoutPrinterEnumValues(values);
  if (cb < size) throw new RangeError(`PRINTER_ENUM_VALUES need ${size} bytes, have ${cb}`);
  const out = Buffer.alloc(cb);
  records.forEach((rec, i) => {
    const base = i * PRINTER_ENUM_VALUES_SIZE;
    out.writeUInt32LE(rec.nameOffset, base);
    out.writeUInt32LE(rec.cbName, base + 4);
    out.writeUInt32LE(rec.type, base + 8);
    out.writeUInt32LE(rec.dataOffset, base + 12);
    out.writeUInt32LE(rec.cbData, base + 16);
    out.write(`${(values[i] as RegValue).name}\0`, base + rec.nameOffset, 'utf16le');
    (data[i] as Buffer).copy(out, base + rec.dataOffset);
  });
  return out;
}

/** Reads `count` values back (the client side); names stop at their first NUL. */
export function decodePrinterEnumValues(buf: Buffer, count: number): RegValue[] {
  if (count * PRINTER_ENUM_VALUES_SIZE > buf.length) {
    throw new MalformedPacketError(`${count} PRINTER_ENUM_VALUES do not fit ${buf.length} bytes`, {
      field: 'pEnumValues',
    });
  }
  const r = new BufferReader(buf);
  const out: RegValue[] = [];
  for (let i = 0; i < count; i++) {
    const base = i * PRINTER_ENUM_VALUES_SIZE;
    r.seek(base);
    const nameOffset = r.u32('ValueNameOffset');
    const cbName = r.u32('cbValueName');
    const type = r.u32('dwType');
    const dataOffset = r.u32('DataOffset');
    const cbData = r.u32('cbData');
    const rawName = r.slice(base + nameOffset, cbName, 'ValueName').toString('utf16le');
    const nul = rawName.indexOf('\0');
    const name = nul === -1 ? rawName : rawName.slice(0, nul);
    const data = r.slice(base + dataOffset, cbData, 'Data');
    out.push({ ...decodeRegData(type, data), name });
  }
  return out;
}

/** EnumPrinterKey's MULTI_SZ of subkey names — [MS-RPRN] 3.1.4.2.19: names, NULs, a final NUL. */
export function encodeKeyList(names: readonly string[]): Buffer {
  return Buffer.from(names.map((n) => `${n}\0`).join('') + '\0', 'utf16le');
}

export function decodeKeyList(buf: Buffer): string[] {
  const s = buf.subarray(0, buf.length - (buf.length % 2)).toString('utf16le');
  const out: string[] = [];
  for (const part of s.split('\0')) {
    if (part === '') break;
    out.push(part);
  }
  return out;
}
