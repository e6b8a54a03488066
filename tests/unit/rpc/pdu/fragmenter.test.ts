/**
 * lib/rpc/pdu/fragmenter.ts: frag sizes negotiated at bind, and a stub cut into request and
 * response PDUs (C706 12.6.3.7), checked against hand-built PDUs and over many stub sizes.
 */
import { PfcFlags } from '../../../../lib/rpc/constants';
import { Fragmenter, fragmentStub, negotiateFragSizes } from '../../../../lib/rpc/pdu/fragmenter';
import { decodeRequest, decodeResponse } from '../../../../lib/rpc/pdu/request';
import { hex } from '../../../helpers/hex';

const FIRST = PfcFlags.PFC_FIRST_FRAG;
const LAST = PfcFlags.PFC_LAST_FRAG;

describe('frag sizes', () => {
  it('each side sends no more than the other receives', () => {
    const server = { maxXmitFrag: 4280, maxRecvFrag: 4280 };
    expect(negotiateFragSizes(server, { maxXmitFrag: 5840, maxRecvFrag: 1432 })).toEqual({
      maxXmitFrag: 1432,
      maxRecvFrag: 4280,
    });
    expect(negotiateFragSizes({ maxXmitFrag: 1432, maxRecvFrag: 2048 }, server)).toEqual({
      maxXmitFrag: 1432,
      maxRecvFrag: 2048,
    });
  });
});

describe('fragmentStub', () => {
  it('one fragment when the stub fits; an empty stub is one empty fragment', () => {
    expect(fragmentStub(Buffer.alloc(10), 4280, 24)).toEqual([
      { flags: FIRST | LAST, allocHint: 10, stub: Buffer.alloc(10) },
    ]);
    expect(fragmentStub(Buffer.alloc(0), 4280, 24)).toEqual([
      { flags: FIRST | LAST, allocHint: 0, stub: Buffer.alloc(0) },
    ]);
  });

  it('cuts at a multiple of 8 below max_frag - header, with alloc_hint the bytes still to come', () => {
    // 24 + 19 = 43 bytes: room for 19, rounded down to 16.
    const stub = Buffer.from(Array.from({ length: 40 }, (_, i) => i));
    const parts = fragmentStub(stub, 43, 24);
    expect(parts.map((p) => [p.flags, p.allocHint, p.stub.length])).toEqual([
      [FIRST, 40, 16],
      [0, 24, 16],
      [LAST, 8, 8],
    ]);
    expect(Buffer.concat(parts.map((p) => p.stub))).toEqual(stub);
  });

  it('for every size and frag size: PDUs within max_frag, stubs 8-aligned but the last, whole again', () => {
    for (const maxFrag of [32, 41, 1432, 4280]) {
      for (let n = 0; n < 3000; n += 37) {
        const stub = Buffer.from(Array.from({ length: n }, (_, i) => (i * 7) & 0xff));
        const parts = fragmentStub(stub, maxFrag, 24);
        parts.forEach((p, i) => {
          expect(p.stub.length + 24).toBeLessThanOrEqual(maxFrag);
          if (i < parts.length - 1) expect(p.stub.length % 8).toBe(0);
          expect((p.flags & FIRST) !== 0).toBe(i === 0);
          expect((p.flags & LAST) !== 0).toBe(i === parts.length - 1);
        });
        expect(Buffer.concat(parts.map((p) => p.stub))).toEqual(stub);
      }
    }
  });
});

describe('Fragmenter', () => {
  const fragmenter = new Fragmenter({ maxXmitFrag: 40, maxRecvFrag: 4280 });

  it('request PDUs: header, alloc_hint, p_cont_id, opnum, the stub part', () => {
    const pdus = fragmenter.requests({ callId: 2, contextId: 0, opnum: 69 }, Buffer.from('0123456789abcdefXYZ'));
    expect(pdus[0]).toEqual(
      hex(`
        05 00 00 01 10000000   # rpc_vers 5.0, PTYPE request, PFC_FIRST_FRAG, drep little-endian
        2800 0000 02000000     # frag_length 40, auth_length 0, call_id 2
        13000000 0000 4500     # alloc_hint 19, p_cont_id 0, opnum 69
        30313233 34353637 38396162 63646566   # the first 16 stub bytes
      `),
    );
    expect(pdus[1]).toEqual(
      hex(`
        05 00 00 02 10000000   # rpc_vers 5.0, PTYPE request, PFC_LAST_FRAG
        1b00 0000 02000000     # frag_length 27, call_id 2
        03000000 0000 4500     # alloc_hint 3, p_cont_id 0, opnum 69
        58595a                 # "XYZ"
      `),
    );
  });

  it('an object UUID takes room in every request PDU', () => {
    const pdus = fragmenter.requests(
      { callId: 3, contextId: 1, opnum: 0, objectUuid: '9940ca8e-512f-4c58-88a9-61098d6896bd' },
      Buffer.alloc(20),
    );
    expect(pdus.map((p) => p.length)).toEqual([48, 48, 44]);
    expect(pdus.map((p) => decodeRequest(p).objectUuid)).toEqual(Array(3).fill('9940ca8e-512f-4c58-88a9-61098d6896bd'));
  });

  it('response PDUs carry the call and context ids and fit max_xmit_frag', () => {
    const stub = Buffer.from(Array.from({ length: 100 }, (_, i) => i));
    const pdus = fragmenter.responses({ callId: 9, contextId: 1 }, stub);
    expect(pdus.every((p) => p.length <= 40)).toBe(true);
    const decoded = pdus.map((p) => decodeResponse(p));
    expect(decoded.map((d) => [d.header.callId, d.contextId, d.allocHint])).toEqual(
      decoded.map((_, i) => [9, 1, 100 - i * 16]),
    );
    expect(Buffer.concat(decoded.map((d) => d.stub))).toEqual(stub);
  });
});
