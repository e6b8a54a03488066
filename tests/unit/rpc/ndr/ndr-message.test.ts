/**
 * lib/rpc/ndr/ndr-message.ts: one description for both stubs; the server ignores bytes after the
 * last [in] parameter (as it always has), the client refuses bytes after the return value.
 */
import { MalformedPacketError } from '../../../../lib/common/errors';
import {
  decodeRequestStub,
  decodeResponseStub,
  encodeRequestStub,
  encodeResponseStub,
  ndrMessage,
} from '../../../../lib/rpc/ndr/ndr-message';
import { dword, uniqueString } from '../../../../lib/rpc/ndr/ndr-params';
import { hex } from '../../../helpers/hex';

const Example = ndrMessage(
  'Example',
  { name: uniqueString('pName'), level: dword('Level') },
  { status: dword('status') },
);

describe('NDR messages', () => {
  it('encodes and decodes the request and the response stubs', () => {
    const request = hex(`
      00000200 02000000 00000000 02000000   # pName: referent id, max_count 2, offset 0, actual_count 2
      41000000                              # "A" + NUL
      07000000                              # Level 7
    `);
    expect(decodeRequestStub(Example, request)).toEqual({ name: 'A', level: 7 });
    expect(encodeRequestStub(Example, { name: 'A', level: 7 })).toEqual(request);
    expect(encodeResponseStub(Example, { status: 5 })).toEqual(hex('05000000'));
    expect(decodeResponseStub(Example, hex('05000000'))).toEqual({ status: 5 });
  });

  it('bytes after the parameters: ignored in a request, refused in a response', () => {
    expect(decodeRequestStub(Example, hex('00000000 07000000 ffffffff'))).toEqual({ name: undefined, level: 7 });
    expect(() => decodeResponseStub(Example, hex('05000000 00000000'))).toThrow(MalformedPacketError);
    expect(() => decodeResponseStub(Example, hex('05000000 00000000'))).toThrow(/Example: 4 bytes after the status/);
  });
});
