/**
 * ownCopy gives bytes a connection can keep without keeping anything else: a small Buffer.from()
 * copy shares node's 8 KiB pool slab (the reason ownCopy exists, issue 18).
 */
import { ownCopy, ownsItsMemory } from '../../../../lib/common/binary/own-copy';

test('a copy of its own, equal to the bytes, alone in its ArrayBuffer', () => {
  const read = Buffer.alloc(8192, 0xab);
  const guid = read.subarray(100, 116);
  const copy = ownCopy(guid);
  expect(copy.equals(guid)).toBe(true);
  expect(ownsItsMemory(copy)).toBe(true);
  expect(copy.buffer.byteLength).toBe(16);
  copy[0] = 0;
  expect(guid[0]).toBe(0xab);
});

test('views and small pooled copies do not own their memory', () => {
  const read = Buffer.alloc(8192);
  expect(ownsItsMemory(read.subarray(100, 116))).toBe(false);
  expect(ownsItsMemory(Buffer.from(read.subarray(100, 116)))).toBe(false);
  expect(ownsItsMemory(read)).toBe(true);
  expect(ownsItsMemory(ownCopy(Buffer.alloc(0)))).toBe(true);
});
