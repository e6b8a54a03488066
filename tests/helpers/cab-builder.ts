/**
 * A dumb, independent cabinet writer for tests: lays out CFHEADER, one CFFOLDER, the CFFILEs and
 * the CFDATA blocks field by field (see lib/drivers/cabinet-format.ts for the layout), with knobs
 * to lie in any field, so hostile cabinets can be built byte by byte. Not the production code
 * path (we have no writer): the reader is tested against these bytes and against gcab's.
 */
import { deflateRawSync } from 'node:zlib';

export interface TestCabFile {
  readonly name: string | Buffer;
  readonly data: Buffer;
  /** Overrides cbFile. */
  readonly cbFile?: number;
  readonly uoffFolderStart?: number;
  readonly iFolder?: number;
  readonly attribs?: number;
}

export interface TestCabOptions {
  readonly compression?: 'none' | 'mszip' | 'lzx';
  /** MSZIP blocks refer back into the previous block (zlib's dictionary). */
  readonly history?: boolean;
  /** Uncompressed bytes per block (at most 32768 for a valid cabinet). */
  readonly blockSize?: number;
  readonly checksums?: boolean;
  readonly cbCabinet?: number;
  readonly flags?: number;
  /** Change a block's header before it is written. */
  readonly mangleBlock?: (index: number, block: { csum: number; cbData: number; cbUncomp: number }) => void;
  /** Extra blocks, already compressed: [cbUncomp, bytes]. */
  readonly rawBlocks?: readonly (readonly [number, Buffer])[];
}

function checksum(data: Buffer, seed: number): number {
  let sum = seed >>> 0;
  const whole = data.length - (data.length % 4);
  for (let i = 0; i < whole; i += 4) sum = (sum ^ data.readUInt32LE(i)) >>> 0;
  let tail = 0;
  for (let i = whole; i < data.length; i++) tail = ((tail << 8) | data[i]!) >>> 0;
  return (sum ^ tail) >>> 0;
}

export function buildCab(files: readonly TestCabFile[], o: TestCabOptions = {}): Buffer {
  const compression = o.compression ?? 'mszip';
  const blockSize = o.blockSize ?? 0x8000;
  const stream = Buffer.concat(files.map((f) => f.data));
  const blocks: { csum: number; cbData: number; cbUncomp: number; data: Buffer }[] = [];
  let previous: Buffer | undefined;
  for (let at = 0; at < stream.length; at += blockSize) {
    const chunk = stream.subarray(at, Math.min(stream.length, at + blockSize));
    let data: Buffer;
    if (compression === 'none') data = Buffer.from(chunk);
    else {
      const deflated = deflateRawSync(chunk, o.history && previous ? { dictionary: previous } : {});
      data = Buffer.concat([Buffer.from('CK', 'latin1'), deflated]);
    }
    previous = Buffer.from(chunk);
    blocks.push({ csum: 0, cbData: data.length, cbUncomp: chunk.length, data });
  }
  for (const [cbUncomp, data] of o.rawBlocks ?? []) blocks.push({ csum: 0, cbData: data.length, cbUncomp, data });
  blocks.forEach((b, i) => {
    const head = Buffer.alloc(4);
    head.writeUInt16LE(b.cbData, 0);
    head.writeUInt16LE(b.cbUncomp, 2);
    o.mangleBlock?.(i, b);
    head.writeUInt16LE(b.cbData, 0);
    head.writeUInt16LE(b.cbUncomp, 2);
    // A mangled csum stays as set; otherwise the checksum matches the (possibly lying) header.
    if (o.checksums !== false && b.csum === 0) b.csum = checksum(head, checksum(b.data, 0));
  });

  const names = files.map((f) => (typeof f.name === 'string' ? Buffer.from(f.name, 'latin1') : f.name));
  const headerSize = 36;
  const folderSize = 8;
  const filesSize = names.reduce((n, name) => n + 16 + name.length + 1, 0);
  const coffFiles = headerSize + folderSize;
  const coffCabStart = coffFiles + filesSize;
  const dataSize = blocks.reduce((n, b) => n + 8 + b.data.length, 0);
  const total = coffCabStart + dataSize;

  const out = Buffer.alloc(total);
  out.write('MSCF', 0, 'latin1');
  out.writeUInt32LE(o.cbCabinet ?? total, 8);
  out.writeUInt32LE(coffFiles, 16);
  out.writeUInt8(3, 24);
  out.writeUInt8(1, 25);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(files.length, 28);
  out.writeUInt16LE(o.flags ?? 0, 30);
  out.writeUInt32LE(coffCabStart, 36);
  out.writeUInt16LE(blocks.length, 40);
  out.writeUInt16LE(compression === 'none' ? 0 : compression === 'mszip' ? 1 : 3, 42);
  let p = coffFiles;
  let offset = 0;
  files.forEach((f, i) => {
    out.writeUInt32LE(f.cbFile ?? f.data.length, p);
    out.writeUInt32LE(f.uoffFolderStart ?? offset, p + 4);
    out.writeUInt16LE(f.iFolder ?? 0, p + 8);
    out.writeUInt16LE(((2025 - 1980) << 9) | (11 << 5) | 1, p + 10);
    out.writeUInt16LE(12 << 11, p + 12);
    out.writeUInt16LE(f.attribs ?? 0x20, p + 14);
    names[i]!.copy(out, p + 16);
    p += 16 + names[i]!.length + 1;
    offset += f.data.length;
  });
  for (const b of blocks) {
    out.writeUInt32LE(b.csum, p);
    out.writeUInt16LE(b.cbData, p + 4);
    out.writeUInt16LE(b.cbUncomp, p + 6);
    b.data.copy(out, p + 8);
    p += 8 + b.data.length;
  }
  return out;
}
