/**
 * Reads a cabinet (./cabinet-format.ts) from untrusted bytes: a driver package CAB downloaded
 * from a print server, or one the validator checks. Everything is checked before a byte is
 * written, then again while decompressing:
 *
 * - open(): the header, folders and file table are decoded with bounds checks; every name must
 *   be a relative Windows path that stays inside its root (./windows-path.ts: no "..", no drive,
 *   no UNC, no device names) and unique case-insensitively; every file must lie inside the data
 *   its folder's CFDATA blocks announce (a size lie is refused here); limits on the cabinet's
 *   size, the number of files, folders and blocks, each file's size, the total uncompressed
 *   size and the ratio of uncompressed to cabinet bytes (a cabinet bomb) apply.
 * - extract(): blocks are read one at a time, checksums verified where present, MSZIP inflated
 *   with the folder's history (./mszip.ts) to exactly cbUncomp bytes, and each file's range is
 *   handed to the caller's sink. Quantum and LZX are refused (`unsupported`), as are cabinet
 *   sets (files continued across cabinets): a driver package is one cabinet.
 *
 * Failures are CabinetError with a stable `problem`.
 */
import { BufferReader } from '../common/binary/buffer-reader';
import { MalformedPacketError, PathEscapeError } from '../common/errors';
import {
  CabCompression,
  cabChecksum,
  cabCompressionName,
  CabFileAttribute,
  cabFileDate,
  CabHeaderFlag,
  CabinetError,
  CB_MAX_CHUNK,
  CB_MAX_COMPRESSED_CHUNK,
  CB_MAX_FILENAME,
  CFDATA_FIXED_SIZE,
  CFFILE_FIXED_SIZE,
  CFFOLDER_FIXED_SIZE,
  CFHEADER_FIXED_SIZE,
  decodeCabDataHeader,
  decodeCabFile,
  decodeCabFolder,
  decodeCabHeader,
  tcompMASK_TYPE,
  type CabFileRecord,
  type CabHeader,
} from './cabinet-format';
import type { CabinetSource } from './cabinet-source';
import { MszipHistory } from './mszip';
import { splitWindowsPath } from './windows-path';

export interface CabinetLimits {
  readonly maxCabinetSize: number;
  readonly maxFiles: number;
  readonly maxFolders: number;
  /** CFDATA blocks in all folders together. */
  readonly maxDataBlocks: number;
  readonly maxFileSize: number;
  readonly maxTotalUncompressed: number;
  /** Uncompressed bytes per cabinet byte; deflate reaches ~1000 on zeros, driver files ~2-10. */
  readonly maxRatio: number;
  /** The ratio applies from this many uncompressed bytes on: a small cabinet cannot hurt. */
  readonly ratioFloor: number;
}

export const DEFAULT_CABINET_LIMITS: CabinetLimits = Object.freeze({
  maxCabinetSize: 256 * 1024 * 1024,
  maxFiles: 4096,
  maxFolders: 256,
  maxDataBlocks: 16384,
  maxFileSize: 128 * 1024 * 1024,
  maxTotalUncompressed: 256 * 1024 * 1024,
  maxRatio: 100,
  ratioFloor: 8 * 1024 * 1024,
});

export interface CabinetEntry {
  /** The name as the cabinet stores it. */
  readonly name: string;
  /** Its checked components: `amd64\unidrv.dll` -> ['amd64', 'unidrv.dll']. */
  readonly path: readonly string[];
  readonly size: number;
  readonly folder: number;
  /** Offset in the folder's uncompressed stream. */
  readonly offset: number;
  readonly date?: Date;
  readonly attributes: number;
}

export interface CabinetFolderInfo {
  readonly compression: string;
  readonly dataBlocks: number;
  /** The uncompressed bytes its blocks announce. */
  readonly uncompressedSize: number;
}

export interface CabinetFileWriter {
  write(chunk: Buffer): Promise<void>;
  close(): Promise<void>;
}

/** Where extracted files go; `open` is called once per entry, in folder order. */
export interface CabinetSink {
  open(entry: CabinetEntry): Promise<CabinetFileWriter>;
}

export interface ExtractSummary {
  readonly files: number;
  readonly bytes: number;
  /** Blocks whose checksum was present and verified. */
  readonly checksummedBlocks: number;
  readonly blocks: number;
}

interface BlockRef {
  readonly at: number;
  readonly csum: number;
  readonly cbData: number;
  readonly cbUncomp: number;
}

const refuse = (problem: CabinetError['problem'], message: string): never => {
  throw new CabinetError(problem, message);
};

export class CabinetReader {
  private constructor(
    private readonly source: CabinetSource,
    readonly header: CabHeader,
    readonly entries: readonly CabinetEntry[],
    private readonly folderTypes: readonly number[],
    private readonly blocks: readonly (readonly BlockRef[])[],
  ) {}

  get folders(): CabinetFolderInfo[] {
    return this.folderTypes.map((type, i) => {
      const blocks = this.blocks[i] ?? [];
      return {
        compression: cabCompressionName(type),
        dataBlocks: blocks.length,
        uncompressedSize: blocks.reduce((n, b) => n + b.cbUncomp, 0),
      };
    });
  }

  static async open(source: CabinetSource, limits: CabinetLimits = DEFAULT_CABINET_LIMITS): Promise<CabinetReader> {
    try {
      return await CabinetReader.openChecked(source, limits);
    } catch (err) {
      if (err instanceof MalformedPacketError) throw new CabinetError('malformed', err.message, { cause: err });
      throw err;
    }
  }

  private static async openChecked(source: CabinetSource, limits: CabinetLimits): Promise<CabinetReader> {
    if (source.size > limits.maxCabinetSize)
      refuse('limit', `${source.size} bytes, more than the ${limits.maxCabinetSize} allowed`);
    const head = await source.read(0, Math.min(source.size, CFHEADER_FIXED_SIZE + 4 + 60000 + 4 * CB_MAX_FILENAME));
    if (head.length < CFHEADER_FIXED_SIZE) refuse('truncated', `${source.size} bytes cannot hold a CFHEADER`);
    const header = decodeCabHeader(new BufferReader(head));
    if (header.cbCabinet !== source.size)
      refuse('size-mismatch', `cbCabinet says ${header.cbCabinet} bytes, the file has ${source.size}`);
    if (header.versionMajor !== 1)
      refuse('unsupported', `cabinet format version ${header.versionMajor}.${header.versionMinor}`);
    if (header.flags & (CabHeaderFlag.cfhdrPREV_CABINET | CabHeaderFlag.cfhdrNEXT_CABINET))
      refuse(
        'unsupported',
        'part of a cabinet set (cfhdrPREV_CABINET/cfhdrNEXT_CABINET): a driver package is one cabinet',
      );
    if (header.cFolders > limits.maxFolders)
      refuse('limit', `${header.cFolders} folders, more than ${limits.maxFolders}`);
    if (header.cFiles > limits.maxFiles) refuse('limit', `${header.cFiles} files, more than ${limits.maxFiles}`);

    const folderBytes = header.cFolders * (CFFOLDER_FIXED_SIZE + header.cbCFFolder);
    const folderBuf = await source.read(header.foldersOffset, folderBytes);
    const fr = new BufferReader(folderBuf);
    const folders = Array.from({ length: header.cFolders }, () => decodeCabFolder(fr, header.cbCFFolder));

    const fileBuf = await source.read(header.coffFiles, header.cFiles * (CFFILE_FIXED_SIZE + CB_MAX_FILENAME));
    const fileReader = new BufferReader(fileBuf);
    const records = Array.from({ length: header.cFiles }, () => decodeCabFile(fileReader, header.coffFiles));

    const blocks: BlockRef[][] = [];
    let blockCount = 0;
    for (const [i, folder] of folders.entries()) {
      const type = folder.typeCompress & tcompMASK_TYPE;
      if (type !== CabCompression.tcompTYPE_NONE && type !== CabCompression.tcompTYPE_MSZIP)
        refuse(
          'unsupported',
          `folder ${i} uses ${cabCompressionName(type)} compression (only none and MSZIP are read)`,
        );
      blockCount += folder.cCFData;
      if (blockCount > limits.maxDataBlocks) refuse('limit', `more than ${limits.maxDataBlocks} data blocks`);
      blocks.push(await readBlockRefs(source, header, folder.coffCabStart, folder.cCFData, i));
    }
    const folderSizes = blocks.map((list) => list.reduce((n, b) => n + b.cbUncomp, 0));
    const total = folderSizes.reduce((n, s) => n + s, 0);
    if (total > limits.maxTotalUncompressed)
      refuse('limit', `${total} uncompressed bytes, more than the ${limits.maxTotalUncompressed} allowed`);
    if (total > limits.ratioFloor && total > limits.maxRatio * Math.max(1, source.size))
      refuse(
        'limit',
        `${total} uncompressed bytes from ${source.size}: a ratio over ${limits.maxRatio} (a cabinet bomb?)`,
      );

    const entries = checkEntries(records, folderSizes, limits);
    return new CabinetReader(
      source,
      header,
      entries,
      folders.map((f) => f.typeCompress & tcompMASK_TYPE),
      blocks,
    );
  }

  /** Decompresses every folder and hands each file's bytes to `sink`. */
  async extract(sink: CabinetSink): Promise<ExtractSummary> {
    let bytes = 0;
    let checksummed = 0;
    let blockCount = 0;
    for (const [folder, refs] of this.blocks.entries()) {
      const inFolder = this.entries.filter((e) => e.folder === folder).sort((a, b) => a.offset - b.offset);
      const writers = new Map<CabinetEntry, CabinetFileWriter>();
      const done = new Set<CabinetEntry>();
      for (const e of inFolder.filter((x) => x.size === 0)) {
        await (await sink.open(e)).close();
        done.add(e);
      }
      const history = new MszipHistory();
      let position = 0;
      for (const [n, ref] of refs.entries()) {
        const where = `folder ${folder} block ${n}`;
        const raw = await this.source.read(ref.at, CFDATA_FIXED_SIZE + this.header.cbCFData + ref.cbData);
        if (raw.length < CFDATA_FIXED_SIZE + this.header.cbCFData + ref.cbData)
          refuse('truncated', `${where} is cut short`);
        const data = raw.subarray(CFDATA_FIXED_SIZE + this.header.cbCFData);
        if (ref.csum !== 0) {
          const sum = cabChecksum(raw.subarray(4, CFDATA_FIXED_SIZE + this.header.cbCFData), cabChecksum(data, 0));
          if (sum !== ref.csum)
            refuse(
              'checksum',
              `${where}: checksum 0x${sum.toString(16)} where the block says 0x${ref.csum.toString(16)}`,
            );
          checksummed++;
        }
        const out =
          this.folderTypes[folder] === CabCompression.tcompTYPE_MSZIP
            ? history.inflate(data, ref.cbUncomp, where)
            : storedBlock(data, ref.cbUncomp, where);
        blockCount++;
        const end = position + out.length;
        for (const e of inFolder) {
          if (e.offset >= end) break; // sorted by offset: the rest start later
          if (done.has(e)) continue;
          const eEnd = e.offset + e.size;
          if (eEnd <= position) continue;
          let w = writers.get(e);
          if (!w) {
            w = await sink.open(e);
            writers.set(e, w);
          }
          await w.write(out.subarray(Math.max(e.offset, position) - position, Math.min(eEnd, end) - position));
          if (eEnd <= end) {
            await w.close();
            writers.delete(e);
            done.add(e);
            bytes += e.size;
          }
        }
        position = end;
      }
      // open() checked every file lies inside its folder: this is a defence, not a path taken.
      if (done.size !== inFolder.length) refuse('truncated', `folder ${folder} ended before its files did`);
    }
    return { files: this.entries.length, bytes, checksummedBlocks: checksummed, blocks: blockCount };
  }
}

async function readBlockRefs(
  source: CabinetSource,
  header: CabHeader,
  start: number,
  count: number,
  folder: number,
): Promise<BlockRef[]> {
  const out: BlockRef[] = [];
  let at = start;
  for (let n = 0; n < count; n++) {
    const where = `folder ${folder} block ${n} at ${at}`;
    if (at + CFDATA_FIXED_SIZE + header.cbCFData > source.size) refuse('truncated', `${where}: header past the end`);
    const h = decodeCabDataHeader(new BufferReader(await source.read(at, CFDATA_FIXED_SIZE)));
    if (h.cbUncomp === 0 || h.cbUncomp > CB_MAX_CHUNK)
      refuse('malformed', `${where}: cbUncomp ${h.cbUncomp} (1 to ${CB_MAX_CHUNK})`);
    if (h.cbData === 0 || h.cbData > CB_MAX_COMPRESSED_CHUNK) refuse('malformed', `${where}: cbData ${h.cbData}`);
    const end = at + CFDATA_FIXED_SIZE + header.cbCFData + h.cbData;
    if (end > source.size) refuse('truncated', `${where}: ${h.cbData} data bytes run past the end of the cabinet`);
    out.push({ at, ...h });
    at = end;
  }
  return out;
}

function storedBlock(data: Buffer, cbUncomp: number, where: string): Buffer {
  if (data.length !== cbUncomp)
    refuse('size-mismatch', `${where}: a stored block of ${data.length} bytes says cbUncomp ${cbUncomp}`);
  return data;
}

/** The file table as entries: names checked, ranges inside their folders, limits applied. */
function checkEntries(records: readonly CabFileRecord[], folderSizes: readonly number[], limits: CabinetLimits) {
  const seen = new Map<string, string>();
  const entries: CabinetEntry[] = [];
  for (const rec of records) {
    const name = decodeName(rec);
    if (rec.iFolder >= folderSizes.length) {
      if (rec.iFolder >= 0xfffd) refuse('unsupported', `"${name}" is continued from or to another cabinet`);
      refuse('malformed', `"${name}" is in folder ${rec.iFolder}, the cabinet has ${folderSizes.length}`);
    }
    let path: string[];
    try {
      path = splitWindowsPath(name);
    } catch (err) {
      if (err instanceof PathEscapeError)
        throw new CabinetError('unsafe-name', `"${name}": ${err.reason}`, { cause: err });
      throw err;
    }
    if (path.length === 0) refuse('unsafe-name', `"${name}" names no file`);
    const key = path.join('\\').toUpperCase();
    const other = seen.get(key);
    if (other !== undefined) refuse('unsafe-name', `"${name}" and "${other}" name the same file`);
    seen.set(key, name);
    if (rec.cbFile > limits.maxFileSize)
      refuse('limit', `"${name}" is ${rec.cbFile} bytes, more than the ${limits.maxFileSize} allowed`);
    const folderSize = folderSizes[rec.iFolder] ?? 0;
    if (rec.uoffFolderStart + rec.cbFile > folderSize) {
      refuse(
        'size-mismatch',
        `"${name}" claims ${rec.cbFile} bytes at ${rec.uoffFolderStart} of folder ${rec.iFolder}, whose blocks hold ${folderSize}`,
      );
    }
    const date = cabFileDate(rec.date, rec.time);
    entries.push({
      name,
      path,
      size: rec.cbFile,
      folder: rec.iFolder,
      offset: rec.uoffFolderStart,
      ...(date && { date }),
      attributes: rec.attribs,
    });
  }
  return entries;
}

function decodeName(rec: CabFileRecord): string {
  if (!(rec.attribs & CabFileAttribute._A_NAME_IS_UTF)) return rec.nameBytes.toString('latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(rec.nameBytes);
  } catch {
    return refuse('unsafe-name', `the name at ${rec.offset} is flagged UTF-8 but is not`);
  }
}
