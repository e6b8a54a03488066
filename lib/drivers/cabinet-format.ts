/**
 * The cabinet format (Microsoft's "Microsoft Cabinet Format", 1997, which [MS-RPRN] <351> cites
 * as [MSDN-CAB]): the container of a driver package. Structures are little-endian.
 *
 *   CFHEADER  signature 'MSCF' u32, reserved1 u32, cbCabinet u32, reserved2 u32, coffFiles u32,
 *             reserved3 u32, versionMinor u8 (3), versionMajor u8 (1), cFolders u16, cFiles u16,
 *             flags u16, setID u16, iCabinet u16,
 *             [cfhdrRESERVE_PRESENT: cbCFHeader u16, cbCFFolder u8, cbCFData u8, abReserve[cbCFHeader]],
 *             [cfhdrPREV_CABINET: szCabinetPrev, szDiskPrev], [cfhdrNEXT_CABINET: szCabinetNext, szDiskNext]
 *   CFFOLDER  coffCabStart u32, cCFData u16, typeCompress u16, abReserve[cbCFFolder]     (cFolders of them)
 *   CFFILE    cbFile u32, uoffFolderStart u32, iFolder u16, date u16, time u16, attribs u16,
 *             szName (NUL-terminated, at most 256 bytes)                              (cFiles, at coffFiles)
 *   CFDATA    csum u32, cbData u16, cbUncomp u16, abReserve[cbCFData], ab[cbData]     (cCFData per folder)
 *
 * A folder's CFDATA blocks decompress into one stream; a file is the range
 * [uoffFolderStart, uoffFolderStart + cbFile) of its folder's stream. csum 0 means no checksum.
 * This file holds the constants, the typed error and the pure decoders of the fixed structures.
 */
import { MalformedPacketError, PointPrintError } from '../common/errors';
import { reverseLookup } from '../common/constants';
import type { BufferReader } from '../common/binary/buffer-reader';

export const CAB_SIGNATURE = 0x4643534d; // 'MSCF' read little-endian
export const CFHEADER_FIXED_SIZE = 36;
export const CFFOLDER_FIXED_SIZE = 8;
export const CFFILE_FIXED_SIZE = 16;
export const CFDATA_FIXED_SIZE = 8;
/** CB_MAX_FILENAME: a name is at most 256 bytes with its NUL. */
export const CB_MAX_FILENAME = 256;
/** CB_MAX_CHUNK: a CFDATA block decompresses to at most 32 KiB. */
export const CB_MAX_CHUNK = 0x8000;
/** The most compressed bytes a block may carry (32 KiB plus the worst-case expansion). */
export const CB_MAX_COMPRESSED_CHUNK = CB_MAX_CHUNK + 6144;
export const CB_MAX_HEADER_RESERVE = 60000;

export const CabHeaderFlag = {
  cfhdrPREV_CABINET: 0x0001,
  cfhdrNEXT_CABINET: 0x0002,
  cfhdrRESERVE_PRESENT: 0x0004,
} as const;

/** typeCompress & tcompMASK_TYPE. */
export const CabCompression = {
  tcompTYPE_NONE: 0x0000,
  tcompTYPE_MSZIP: 0x0001,
  tcompTYPE_QUANTUM: 0x0002,
  tcompTYPE_LZX: 0x0003,
} as const;
export const tcompMASK_TYPE = 0x000f;
export const cabCompressionName = reverseLookup(CabCompression);

/** iFolder values of files continued across cabinets (a set of cabinets; a driver package is one). */
export const CabFolderIndex = {
  ifoldCONTINUED_FROM_PREV: 0xfffd,
  ifoldCONTINUED_TO_NEXT: 0xfffe,
  ifoldCONTINUED_PREV_AND_NEXT: 0xffff,
} as const;

export const CabFileAttribute = {
  _A_RDONLY: 0x01,
  _A_HIDDEN: 0x02,
  _A_SYSTEM: 0x04,
  _A_ARCH: 0x20,
  _A_EXEC: 0x40,
  /** szName is UTF-8; otherwise it is in the creator's code page. */
  _A_NAME_IS_UTF: 0x80,
} as const;

export type CabinetProblem =
  'malformed' | 'truncated' | 'checksum' | 'unsupported' | 'unsafe-name' | 'limit' | 'size-mismatch';

/** A cabinet that is refused, and why (a stable `problem` for callers and tests). */
export class CabinetError extends PointPrintError {
  override readonly code = 'ERR_CABINET';
  constructor(
    readonly problem: CabinetProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`cabinet refused (${problem}): ${message}`, options);
  }
}

export interface CabHeader {
  readonly cbCabinet: number;
  readonly coffFiles: number;
  readonly versionMajor: number;
  readonly versionMinor: number;
  readonly cFolders: number;
  readonly cFiles: number;
  readonly flags: number;
  readonly setId: number;
  readonly iCabinet: number;
  readonly cbCFHeader: number;
  readonly cbCFFolder: number;
  readonly cbCFData: number;
  /** Where the CFFOLDER array starts. */
  readonly foldersOffset: number;
}

export interface CabFolder {
  readonly coffCabStart: number;
  readonly cCFData: number;
  readonly typeCompress: number;
}

export interface CabFileRecord {
  readonly cbFile: number;
  readonly uoffFolderStart: number;
  readonly iFolder: number;
  readonly date: number;
  readonly time: number;
  readonly attribs: number;
  /** The raw name bytes (without the NUL). */
  readonly nameBytes: Buffer;
  /** Offset of the record, for messages. */
  readonly offset: number;
}

export interface CabDataHeader {
  readonly csum: number;
  readonly cbData: number;
  readonly cbUncomp: number;
}

/** CFHEADER and what follows it up to the CFFOLDER array. */
export function decodeCabHeader(r: BufferReader): CabHeader {
  const start = r.offset;
  if (r.u32('signature') !== CAB_SIGNATURE) throw new MalformedPacketError('not a cabinet (no MSCF signature)');
  r.skip(4, 'reserved1');
  const cbCabinet = r.u32('cbCabinet');
  r.skip(4, 'reserved2');
  const coffFiles = r.u32('coffFiles');
  r.skip(4, 'reserved3');
  const versionMinor = r.u8('versionMinor');
  const versionMajor = r.u8('versionMajor');
  const cFolders = r.u16('cFolders');
  const cFiles = r.u16('cFiles');
  const flags = r.u16('flags');
  const setId = r.u16('setID');
  const iCabinet = r.u16('iCabinet');
  let cbCFHeader = 0;
  let cbCFFolder = 0;
  let cbCFData = 0;
  if (flags & CabHeaderFlag.cfhdrRESERVE_PRESENT) {
    cbCFHeader = r.u16('cbCFHeader');
    cbCFFolder = r.u8('cbCFFolder');
    cbCFData = r.u8('cbCFData');
    if (cbCFHeader > CB_MAX_HEADER_RESERVE)
      throw new MalformedPacketError(`cbCFHeader ${cbCFHeader} over ${CB_MAX_HEADER_RESERVE}`, { field: 'cbCFHeader' });
    r.skip(cbCFHeader, 'abReserve');
  }
  if (flags & CabHeaderFlag.cfhdrPREV_CABINET) {
    readCabString(r, 'szCabinetPrev');
    readCabString(r, 'szDiskPrev');
  }
  if (flags & CabHeaderFlag.cfhdrNEXT_CABINET) {
    readCabString(r, 'szCabinetNext');
    readCabString(r, 'szDiskNext');
  }
  return {
    cbCabinet,
    coffFiles,
    versionMajor,
    versionMinor,
    cFolders,
    cFiles,
    flags,
    setId,
    iCabinet,
    cbCFHeader,
    cbCFFolder,
    cbCFData,
    foldersOffset: r.offset - start,
  };
}

export function decodeCabFolder(r: BufferReader, cbCFFolder: number): CabFolder {
  const coffCabStart = r.u32('coffCabStart');
  const cCFData = r.u16('cCFData');
  const typeCompress = r.u16('typeCompress');
  r.skip(cbCFFolder, 'CFFOLDER abReserve');
  return { coffCabStart, cCFData, typeCompress };
}

export function decodeCabFile(r: BufferReader, base: number): CabFileRecord {
  const offset = base + r.offset;
  const cbFile = r.u32('cbFile');
  const uoffFolderStart = r.u32('uoffFolderStart');
  const iFolder = r.u16('iFolder');
  const date = r.u16('date');
  const time = r.u16('time');
  const attribs = r.u16('attribs');
  const nameBytes = readCabString(r, 'szName');
  return { cbFile, uoffFolderStart, iFolder, date, time, attribs, nameBytes, offset };
}

export function decodeCabDataHeader(r: BufferReader): CabDataHeader {
  return { csum: r.u32('csum'), cbData: r.u16('cbData'), cbUncomp: r.u16('cbUncomp') };
}

/** A NUL-terminated byte string of at most CB_MAX_FILENAME bytes with its NUL. */
function readCabString(r: BufferReader, field: string): Buffer {
  const start = r.offset;
  const limit = Math.min(r.remaining, CB_MAX_FILENAME);
  const window = r.slice(start, limit, field);
  const nul = window.indexOf(0);
  if (nul < 0) {
    if (limit === CB_MAX_FILENAME)
      throw new MalformedPacketError(`${field} longer than ${CB_MAX_FILENAME - 1} bytes`, { offset: start, field });
    throw new MalformedPacketError(`unterminated ${field}`, { offset: start, field });
  }
  const out = r.bytes(nul, field);
  r.skip(1, field);
  return out;
}

/**
 * The CFDATA checksum: the XOR of the little-endian 32-bit words of `data` (a trailing 1-3 bytes
 * folded high byte first), seeded with `seed`. A block's csum is that of cbData, cbUncomp and
 * abReserve, seeded with that of ab[] (checked against gcab's cabinets).
 */
export function cabChecksum(data: Buffer, seed: number): number {
  let sum = seed >>> 0;
  const whole = data.length & ~3;
  for (let i = 0; i < whole; i += 4) sum = (sum ^ data.readUInt32LE(i)) >>> 0;
  let tail = 0;
  for (let i = whole; i < data.length; i++) tail = ((tail << 8) | (data[i] ?? 0)) >>> 0;
  return (sum ^ tail) >>> 0;
}

/** The DOS date and time of a CFFILE, or undefined when they do not form a date. */
export function cabFileDate(date: number, time: number): Date | undefined {
  const year = 1980 + (date >> 9);
  const month = (date >> 5) & 0x0f;
  const day = date & 0x1f;
  const hour = time >> 11;
  const minute = (time >> 5) & 0x3f;
  const second = (time & 0x1f) * 2;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}
