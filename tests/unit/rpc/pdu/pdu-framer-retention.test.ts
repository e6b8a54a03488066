/**
 * A pipe's PduFramer keeps only the start of a PDU still to come, in memory of its own: before
 * 2026-12-05 it kept an (empty) view of the last write's copy, so every bound pipe held its last
 * request, or the 8 KiB Buffer slab a small one shared (issue 18, docs/benchmarks.md). Measured as
 * the ArrayBuffer bytes a full collection cannot free while the framers are alive.
 */
import { fullCollection } from '../../../helpers/full-collection';
import { PduFramer } from '../../../../lib/rpc/pdu/pdu-framer';

const FRAMERS = 100;
const PDU = 32 * 1024;

/** A PDU of `length` bytes as far as the framer reads it: frag_length at offset 8. */
function pdu(length: number): Buffer {
  const b = Buffer.alloc(length);
  b.writeUInt8(5, 0);
  b.writeUInt16LE(length, 8);
  return b;
}

/**
 * ArrayBuffer bytes still counted after collections: V8 frees dead buffers' memory on a background
 * sweeper after a collection, and the next collection starts by finishing that sweep. Synchronous,
 * so that nothing else of the worker runs between the two figures.
 */
function liveBuffers(gc: () => void): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().arrayBuffers;
}

function retainedBuffersPerFramer(feed: (f: PduFramer) => void): number {
  const gc = fullCollection();
  const before = liveBuffers(gc);
  const framers = Array.from({ length: FRAMERS }, () => new PduFramer());
  for (const f of framers) feed(f);
  const after = liveBuffers(gc);
  expect(framers).toHaveLength(FRAMERS);
  return (after - before) / FRAMERS;
}

test('a framer keeps nothing of a write that held whole PDUs', () => {
  const per = retainedBuffersPerFramer((f) => {
    expect(f.push(pdu(PDU))).toHaveLength(1);
    expect(f.buffered).toBe(0);
  });
  expect(per).toBeLessThan(1024);
});

test('a framer keeps only the start of the next PDU, not the write it came in', () => {
  const per = retainedBuffersPerFramer((f) => {
    expect(f.push(Buffer.concat([pdu(PDU), pdu(64).subarray(0, 20)]))).toHaveLength(1);
    expect(f.buffered).toBe(20);
  });
  expect(per).toBeLessThan(1024);
});

test('the kept start still makes its PDU whole with the next write', () => {
  const f = new PduFramer();
  const next = pdu(64);
  next.fill(7, 16);
  f.push(Buffer.concat([pdu(PDU), next.subarray(0, 20)]));
  const [done] = f.push(next.subarray(20));
  expect(done?.equals(next)).toBe(true);
  expect(f.buffered).toBe(0);
});
