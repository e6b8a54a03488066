// The security verification trailer, [MS-RPCE] 2.2.2.13: bytes built by hand from the spec's
// layouts (2.2.2.13.1-4), found at the end of a stub and checked against the PDU and the context.
import { MSRPC_UUID_RPRN, NDR20_SYNTAX } from '../../../../lib/rpc/constants';
import { findVerificationTrailer, verificationTrailerMismatch } from '../../../../lib/rpc/pdu/verification-trailer';
import { Bytes, guidBytes } from '../../../helpers/hex';

const DREP = Buffer.from([0x10, 0, 0, 0]);

/** Stub, pad to 4, then the trailer: BITMASK_1, PCONTEXT, HEADER2 (END). */
function stubWithTrailer(
  stub: Buffer,
  header2: { callId: number; contextId: number; opnum: number },
  bits = 1,
): Buffer {
  return new Bytes()
    .raw(stub)
    .pad(4)
    .raw([0x8a, 0xe3, 0x13, 0x71, 0x02, 0xf4, 0x36, 0x71]) // signature
    .u16(0x0001) // SEC_VT_COMMAND_BITMASK_1
    .u16(4)
    .u32(bits) // CLIENT_SUPPORT_HEADER_SIGNING
    .u16(0x0002) // SEC_VT_COMMAND_PCONTEXT
    .u16(40)
    .raw(guidBytes(MSRPC_UUID_RPRN.uuid))
    .u16(1)
    .u16(0) // InterfaceId v1.0
    .raw(guidBytes(NDR20_SYNTAX.uuid))
    .u16(2)
    .u16(0) // TransferSyntax v2.0
    .u16(0x4003) // SEC_VT_COMMAND_HEADER2 | SEC_VT_COMMAND_END
    .u16(16)
    .u8(0) // PTYPE request
    .u8(0)
    .u16(0) // reserved
    .raw(DREP)
    .u32(header2.callId)
    .u16(header2.contextId)
    .u16(header2.opnum)
    .build();
}

const expected = {
  clientHeaderSigning: true,
  abstract: MSRPC_UUID_RPRN,
  transfer: NDR20_SYNTAX,
  header2: { packetType: 0, drep: DREP, callId: 7, contextId: 0, opnum: 69 },
};

describe('verification trailer', () => {
  const stub = Buffer.from('0102030405', 'hex');

  it('is found after the stub at a 4-aligned offset, its commands read', () => {
    const vt = findVerificationTrailer(stubWithTrailer(stub, { callId: 7, contextId: 0, opnum: 69 }));
    expect(vt?.offset).toBe(8);
    expect(vt?.commands.map((c) => c.kind)).toEqual(['bitmask1', 'pcontext', 'header2']);
    expect(verificationTrailerMismatch(vt!, expected)).toBeUndefined();
  });

  it('is absent from a plain stub, and a signature whose commands do not run to the end is not one', () => {
    expect(findVerificationTrailer(stub)).toBeUndefined();
    const broken = stubWithTrailer(stub, { callId: 7, contextId: 0, opnum: 69 });
    expect(findVerificationTrailer(broken.subarray(0, broken.length - 2))).toBeUndefined();
  });

  it.each([
    ['a HEADER2 for another call', { callId: 8, contextId: 0, opnum: 69 }, 1, /HEADER2/],
    ['a HEADER2 for another opnum', { callId: 7, contextId: 0, opnum: 1 }, 1, /HEADER2/],
    ['header signing the bind never offered', { callId: 7, contextId: 0, opnum: 69 }, 1, /BITMASK_1/],
  ])('disagrees: %s', (_what, header2, bits, reason) => {
    const vt = findVerificationTrailer(stubWithTrailer(stub, header2, bits))!;
    const signing = !String(reason).includes('BITMASK');
    expect(verificationTrailerMismatch(vt, { ...expected, clientHeaderSigning: signing })).toMatch(reason);
  });

  it('disagrees on another interface in PCONTEXT', () => {
    const vt = findVerificationTrailer(stubWithTrailer(stub, { callId: 7, contextId: 0, opnum: 69 }))!;
    expect(
      verificationTrailerMismatch(vt, { ...expected, abstract: { uuid: MSRPC_UUID_RPRN.uuid, major: 2, minor: 0 } }),
    ).toMatch(/PCONTEXT/);
  });
});
