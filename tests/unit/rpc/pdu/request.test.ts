import { MalformedPacketError } from '../../../../lib/common/errors';
import { PacketType } from '../../../../lib/rpc/constants';
import {
  decodeFault,
  decodeRequest,
  decodeResponse,
  encodeFault,
  encodeRequest,
  encodeResponse,
} from '../../../../lib/rpc/pdu/request';
import { PduFramer } from '../../../../lib/rpc/pdu/pdu-framer';
import { hex } from '../../../helpers/hex';

const REQUEST = hex(`
  05 00 00 03 10 00 00 00
  1c 00 00 00          # frag_length 28
  05 00 00 00          # call_id 5
  04 00 00 00          # alloc_hint 4
  00 00 1d 00          # p_cont_id 0, opnum 29 (ClosePrinter)
  de ad be ef          # stub
`);

describe('request / response / fault', () => {
  it('decodes a request', () => {
    const r = decodeRequest(REQUEST);
    expect(r.header.callId).toBe(5);
    expect(r.opnum).toBe(29);
    expect(r.contextId).toBe(0);
    expect(r.allocHint).toBe(4);
    expect(r.stub.toString('hex')).toBe('deadbeef');
  });

  it('encodes the same request', () => {
    expect(
      encodeRequest({
        callId: 5,
        flags: 3,
        allocHint: 4,
        contextId: 0,
        opnum: 29,
        stub: Buffer.from('deadbeef', 'hex'),
      }),
    ).toEqual(REQUEST);
  });

  it('reads the object uuid when PFC_OBJECT_UUID is set', () => {
    const pdu = encodeRequest({
      callId: 1,
      flags: 3,
      allocHint: 0,
      contextId: 1,
      opnum: 2,
      objectUuid: '01020304-0506-0708-090a-0b0c0d0e0f10',
      stub: Buffer.from([1, 2]),
    });
    expect(pdu[3]).toBe(0x83);
    const r = decodeRequest(pdu);
    expect(r.objectUuid).toBe('01020304-0506-0708-090a-0b0c0d0e0f10');
    expect([...r.stub]).toEqual([1, 2]);
  });

  it('refuses a truncated request', () => {
    expect(() => decodeRequest(REQUEST.subarray(0, 20))).toThrow(MalformedPacketError);
    const shortFrag = Buffer.from(REQUEST);
    shortFrag.writeUInt16LE(12, 8);
    expect(() => decodeRequest(shortFrag)).toThrow(MalformedPacketError);
  });

  it('encodes a response', () => {
    const out = encodeResponse({
      callId: 5,
      flags: 3,
      allocHint: 4,
      contextId: 0,
      stub: Buffer.from('00000000', 'hex'),
    });
    expect(out.toString('hex')).toBe(
      hex('05 00 02 03 10000000 1c00 0000 05000000 04000000 0000 00 00 00000000').toString('hex'),
    );
    expect(decodeResponse(out).stub.toString('hex')).toBe('00000000');
  });

  it('encodes a fault', () => {
    const out = encodeFault({ callId: 9, contextId: 0, status: 0x1c010002, didNotExecute: true });
    expect(out.toString('hex')).toBe(
      hex('05 00 03 23 10000000 2000 0000 09000000 00000000 0000 00 00 0200011c 00000000').toString('hex'),
    );
    expect(decodeFault(out)).toMatchObject({ status: 0x1c010002 });
    expect(out[2]).toBe(PacketType.FAULT);
  });
});

describe('PduFramer', () => {
  const two = Buffer.concat([REQUEST, REQUEST]);

  it.each(Array.from({ length: two.length + 1 }, (_, i) => i))('splits at %i', (cut) => {
    const f = new PduFramer();
    const got = [...f.push(two.subarray(0, cut)), ...f.push(two.subarray(cut))];
    expect(got).toHaveLength(2);
    expect(got[0]).toEqual(REQUEST);
    expect(got[1]).toEqual(REQUEST);
    expect(f.buffered).toBe(0);
  });

  it('byte by byte', () => {
    const f = new PduFramer();
    const got: Buffer[] = [];
    for (const b of two) got.push(...f.push(Buffer.from([b])));
    expect(got).toHaveLength(2);
  });

  it('refuses a frag_length below the header size or above the limit', () => {
    const bad = Buffer.from(REQUEST);
    bad.writeUInt16LE(8, 8);
    expect(() => new PduFramer().push(bad)).toThrow(MalformedPacketError);
    expect(() => new PduFramer().push(REQUEST, 20)).toThrow(MalformedPacketError);
  });
});
