/**
 * lib/rpc/pdu/reassembler.ts: a call's fragments put back together (C706 12.6.3.7), and what it
 * reports for fragments out of place or past the size limit.
 */
import { PfcFlags } from '../../../../lib/rpc/constants';
import { fragmentStub } from '../../../../lib/rpc/pdu/fragmenter';
import { StubReassembler } from '../../../../lib/rpc/pdu/reassembler';

const FIRST = PfcFlags.PFC_FIRST_FRAG;
const LAST = PfcFlags.PFC_LAST_FRAG;

interface Call {
  readonly callId: number;
  readonly opnum: number;
}

describe('StubReassembler', () => {
  it('puts back what the fragmenter cut, keeping the first fragment as the call', () => {
    const r = new StubReassembler<Call>();
    const stub = Buffer.from(Array.from({ length: 1000 }, (_, i) => i & 0xff));
    const parts = fragmentStub(stub, 100, 24);
    const results = parts.map((p, i) => r.push({ callId: 5, opnum: i === 0 ? 69 : 0 }, p.flags, p.stub).result);
    expect(results.slice(0, -1).every((x) => x.kind === 'more')).toBe(true);
    expect(results[results.length - 1]).toEqual({ kind: 'complete', call: { callId: 5, opnum: 69 }, stub });
    expect(r.inProgress).toBeUndefined();
  });

  it('a single fragment is complete at once; its bytes are copied', () => {
    const r = new StubReassembler<Call>();
    const bytes = Buffer.from([1, 2, 3]);
    const { result } = r.push({ callId: 1, opnum: 0 }, FIRST | LAST, bytes);
    bytes[0] = 9;
    expect(result).toEqual({ kind: 'complete', call: { callId: 1, opnum: 0 }, stub: Buffer.from([1, 2, 3]) });
  });

  it('a later fragment with no call of its id in progress is unexpected, and changes nothing', () => {
    const r = new StubReassembler<Call>();
    expect(r.push({ callId: 1, opnum: 0 }, LAST, Buffer.alloc(8)).result).toEqual({ kind: 'unexpected' });
    r.push({ callId: 2, opnum: 0 }, FIRST, Buffer.alloc(8));
    expect(r.push({ callId: 3, opnum: 0 }, 0, Buffer.alloc(8)).result).toEqual({ kind: 'unexpected' });
    expect(r.inProgress).toEqual({ callId: 2, opnum: 0 });
    expect(r.push({ callId: 2, opnum: 0 }, LAST, Buffer.from([7])).result).toMatchObject({
      kind: 'complete',
      stub: Buffer.concat([Buffer.alloc(8), Buffer.from([7])]),
    });
  });

  it('a first fragment while a call is half-received abandons that call', () => {
    const r = new StubReassembler<Call>();
    r.push({ callId: 1, opnum: 10 }, FIRST, Buffer.alloc(8));
    const next = r.push({ callId: 2, opnum: 11 }, FIRST | LAST, Buffer.alloc(4));
    expect(next.abandoned).toEqual({ callId: 1, opnum: 10 });
    expect(next.result).toMatchObject({ kind: 'complete', call: { callId: 2, opnum: 11 } });
  });

  it('past the limit: reported once, the rest dropped, nothing kept; the next call is fine', () => {
    const r = new StubReassembler<Call>(16);
    expect(r.push({ callId: 1, opnum: 0 }, FIRST, Buffer.alloc(8)).result.kind).toBe('more');
    expect(r.push({ callId: 1, opnum: 0 }, 0, Buffer.alloc(16)).result).toEqual({
      kind: 'too-large',
      call: { callId: 1, opnum: 0 },
    });
    expect(r.push({ callId: 1, opnum: 0 }, 0, Buffer.alloc(8)).result).toEqual({ kind: 'dropped' });
    // A new first fragment does not report the dropped call as abandoned: it was answered already.
    const next = r.push({ callId: 2, opnum: 0 }, FIRST | LAST, Buffer.alloc(16));
    expect(next.abandoned).toBeUndefined();
    expect(next.result.kind).toBe('complete');
  });

  it('reset forgets the call in progress', () => {
    const r = new StubReassembler<Call>();
    r.push({ callId: 1, opnum: 0 }, FIRST, Buffer.alloc(8));
    r.reset();
    expect(r.inProgress).toBeUndefined();
    expect(r.push({ callId: 1, opnum: 0 }, LAST, Buffer.alloc(8)).result).toEqual({ kind: 'unexpected' });
  });
});
