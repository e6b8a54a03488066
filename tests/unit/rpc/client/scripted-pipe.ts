/**
 * Hand-built server PDUs (C706 12.6 layouts, with the independent Bytes builder) and a scripted
 * pipe for the RPC client unit tests.
 */
import type { RpcPipeTransport } from '../../../../lib/rpc/client/rpc-client';
import { Bytes, guidBytes } from '../../../helpers/hex';

const NDR20 = '8a885d04-1ceb-11c9-9fe8-08002b104860';

/** Common header: rpc_vers 5.0, PTYPE, flags, drep 10 00 00 00, frag_length, auth_length 0, call_id. */
export function header(b: Bytes, ptype: number, flags: number, fragLength: number, callId: number): Bytes {
  return b.u8(5).u8(0).u8(ptype).u8(flags).raw([0x10, 0, 0, 0]).u16(fragLength).u16(0).u32(callId);
}

export function bindAck(callId: number, maxXmit: number, maxRecv: number, result = 0): Buffer {
  const body = new Bytes()
    .u16(maxXmit)
    .u16(maxRecv)
    .u32(0x1234)
    .u16(14)
    .raw(Buffer.from('\\PIPE\\spoolss\0', 'latin1')); // 16 + 8 + 2 + 14 = 40: already 4-aligned
  body
    .u8(1)
    .raw([0, 0, 0])
    .u16(result)
    .u16(result === 0 ? 0 : 1);
  body.raw(result === 0 ? guidBytes(NDR20) : Array(16).fill(0)).u32(result === 0 ? 2 : 0);
  const raw = body.build();
  return Buffer.concat([header(new Bytes(), 12, 3, 16 + raw.length, callId).build(), raw]);
}

export function response(callId: number, flags: number, stub: Buffer, allocHint = stub.length): Buffer {
  const b = header(new Bytes(), 2, flags, 24 + stub.length, callId)
    .u32(allocHint)
    .u16(0)
    .u8(0)
    .u8(0)
    .raw(stub);
  return b.build();
}

export function fault(callId: number, status: number): Buffer {
  return header(new Bytes(), 3, 3, 32, callId).u32(0).u16(0).u8(0).u8(0).u32(status).u32(0).build();
}

/** TEST DOUBLE: a pipe that answers each transceive with scripted bytes, handed out `readSize` at a time. */
export class ScriptedPipe implements RpcPipeTransport {
  readonly sent: Buffer[] = [];
  private pending: Buffer = Buffer.alloc(0);
  closed = false;

  constructor(
    private readonly answer: (pdu: Buffer, index: number) => Buffer | undefined,
    private readonly readSize = 0xffff,
  ) {}

  private take(max: number): Buffer {
    const n = Math.min(max, this.readSize, this.pending.length);
    const out = this.pending.subarray(0, n);
    this.pending = this.pending.subarray(n);
    return Buffer.from(out);
  }

  transceive(data: Buffer, maxOutput = 0xffff): Promise<Buffer> {
    this.sent.push(Buffer.from(data));
    const reply = this.answer(data, this.sent.length - 1);
    if (reply) this.pending = Buffer.concat([this.pending, reply]);
    return Promise.resolve(this.take(maxOutput));
  }

  write(data: Buffer): Promise<void> {
    this.sent.push(Buffer.from(data));
    const reply = this.answer(data, this.sent.length - 1);
    if (reply) this.pending = Buffer.concat([this.pending, reply]);
    return Promise.resolve();
  }

  read(max: number): Promise<Buffer> {
    return Promise.resolve(this.take(max));
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
