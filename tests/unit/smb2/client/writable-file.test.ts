import { Readable } from 'node:stream';
import type { FileId } from '../../../../lib/smb2/messages/common';
import { Smb2WritableFile, writeSource } from '../../../../lib/smb2/client/writable-file';

/** A file whose WRITEs are kept in order, each fully acknowledged. */
function recordingFile(maxChunk: number): { file: Smb2WritableFile; writes: Array<[number, string]> } {
  const writes: Array<[number, string]> = [];
  const file = new Smb2WritableFile(
    {
      writeOnce: (_id: FileId, offset: number, data: Buffer) => {
        writes.push([offset, data.toString()]);
        return Promise.resolve(data.length);
      },
      closeFile: () => Promise.resolve(),
    },
    'job.txt',
    { persistent: 1n, volatile: 1n },
    maxChunk,
  );
  return { file, writes };
}

describe('writeSource ([MS-SMB2] 3.2.4.7: WRITEs in file order)', () => {
  it('writes a buffer in chunks from offset 0', async () => {
    const { file, writes } = recordingFile(4);
    const progress: number[] = [];
    await writeSource(file, Buffer.from('abcdefghij'), 4, (n) => progress.push(n));
    expect(writes).toEqual([
      [0, 'abcd'],
      [4, 'efgh'],
      [8, 'ij'],
    ]);
    expect(progress).toEqual([4, 8, 10]);
  });

  it('gathers a stream of uneven pieces so that only the last WRITE is short', async () => {
    const { file, writes } = recordingFile(4);
    await writeSource(file, Readable.from(['a', 'bc', 'defgh', Buffer.from('ij'), 'k']), 4);
    expect(writes).toEqual([
      [0, 'abcd'],
      [4, 'efgh'],
      [8, 'ijk'],
    ]);
    expect(file.written).toBe(11);
  });
});
