import { BufferWriter } from '../../../../lib/common/binary/buffer-writer';
import {
  encodeDirectoryEntry,
  encodeFileAllInformation,
  encodeFileStreamInformation,
  packDirectoryEntries,
  type DirectoryEntry,
} from '../../../../lib/smb2/messages/file-information';
import { hex } from '../fixtures';

const ENTRY: DirectoryEntry = {
  fileName: 'ab',
  shortName: '',
  fileIndex: 3,
  fileId: 0x1122n,
  eaSize: 0,
  creationTime: 1n,
  lastAccessTime: 2n,
  lastWriteTime: 3n,
  changeTime: 4n,
  endOfFile: 5n,
  allocationSize: 4096n,
  fileAttributes: 0x20,
};

const COMMON = `00000000 03000000 0100000000000000 0200000000000000 0300000000000000 0400000000000000
                0500000000000000 0010000000000000 20000000 04000000`; // ... FileAttributes, FileNameLength 4
const NAME = '61006200';

describe('directory information classes ([MS-FSCC] 2.4)', () => {
  it.each([
    ['FileDirectoryInformation', 0x01, `${COMMON} ${NAME}`],
    ['FileFullDirectoryInformation', 0x02, `${COMMON} 00000000 ${NAME}`],
    ['FileBothDirectoryInformation', 0x03, `${COMMON} 00000000 00 00 ${'00'.repeat(24)} ${NAME}`],
    [
      'FileIdBothDirectoryInformation',
      0x25,
      `${COMMON} 00000000 00 00 ${'00'.repeat(24)} 0000 2211000000000000 ${NAME}`,
    ],
    ['FileIdFullDirectoryInformation', 0x26, `${COMMON} 00000000 00000000 2211000000000000 ${NAME}`],
    ['FileNamesInformation', 0x0c, `00000000 03000000 04000000 ${NAME}`],
  ])('%s', (_name, cls, expected) => {
    expect(encodeDirectoryEntry(cls, ENTRY)).toEqual(hex(expected));
  });

  it('chains entries 8-aligned and stops at the buffer size', () => {
    const a = encodeDirectoryEntry(0x0c, ENTRY); // 16 bytes
    const b = encodeDirectoryEntry(0x0c, { ...ENTRY, fileName: 'abc' }); // 18 bytes
    const c = encodeDirectoryEntry(0x0c, { ...ENTRY, fileName: 'a' }); // 14 bytes
    const packed = packDirectoryEntries([b, a, c], 48);
    expect(packed.count).toBe(2);
    expect(packed.buffer.length).toBe(24 + 16);
    expect(packed.buffer.readUInt32LE(0)).toBe(24);
    expect(packed.buffer.readUInt32LE(24)).toBe(0);
    expect(packDirectoryEntries([b], 10).count).toBe(0);
  });

  it('FileAllInformation is Basic|Standard|Internal|Ea|Access|Position|Mode|Alignment|Name (name at 100)', () => {
    const w = new BufferWriter();
    encodeFileAllInformation(w, {
      basics: ENTRY,
      isDirectory: false,
      indexNumber: 9n,
      accessFlags: 0x120089,
      currentByteOffset: 0n,
      mode: 0,
      fileName: '\\x',
    });
    const out = w.finish();
    expect(out.length).toBe(104);
    expect(out.readBigUInt64LE(48)).toBe(5n); // Standard.EndOfFile
    expect(out.readUInt32LE(56)).toBe(1); // NumberOfLinks
    expect(out.readBigUInt64LE(64)).toBe(9n); // Internal.IndexNumber
    expect(out.readUInt32LE(76)).toBe(0x120089); // Access
    expect(out.readUInt32LE(96)).toBe(4);
    expect(out.toString('utf16le', 100)).toBe('\\x');
  });

  it('FileStreamInformation names the unnamed data stream', () => {
    const w = new BufferWriter();
    encodeFileStreamInformation(w, [{ name: '::$DATA', size: 5n, allocationSize: 8n }]);
    expect(w.finish()).toEqual(
      hex(`00000000 0e000000 0500000000000000 0800000000000000 ${Buffer.from('::$DATA', 'utf16le').toString('hex')}`),
    );
  });
});
