/**
 * FileIdBothDirectoryInformation decoding ([MS-FSCC] 2.4.17) from bytes built field by field.
 */
import { MalformedPacketError } from '../../../../lib/common/errors';
import { decodeFileIdBothDirectoryInformation } from '../../../../lib/smb2/client/directory-entries';

function entry(
  name: string,
  o: { next: number; size: bigint; attributes: number; short?: string; writeTime?: bigint },
): Buffer {
  const nameBytes = Buffer.from(name, 'utf16le');
  const b = Buffer.alloc(104 + nameBytes.length);
  b.writeUInt32LE(o.next, 0); // NextEntryOffset
  b.writeUInt32LE(0, 4); // FileIndex
  b.writeBigUInt64LE(1n, 8); // CreationTime
  b.writeBigUInt64LE(2n, 16); // LastAccessTime
  b.writeBigUInt64LE(o.writeTime ?? 3n, 24); // LastWriteTime
  b.writeBigUInt64LE(4n, 32); // ChangeTime
  b.writeBigUInt64LE(o.size, 40); // EndOfFile
  b.writeBigUInt64LE(4096n, 48); // AllocationSize
  b.writeUInt32LE(o.attributes, 56); // FileAttributes
  b.writeUInt32LE(nameBytes.length, 60); // FileNameLength
  b.writeUInt32LE(0, 64); // EaSize
  const short = Buffer.from(o.short ?? '', 'utf16le');
  b.writeUInt8(short.length, 68); // ShortNameLength
  short.copy(b, 70); // ShortName (24)
  b.writeBigUInt64LE(77n, 96); // FileId
  nameBytes.copy(b, 104);
  return b;
}

function pad8(b: Buffer): Buffer {
  return b.length % 8 === 0 ? b : Buffer.concat([b, Buffer.alloc(8 - (b.length % 8))]);
}

test('a chain of three entries', () => {
  const e1 = pad8(entry('.', { next: 0, size: 0n, attributes: 0x10 }));
  const e2 = pad8(
    entry('Hpclrlsr.icm', {
      next: 0,
      size: 3000n,
      attributes: 0x20,
      short: 'HPCLRL~1.ICM',
      writeTime: 132000000000000000n,
    }),
  );
  const e3 = entry('x64', { next: 0, size: 0n, attributes: 0x10 });
  e1.writeUInt32LE(e1.length, 0);
  e2.writeUInt32LE(e2.length, 0);
  const out = decodeFileIdBothDirectoryInformation(Buffer.concat([e1, e2, e3]));
  expect(out.map((e) => e.fileName)).toEqual(['.', 'Hpclrlsr.icm', 'x64']);
  expect(out[1]).toMatchObject({
    endOfFile: 3000n,
    fileAttributes: 0x20,
    shortName: 'HPCLRL~1.ICM',
    lastWriteTime: 132000000000000000n,
    fileId: 77n,
  });
  expect(decodeFileIdBothDirectoryInformation(Buffer.alloc(0))).toEqual([]);
});

test('a NextEntryOffset pointing back into the entry (a loop) is refused', () => {
  const e = entry('a', { next: 8, size: 0n, attributes: 0 });
  expect(() => decodeFileIdBothDirectoryInformation(e)).toThrow(MalformedPacketError);
});

test('every truncation and a name longer than the buffer give MalformedPacketError', () => {
  const e1 = pad8(entry('first.dll', { next: 0, size: 1n, attributes: 0 }));
  e1.writeUInt32LE(e1.length, 0);
  const all = Buffer.concat([e1, entry('second.dll', { next: 0, size: 2n, attributes: 0 })]);
  for (let n = 1; n < all.length; n++) {
    expect(() => decodeFileIdBothDirectoryInformation(all.subarray(0, n))).toThrow(MalformedPacketError);
  }
  const long = entry('x', { next: 0, size: 0n, attributes: 0 });
  long.writeUInt32LE(0xfffffff0, 60);
  expect(() => decodeFileIdBothDirectoryInformation(long)).toThrow(MalformedPacketError);
});
