// The client's frame receiver: a large frame is read straight into its own buffer (net's onread
// hands it the rest of that frame), small ones through a scratch buffer whose bytes are copied out.
import type { Frame } from '../../../../lib/smb2/framing';
import { FrameReceiver } from '../../../../lib/smb2/client/frame-receiver';

/** [MS-SMB2] 2.1 framing, written out: a zero byte, then a 24-bit big-endian length. */
function framed(payload: Buffer): Buffer {
  const head = Buffer.from([0, (payload.length >> 16) & 0xff, (payload.length >> 8) & 0xff, payload.length & 0xff]);
  return Buffer.concat([head, payload]);
}

/** Simulates the socket: each read fills what nextReadBuffer() gives, at most `max` bytes. */
function feed(r: FrameReceiver, bytes: Buffer, max: number): void {
  for (let at = 0; at < bytes.length;) {
    const target = r.nextReadBuffer();
    const n = Math.min(max, target.length, bytes.length - at);
    bytes.copy(target, 0, at, at + n);
    r.directRead(n, target);
    at += n;
  }
}

/** A receiver that collects its frames into `frames` and throws what it cannot frame. */
function receiverInto(frames: Frame[]): FrameReceiver {
  return new FrameReceiver(
    (f) => frames.push(f),
    (e) => {
      throw e;
    },
  );
}

describe('FrameReceiver', () => {
  it('places a large frame in shared memory so that its data starts 8-aligned, encrypted or not', () => {
    const frames: Frame[] = [];
    const r = receiverInto(frames);
    // A TRANSFORM_HEADER (0xFD 'S' 'M' 'B', 52 bytes) in front: the ciphertext, decrypted in place
    // into the message, starts at an 8-byte boundary; a plain SMB2 message (0xFE 'S' 'M' 'B') does.
    const transform = Buffer.alloc(2 * 1024 * 1024);
    transform.write('fd534d42', 0, 'hex');
    const plain = Buffer.alloc(2 * 1024 * 1024);
    plain.write('fe534d42', 0, 'hex');
    feed(r, Buffer.concat([framed(transform), framed(plain)]), 65536);
    expect(frames).toHaveLength(2);
    const [t, p] = frames.map((f) => f.payload);
    expect(t?.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(((t?.byteOffset ?? 1) + 52) % 8).toBe(0);
    expect(t?.equals(transform)).toBe(true);
    expect((p?.byteOffset ?? 1) % 8).toBe(0);
    expect(p?.equals(plain)).toBe(true);
  });

  it('reads a large frame into one buffer, and small frames around it intact', () => {
    const frames: Frame[] = [];
    const r = receiverInto(frames);
    const small = Buffer.from('small frame');
    const large = Buffer.alloc(1024 * 1024 + 3);
    for (let i = 0; i < large.length; i++) large[i] = (i * 7) & 0xff;
    feed(r, Buffer.concat([framed(small), framed(large), framed(small)]), 65536);
    expect(frames.map((f) => f.payload.length)).toEqual([small.length, large.length, small.length]);
    expect(frames[0]?.payload).toEqual(small);
    expect(frames[1]?.payload.equals(large)).toBe(true);
    expect(frames[2]?.payload).toEqual(small);
  });

  it('hands out the rest of the large frame as the read buffer, never more', () => {
    const r = new FrameReceiver(
      () => undefined,
      (e) => {
        throw e;
      },
    );
    const large = Buffer.alloc(512 * 1024);
    const bytes = framed(large);
    const first = r.nextReadBuffer();
    bytes.copy(first, 0, 0, 1000);
    r.directRead(1000, first);
    const target = r.nextReadBuffer();
    expect(target.length).toBe(large.length - 996);
    expect(target).not.toBe(first);
  });

  it('delivers nothing once stopped (the connection failed)', () => {
    const frames: Frame[] = [];
    const r = receiverInto(frames);
    r.push(framed(Buffer.from('before')));
    r.stop();
    r.push(framed(Buffer.from('after')));
    feed(r, framed(Buffer.from('after, read directly')), 65536);
    expect(frames.map((f) => f.payload.toString())).toEqual(['before']);
  });
});
