import { withoutPacketsHolding } from '../../helpers/capture-sentinel';

/** One pcapng block: type, total length, body padded to 4, total length again. */
function block(type: number, body: Buffer, littleEndian = true): Buffer {
  const padded = Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
  const length = padded.length + 12;
  const head = Buffer.alloc(8);
  const tail = Buffer.alloc(4);
  if (littleEndian) {
    head.writeUInt32LE(type, 0);
    head.writeUInt32LE(length, 4);
    tail.writeUInt32LE(length, 0);
  } else {
    head.writeUInt32BE(type, 0);
    head.writeUInt32BE(length, 4);
    tail.writeUInt32BE(length, 0);
  }
  return Buffer.concat([head, padded, tail]);
}

function sectionHeader(littleEndian: boolean): Buffer {
  const body = Buffer.alloc(16, 0xff);
  if (littleEndian) body.writeUInt32LE(0x1a2b3c4d, 0);
  else body.writeUInt32BE(0x1a2b3c4d, 0);
  return block(0x0a0d0d0a, body, littleEndian);
}

const token = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
const packet = (data: Buffer, littleEndian = true): Buffer =>
  block(6, Buffer.concat([Buffer.alloc(20), data]), littleEndian);

describe('withoutPacketsHolding', () => {
  it('drops the packet blocks that hold the token and keeps every other block as it is', () => {
    const traffic = packet(Buffer.from('an SMB2 frame'));
    const interfaceBlock = block(1, Buffer.alloc(8));
    const file = Buffer.concat([sectionHeader(true), interfaceBlock, traffic, packet(token)]);
    expect(withoutPacketsHolding(file, token)).toEqual(Buffer.concat([sectionHeader(true), interfaceBlock, traffic]));
  });

  it('reads big-endian sections', () => {
    const traffic = packet(Buffer.from('frame'), false);
    const file = Buffer.concat([sectionHeader(false), packet(token, false), traffic]);
    expect(withoutPacketsHolding(file, token)).toEqual(Buffer.concat([sectionHeader(false), traffic]));
  });

  it('refuses a block whose length runs past the file or is not a multiple of 4', () => {
    const file = Buffer.concat([sectionHeader(true), packet(token)]);
    expect(() => withoutPacketsHolding(file.subarray(0, file.length - 4), token)).toThrow(/does not fit/);
    const odd = Buffer.from(file);
    odd.writeUInt32LE(30, sectionHeader(true).length + 4);
    expect(() => withoutPacketsHolding(odd, token)).toThrow(/does not fit/);
    expect(() => withoutPacketsHolding(Buffer.alloc(6), token)).toThrow(/truncated/);
  });
});
