import { FrameDecoder, FrameTooLargeError, encodeFrame } from '../../../lib/smb2/framing';
import { SMBCLIENT_NEGOTIATE_FRAME } from './fixtures';

describe('Direct TCP framing ([MS-SMB2] 2.1)', () => {
  it('decodes the smbclient NEGOTIATE frame', () => {
    const frames = new FrameDecoder(65536).push(SMBCLIENT_NEGOTIATE_FRAME);
    expect(frames).toHaveLength(1);
    expect(frames[0]!.type).toBe(0);
    expect(frames[0]!.payload.length).toBe(226);
    expect(frames[0]!.payload.subarray(0, 4).toString('latin1')).toBe('\xfeSMB');
  });

  it('yields the same frames whatever the chunking (split at every offset)', () => {
    const a = Buffer.from([0xfe, 1, 2, 3]);
    const b = Buffer.alloc(300, 7);
    const stream = Buffer.concat([
      encodeFrame(a),
      encodeFrame(Buffer.alloc(0)),
      encodeFrame(b),
      SMBCLIENT_NEGOTIATE_FRAME,
    ]);
    for (let split = 0; split <= stream.length; split++) {
      const d = new FrameDecoder(4096);
      const frames = [...d.push(stream.subarray(0, split)), ...d.push(stream.subarray(split))];
      expect(frames.map((f) => f.payload.length)).toEqual([4, 0, 300, 226]);
      expect(frames[0]!.payload.equals(a)).toBe(true);
      expect(d.pendingBytes).toBe(0);
    }
  });

  it('decodes byte by byte', () => {
    const d = new FrameDecoder(4096);
    const out = [...SMBCLIENT_NEGOTIATE_FRAME].flatMap((byte) => d.push(Buffer.from([byte])));
    expect(out).toHaveLength(1);
    expect(out[0]!.payload.equals(SMBCLIENT_NEGOTIATE_FRAME.subarray(4))).toBe(true);
  });

  it('refuses an announced length over the limit before buffering the body', () => {
    const d = new FrameDecoder(1000);
    expect(() => d.push(Buffer.from([0x00, 0xff, 0xff, 0xff]))).toThrow(FrameTooLargeError);
    expect(() => new FrameDecoder(1000).push(Buffer.from([0, 0, 0x03, 0xe9]))).toThrow(
      /1001 bytes exceeds the limit of 1000/,
    );
    expect(new FrameDecoder(1000).push(Buffer.from([0, 0, 0x03, 0xe8]))).toEqual([]);
  });

  it('keeps the NetBIOS type byte (session request 0x81, keep-alive 0x85)', () => {
    const frames = new FrameDecoder(100).push(Buffer.from([0x85, 0, 0, 0, 0x81, 0, 0, 2, 0x20, 0x20]));
    expect(frames.map((f) => [f.type, f.payload.length])).toEqual([
      [0x85, 0],
      [0x81, 2],
    ]);
  });

  it('writes a zero byte and a 24-bit big-endian length', () => {
    expect(encodeFrame(Buffer.alloc(0x012345)).subarray(0, 4)).toEqual(Buffer.from([0x00, 0x01, 0x23, 0x45]));
    expect(() => encodeFrame(Buffer.alloc(0x1000000))).toThrow(/24-bit/);
  });

  it('receives a frame straight into its own buffer once asked to, whatever the chunking', () => {
    const body = Buffer.from(Array.from({ length: 5000 }, (_, i) => i & 0xff));
    const stream = Buffer.concat([encodeFrame(body), encodeFrame(Buffer.from([1, 2, 3]))]);
    for (const split of [1, 3, 4, 5, 100, 4999, 5004, 5005]) {
      const d = new FrameDecoder(8192);
      const frames = d.push(stream.subarray(0, split));
      if (d.partialFrameLength !== undefined) {
        expect(d.partialFrameLength).toBe(5000);
        d.beginAssembly();
        expect(d.partialFrameLength).toBe(5000);
        expect(d.pendingBytes).toBe(split - 4);
      }
      frames.push(...d.push(stream.subarray(split, split + 700)), ...d.push(stream.subarray(split + 700)));
      expect(frames.map((f) => f.payload.length)).toEqual([5000, 3]);
      expect(frames[0]!.payload.equals(body)).toBe(true);
      expect(d.pendingBytes).toBe(0);
      expect(d.partialFrameLength).toBeUndefined();
    }
  });
});
