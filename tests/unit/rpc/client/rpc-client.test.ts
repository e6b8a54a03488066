/**
 * RpcClient against a scripted pipe: the server's PDUs are built by hand (tests/unit/rpc/hex.ts
 * Bytes builder, C706 12.6 layouts), never by the production encoders; the client's PDUs are
 * checked field by field.
 */
import { MalformedPacketError, RpcFaultError } from '../../../../lib/common/errors';
import { RpcBindError, RpcClient } from '../../../../lib/rpc/client/rpc-client';
import { Bytes, hex } from '../../../helpers/hex';
import { ScriptedPipe, bindAck, fault, header, response } from './scripted-pipe';

const RPRN_UUID = '12345678-1234-abcd-ef00-0123456789ab';

const bindOf = (pipe: ScriptedPipe, options = {}): Promise<RpcClient> =>
  RpcClient.bind(pipe, { uuid: RPRN_UUID, version: 1 }, options);

describe('RpcClient.bind', () => {
  it('sends one NDR20 context for the interface and keeps the smaller fragment sizes', async () => {
    const pipe = new ScriptedPipe((pdu) => bindAck(pdu.readUInt32LE(12), 2000, 3000));
    const rpc = await bindOf(pipe);
    expect(pipe.sent[0]).toEqual(
      hex(`
        05 00 0b 03 10000000 4800 0000 01000000   # bind, first|last, frag_length 72, call_id 1
        b810 b810 00000000                        # max_xmit 4280, max_recv 4280, assoc_group 0
        01 000000                                 # one context
        0000 01 00                                # p_cont_id 0, one transfer syntax
        78563412 3412 cdab ef00 0123456789ab 0100 0000   # MS-RPRN v1.0
        045d888a eb1c c911 9fe8 08002b104860 02000000    # NDR20 v2
      `),
    );
    // Our sends are bounded by the server's max_recv_frag, our receives by its max_xmit_frag.
    expect(rpc.maxXmitFrag).toBe(3000);
    expect(rpc.maxRecvFrag).toBe(2000);
    expect(rpc.assocGroupId).toBe(0x1234);
  });

  it('bind_nak and a rejected context are RpcBindError', async () => {
    const nak = header(new Bytes(), 13, 3, 21, 1).u16(4).u8(1).u8(5).u8(0).build();
    await expect(bindOf(new ScriptedPipe(() => nak))).rejects.toMatchObject({ reason: 4 });
    await expect(bindOf(new ScriptedPipe(() => bindAck(1, 4280, 4280, 2)))).rejects.toBeInstanceOf(RpcBindError);
  });

  it('refuses a reply that is not a bind_ack, and fragment sizes below the minimum', async () => {
    await expect(bindOf(new ScriptedPipe(() => fault(1, 5)))).rejects.toBeInstanceOf(MalformedPacketError);
    await expect(bindOf(new ScriptedPipe(() => bindAck(1, 4280, 4280)), { maxRecvFrag: 100 })).rejects.toThrow(
      RangeError,
    );
  });
});

describe('RpcClient.call', () => {
  const stubOf = (n: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7) & 0xff));

  it('fragments a request at max_xmit_frag (multiples of 8) and reassembles a fragmented response', async () => {
    const answerStub = stubOf(4000);
    const pipe = new ScriptedPipe((pdu, i) => {
      if (i === 0) return bindAck(1, 1432, 1432);
      if ((pdu[3] ?? 0) & 2) {
        // Last request fragment: answer in three fragments, written back to back.
        const callId = pdu.readUInt32LE(12);
        return Buffer.concat([
          response(callId, 1, answerStub.subarray(0, 1400), 4000),
          response(callId, 0, answerStub.subarray(1400, 2800), 2600),
          response(callId, 2, answerStub.subarray(2800), 1200),
        ]);
      }
      return undefined;
    });
    const rpc = await bindOf(pipe, { maxXmitFrag: 1432, maxRecvFrag: 1432 });
    const request = stubOf(3000);
    const out = await rpc.call(53, request);
    expect(out).toEqual(answerStub);
    const fragments = pipe.sent.slice(1);
    // 1432 - 24 = 1408 bytes of stub per fragment: 1408, 1408, 184.
    expect(fragments.map((f) => f.length)).toEqual([1432, 1432, 24 + 184]);
    expect(fragments.map((f) => f[3])).toEqual([1, 0, 2]);
    for (const [i, f] of fragments.entries()) {
      expect(f[2]).toBe(0); // request
      expect(f.readUInt16LE(8)).toBe(f.length); // frag_length
      expect(f.readUInt32LE(12)).toBe(2); // call_id
      expect(f.readUInt32LE(16)).toBe(3000 - 1408 * i); // alloc_hint: what is left
      expect(f.readUInt16LE(20)).toBe(0); // p_cont_id
      expect(f.readUInt16LE(22)).toBe(53); // opnum
    }
    expect(Buffer.concat(fragments.map((f) => f.subarray(24)))).toEqual(request);
  });

  it('reads on while the response is cut anywhere (a few bytes per read)', async () => {
    for (const readSize of [1, 5, 24, 25, 100]) {
      const pipe = new ScriptedPipe((pdu, i) => {
        if (i === 0) return bindAck(1, 1432, 1432);
        const callId = pdu.readUInt32LE(12);
        return Buffer.concat([response(callId, 1, stubOf(40)), response(callId, 2, stubOf(12))]);
      }, readSize);
      const rpc = await bindOf(pipe);
      expect(await rpc.call(1, Buffer.alloc(8))).toEqual(Buffer.concat([stubOf(40), stubOf(12)]));
    }
  });

  it('a fault PDU is RpcFaultError with its status; the next call still works', async () => {
    let n = 0;
    const pipe = new ScriptedPipe((pdu, i) => {
      if (i === 0) return bindAck(1, 4280, 4280);
      const callId = pdu.readUInt32LE(12);
      return n++ === 0 ? fault(callId, 0x1c010002) : response(callId, 3, Buffer.from([0, 0, 0, 0]));
    });
    const rpc = await bindOf(pipe);
    const err: unknown = await rpc.call(99, Buffer.alloc(4)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcFaultError);
    expect((err as RpcFaultError).status).toBe(0x1c010002);
    expect((err as RpcFaultError).message).toMatch(/NCA_S_OP_RNG_ERROR/);
    expect(await rpc.call(29, Buffer.alloc(20))).toEqual(Buffer.alloc(4));
  });

  it('refuses a reply for another call, a missing last fragment, and bytes after the last one', async () => {
    const cases: ((callId: number) => Buffer)[] = [
      (id) => response(id + 1, 3, Buffer.alloc(4)),
      (id) => response(id, 1, Buffer.alloc(4)),
      (id) => Buffer.concat([response(id, 3, Buffer.alloc(4)), Buffer.from([5, 0])]),
      (id) => response(id, 2, Buffer.alloc(4)), // a middle fragment first
      (id) => response(id, 3, Buffer.alloc(4300)), // larger than the negotiated max_recv_frag
    ];
    for (const make of cases) {
      const pipe = new ScriptedPipe((pdu, i) => (i === 0 ? bindAck(1, 4280, 4280) : make(pdu.readUInt32LE(12))));
      const rpc = await bindOf(pipe);
      await expect(rpc.call(0, Buffer.alloc(4))).rejects.toBeInstanceOf(MalformedPacketError);
    }
  });

  it('serialises concurrent calls and closes the pipe once', async () => {
    const pipe = new ScriptedPipe((pdu, i) => {
      if (i === 0) return bindAck(1, 4280, 4280);
      const callId = pdu.readUInt32LE(12);
      return response(callId, 3, Buffer.from([callId, 0, 0, 0]));
    });
    const rpc = await bindOf(pipe);
    const [a, b, c] = await Promise.all([
      rpc.call(0, Buffer.alloc(4)),
      rpc.call(0, Buffer.alloc(4)),
      rpc.call(0, Buffer.alloc(4)),
    ]);
    expect([a?.[0], b?.[0], c?.[0]]).toEqual([2, 3, 4]);
    await rpc.close();
    await rpc.close();
    expect(pipe.closed).toBe(true);
    await expect(rpc.call(0, Buffer.alloc(4))).rejects.toThrow(/closed/);
  });
});
