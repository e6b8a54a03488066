/**
 * The parameter shapes of the driver package methods — [MS-RPRN] 3.1.4.4.9, 3.1.4.4.10 and their
 * MS-PAR twins and siblings ([MS-PAR] 3.1.4.2.7-12), as NDR 2.0 lays them out (C706 14):
 *
 *   DWORD cch; [size_is(cch)] const wchar_t* pszz
 *       u32 cch | u32 max_count (= cch) | cch UTF-16 units (a multisz)
 *   [in, out, unique, size_is(cch)] wchar_t* psz; [in] DWORD cch      (the caller's buffer)
 *       u32 referent id (0 = NULL) | [u32 max_count (= cch) | units] | u32 cch
 *   [out, size_is(n)] CORE_PRINTER_DRIVER* (2.2.2.13)
 *       u32 max_count (= n) | pad to 8 | n x { GUID CoreDriverGUID (16) | FILETIME ftDriverDate
 *       (2 x u32) | DWORDLONG dwlDriverVersion (u64) | wchar_t szPackageID[260] (520) } = 552 each
 *   GUID ([MS-DTYP] 2.3.4.2): 16 bytes, 4-aligned; FILETIME: two DWORDs (low, high), 4-aligned
 *
 * A conformance that disagrees with its count is nca_s_fault_ndr, as the NDR engine answers.
 */
import { RpcFaultError, Win32Error } from '../../../common/errors';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { guidFromBuffer, guidToBuffer } from '../../../common/binary/guid';
import { FaultStatus } from '../../constants';
import type { NdrParam } from '../../ndr/ndr-params';

/** MAX_PATH: szPackageID's fixed size in characters. */
export const PACKAGE_ID_CHARS = 260;
/** The wire size of one CORE_PRINTER_DRIVER. */
export const CORE_PRINTER_DRIVER_SIZE = 16 + 8 + 8 + PACKAGE_ID_CHARS * 2;

/** CORE_PRINTER_DRIVER ([MS-RPRN] 2.2.2.13) as the wire carries it. */
export interface CorePrinterDriverRecord {
  /** Lower-case 8-4-4-4-12 text (guid.ts), no braces. */
  readonly coreDriverGuid: string;
  readonly ftDriverDate: bigint;
  readonly dwlDriverVersion: bigint;
  /** At most 259 characters; the rest of the 260 are NULs. */
  readonly packageId: string;
}

/** An empty record: what a failed call leaves in each element of the caller's array. */
export const EMPTY_CORE_PRINTER_DRIVER: CorePrinterDriverRecord = {
  coreDriverGuid: '00000000-0000-0000-0000-000000000000',
  ftDriverDate: 0n,
  dwlDriverVersion: 0n,
  packageId: '',
};

function ndrFault(message: string): RpcFaultError {
  return new RpcFaultError(FaultStatus.NCA_S_FAULT_NDR, message);
}

/** The strings of a multisz (UTF-16 units), up to its empty string or its end. */
export function multiSzStrings(units: Buffer): string[] {
  const out: string[] = [];
  for (const s of units.toString('utf16le').split('\0')) {
    if (s === '') break;
    out.push(s);
  }
  return out;
}

/** The UTF-16 units of a multisz: each string with its NUL, and the final NUL. */
export function multiSzUnits(strings: readonly string[]): Buffer {
  return Buffer.from(`${strings.map((s) => `${s}\0`).join('')}\0`, 'utf16le');
}

/** `[in] DWORD cch; [in, size_is(cch)] const wchar_t* pszz`: the count first, then the array. */
export function countedMultiSz(field: string, countField: string): NdrParam<readonly string[]> {
  return {
    read(r) {
      const cch = r.u32(countField);
      const max = r.maxCount(2, field);
      if (max !== cch) throw ndrFault(`${field}: max_count ${max} differs from ${countField} ${cch}`);
      return multiSzStrings(Buffer.from(r.bytes(max * 2, field)));
    },
    write(w, strings) {
      const units = multiSzUnits(strings);
      w.u32(units.length / 2)
        .u32(units.length / 2)
        .bytes(units);
    },
  };
}

/** The caller's UTF-16 buffer and its size in characters (undefined buffer: NULL, the size probe). */
export interface WcharBuffer {
  readonly buffer: Buffer | undefined;
  readonly cch: number;
}

/** `[in, out, unique, size_is(cch)] wchar_t* p` then `DWORD cch` (or `DWORD* pcch`), as a request carries them. */
export function uniqueWcharBuffer(field: string, countField: string): NdrParam<WcharBuffer> {
  return {
    read(r) {
      let buffer: Buffer | undefined;
      r.pointer(
        () => {
          const max = r.maxCount(2, field);
          buffer = Buffer.from(r.bytes(max * 2, field));
        },
        false,
        field,
      );
      const cch = r.u32(countField);
      if (buffer !== undefined && buffer.length / 2 !== cch)
        throw ndrFault(`${field}: max_count ${buffer.length / 2} differs from ${countField} ${cch}`);
      return { buffer, cch };
    },
    write(w, v) {
      w.pointer(
        v.buffer,
        (b) => w.u32(Math.floor(b.length / 2)).bytes(b.subarray(0, b.length - (b.length % 2))),
        false,
      );
      w.u32(v.cch);
    },
  };
}

/** `[out, unique, size_is(cch)] wchar_t* p` in a response: referent id (0 = NULL), max_count, units. */
export function uniqueWchars(field: string): NdrParam<Buffer | undefined> {
  return {
    read(r) {
      let buffer: Buffer | undefined;
      r.pointer(() => (buffer = Buffer.from(r.bytes(r.maxCount(2, field) * 2, field))), false, field);
      return buffer;
    },
    write(w, v) {
      w.pointer(v, (b) => w.u32(Math.floor(b.length / 2)).bytes(b.subarray(0, b.length - (b.length % 2))), false);
    },
  };
}

/** A `cch`-character buffer holding `text` and its NUL at the front, or undefined when it does not fit. */
export function wcharsOf(text: string, cch: number): Buffer | undefined {
  const data = Buffer.from(`${text}\0`, 'utf16le');
  if (data.length > cch * 2) return undefined;
  const out = Buffer.alloc(cch * 2);
  data.copy(out);
  return out;
}

/** The string at the front of a UTF-16 buffer, up to its NUL. */
export function wcharsText(buffer: Buffer): string {
  const text = buffer.toString('utf16le');
  const nul = text.indexOf('\0');
  return nul < 0 ? text : text.slice(0, nul);
}

/** `[in] GUID`: 16 bytes, 4-aligned, as lower-case text. */
export function guid(field: string): NdrParam<string> {
  return {
    read(r) {
      r.align(4);
      return guidFromBuffer(Buffer.from(r.bytes(16, field)));
    },
    write(w, v) {
      w.align(4).bytes(guidToBuffer(v));
    },
  };
}

/** `[in] FILETIME`: dwLowDateTime, dwHighDateTime. */
export function filetime(field: string): NdrParam<bigint> {
  return {
    read(r) {
      const low = r.u32(`${field}.dwLowDateTime`);
      const high = r.u32(`${field}.dwHighDateTime`);
      return (BigInt(high) << 32n) | BigInt(low);
    },
    write(w, v) {
      w.u32(Number(v & 0xffffffffn)).u32(Number((v >> 32n) & 0xffffffffn));
    },
  };
}

/** `[in] DWORDLONG`. */
export function dwordlong(field: string): NdrParam<bigint> {
  return { read: (r) => r.u64(field), write: (w, v) => void w.u64(v) };
}

/** `[out, size_is(n)] CORE_PRINTER_DRIVER*` (a top-level [ref] pointer to a conformant array). */
export function corePrinterDrivers(field: string): NdrParam<readonly CorePrinterDriverRecord[]> {
  return {
    read(r) {
      const n = r.maxCount(CORE_PRINTER_DRIVER_SIZE, field);
      if (n > 0) r.align(8);
      const out: CorePrinterDriverRecord[] = [];
      for (let i = 0; i < n; i++) {
        const at = `${field}[${i}]`;
        const coreDriverGuid = guidFromBuffer(Buffer.from(r.bytes(16, `${at}.CoreDriverGUID`)));
        const low = r.u32(`${at}.ftDriverDate`);
        const high = r.u32(`${at}.ftDriverDate`);
        const dwlDriverVersion = r.u64(`${at}.dwlDriverVersion`);
        const packageId = wcharsText(Buffer.from(r.bytes(PACKAGE_ID_CHARS * 2, `${at}.szPackageID`)));
        out.push({ coreDriverGuid, ftDriverDate: (BigInt(high) << 32n) | BigInt(low), dwlDriverVersion, packageId });
      }
      return out;
    },
    write(w, records) {
      w.u32(records.length);
      if (records.length > 0) w.align(8);
      for (const rec of records) {
        const id = Buffer.alloc(PACKAGE_ID_CHARS * 2);
        // szPackageID keeps its NUL: at most 259 characters are sent.
        Buffer.from(rec.packageId.slice(0, PACKAGE_ID_CHARS - 1), 'utf16le').copy(id);
        w.bytes(guidToBuffer(rec.coreDriverGuid))
          .u32(Number(rec.ftDriverDate & 0xffffffffn))
          .u32(Number((rec.ftDriverDate >> 32n) & 0xffffffffn))
          .u64(rec.dwlDriverVersion)
          .bytes(id);
      }
    },
  };
}

/** `{D20EA372-...}` (or bare) -> the lower-case text guid.ts writes; ERROR_INVALID_PARAMETER if it is no GUID. */
export function guidOfCoreDriver(text: string): string {
  const bare = text
    .trim()
    .replace(/^\{|\}$/g, '')
    .toLowerCase();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(bare))
    throw new Win32Error(Win32ErrorCode.ERROR_INVALID_PARAMETER, `"${text}" is not a GUID`);
  return bare;
}
