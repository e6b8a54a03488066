import { BufferReader } from '../../../../lib/common/binary/buffer-reader';
import { EncodingError } from '../../../../lib/common/errors';
import {
  READ_RESPONSE_DATA_OFFSET,
  decodeReadResponse,
  writeReadResponseFixedPart,
} from '../../../../lib/smb2/messages/read';

describe('writeReadResponseFixedPart ([MS-SMB2] 2.2.20, data read in place)', () => {
  it('fills the 16-byte fixed part after the 64-byte header room, leaving header and data alone', () => {
    const message = Buffer.alloc(READ_RESPONSE_DATA_OFFSET + 3, 0xee);
    Buffer.from('abc').copy(message, READ_RESPONSE_DATA_OFFSET);
    writeReadResponseFixedPart(message, 7);
    const expected = Buffer.from(
      [
        '1100', // StructureSize 17
        '50', // DataOffset 0x50
        '00', // Reserved
        '03000000', // DataLength 3
        '07000000', // DataRemaining 7
        '00000000', // Reserved2
      ].join(''),
      'hex',
    );
    expect(message.subarray(64, 80)).toEqual(expected);
    expect(message.subarray(0, 64)).toEqual(Buffer.alloc(64, 0xee));
    expect(message.subarray(80).toString()).toBe('abc');
    const decoded = decodeReadResponse(new BufferReader(message, 64), 0);
    expect(decoded.data.toString()).toBe('abc');
    expect(decoded.dataRemaining).toBe(7);
  });

  it('refuses a buffer with no data (a READ response carries at least one byte)', () => {
    expect(() => writeReadResponseFixedPart(Buffer.alloc(READ_RESPONSE_DATA_OFFSET), 0)).toThrow(EncodingError);
  });
});
