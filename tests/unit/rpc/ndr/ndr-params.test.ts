/**
 * The parameter codecs of lib/rpc/ndr/ndr-params.ts against bytes laid out by hand from C706 14
 * (annotated hex), read and written by the same description.
 */
import { MalformedPacketError, RpcFaultError } from '../../../../lib/common/errors';
import { FaultStatus } from '../../../../lib/rpc/constants';
import type { NdrParam } from '../../../../lib/rpc/ndr/ndr-params';
import {
  conformantBytes,
  contextHandle,
  dword,
  ndrParams,
  remainingBytes,
  sizedBytes,
  string,
  uniqueBytes,
  uniquePointer,
  uniqueSizedBytes,
  uniqueString,
  wcharArray,
} from '../../../../lib/rpc/ndr/ndr-params';
import { NdrReader } from '../../../../lib/rpc/ndr/ndr-reader';
import { NdrWriter } from '../../../../lib/rpc/ndr/ndr-writer';
import { hex } from '../../../helpers/hex';

function write<T>(p: NdrParam<T>, value: T): Buffer {
  const w = new NdrWriter();
  p.write(w, value);
  return w.finish();
}

const read = <T>(p: NdrParam<T>, bytes: Buffer): T => p.read(new NdrReader(bytes));

function expectBoth<T>(p: NdrParam<T>, bytes: Buffer, value: T): void {
  expect(read(p, bytes)).toEqual(value);
  expect(write(p, value).toString('hex')).toBe(bytes.toString('hex'));
}

describe('NDR parameters', () => {
  it('a parameter list keeps its declaration order and aligns each parameter', () => {
    const list = ndrParams({ name: string('pName'), level: dword('Level'), handle: contextHandle('h') });
    expectBoth(
      list,
      hex(`
        02000000 00000000 02000000   # pName: max_count 2, offset 0, actual_count 2
        41000000                     # "A" + NUL
        03000000                     # Level 3
        00000000 0102030405060708090a0b0c0d0e0f10   # h: attributes 0, uuid
      `),
      { name: 'A', level: 3, handle: hex('00000000 0102030405060708090a0b0c0d0e0f10') },
    );
  });

  it('[string, unique]: NULL is a zero referent id; a string gets a fresh one', () => {
    const p = ndrParams({ a: uniqueString('a'), b: uniqueString('b') });
    expectBoth(
      p,
      hex(`
        00000000                     # a: NULL
        00000200                     # b: referent id
        03000000 00000000 03000000   # max_count 3, offset 0, actual_count 3
        68006900 0000                # "hi" + NUL
      `),
      { a: undefined, b: 'hi' },
    );
  });

  it('[size_is] bytes, [unique, size_is] bytes and the wchar_t array', () => {
    expectBoth(conformantBytes('pData'), hex('03000000 010203   # max_count 3, the bytes'), hex('010203'));
    expectBoth(uniqueBytes('pBuf'), hex('00000000   # NULL'), undefined);
    expectBoth(uniqueBytes('pBuf'), hex('00000200 02000000 abcd   # referent, max_count 2, bytes'), hex('abcd'));
    expectBoth(
      wcharArray('pSubkey'),
      hex('02000000 41004200   # max_count 2 units, "AB" without NUL'),
      Buffer.from('AB', 'utf16le'),
    );
  });

  it('the size parameter after the bytes must agree with their conformance', () => {
    const p = ndrParams({ data: sizedBytes('pBuf', 'cbBuf'), after: dword('x') });
    expectBoth(
      p,
      hex(`
        03000000 616263 00   # pBuf: max_count 3, "abc", pad to 4
        03000000             # cbBuf 3
        09000000             # x
      `),
      { data: Buffer.from('abc'), after: 9 },
    );
    const bad = hex('03000000 616263 00 04000000 09000000');
    expect(() => read(p, bad)).toThrow(RpcFaultError);
    expect(() => read(p, bad)).toThrow(expect.objectContaining({ status: FaultStatus.NCA_S_FAULT_NDR }) as Error);
  });

  it('[in, out, unique, size_is(cbBuf)]: NULL with a size is left to the method; a mismatch is a fault', () => {
    const p = uniqueSizedBytes('pPrinter', 'cbBuf');
    expectBoth(p, hex('00000000 10000000   # NULL, cbBuf 16'), { buffer: undefined, cbBuf: 16 });
    expectBoth(p, hex('00000200 02000000 0000 0000 02000000   # referent, max_count 2, 2 bytes, pad, cbBuf 2'), {
      buffer: Buffer.alloc(2),
      cbBuf: 2,
    });
    expect(() => read(p, hex('00000200 02000000 0000 0000 08000000'))).toThrow(
      expect.objectContaining({ status: FaultStatus.NCA_S_FAULT_NDR }) as Error,
    );
  });

  it('[unique] pointer to a parameter list, and the remaining bytes', () => {
    const p = ndrParams({
      opt: uniquePointer(ndrParams({ level: dword('Level') }), 'pOpt'),
      rest: remainingBytes('rest'),
    });
    expectBoth(p, hex('00000200 05000000 aabb   # referent id, Level 5, then two bytes'), {
      opt: { level: 5 },
      rest: hex('aabb'),
    });
    expectBoth(p, hex('00000000   # NULL, nothing after'), { opt: undefined, rest: Buffer.alloc(0) });
  });

  it('truncated input is a MalformedPacketError naming the field', () => {
    const p = ndrParams({ level: dword('Level'), name: string('pName') });
    expect(() => read(p, hex('0100'))).toThrow(MalformedPacketError);
    expect(() => read(p, hex('01000000 05000000 00000000 05000000 4100'))).toThrow(/pName/);
  });
});
