/**
 * Copies for bytes a connection keeps for its life. `Buffer.from(bytes)` and `subarray` of a small
 * buffer share an 8 KiB slab (Buffer.poolSize) with whatever else was allocated around them, or the
 * socket read they came from: keeping 16 bytes keeps the whole slab. In a 2,000-flow storm the live
 * slabs held by clientGuids, SPNEGO/NTLM handshake bytes and RPC framers were 2.8 KiB per connection
 * (docs/benchmarks.md, 2026-12-05). A copy of its own costs the bytes and one ArrayBuffer.
 */
export function ownCopy(bytes: Uint8Array): Buffer {
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  copy.set(bytes);
  return copy;
}

/** Whether `bytes` is alone in its memory (what ownCopy gives); for tests and checks. */
export function ownsItsMemory(bytes: Uint8Array): boolean {
  return bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length;
}
