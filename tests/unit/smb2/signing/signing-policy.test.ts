import { NtStatus } from '../../../../lib/common/status/ntstatus';
import { signSmb2Message } from '../../../../lib/smb2/signing/sign';
import {
  checkRequestSignature,
  isSessionSigningRequired,
  refuseUnsignableSession,
  shouldSignResponse,
} from '../../../../lib/smb2/signing/signing-policy';

const key = Buffer.alloc(16, 0x11);

function request(command: number): Buffer {
  const m = Buffer.alloc(72);
  m.write('fe534d42', 0, 'hex');
  m.writeUInt16LE(64, 4);
  m.writeUInt16LE(command, 12);
  return m;
}

describe('session signing', () => {
  const base = { serverRequiresSigning: false, clientRequiresSigning: false, isGuest: false, isAnonymous: false };
  it('is required when either side requires it, never for guest or anonymous', () => {
    expect(isSessionSigningRequired(base)).toBe(false);
    expect(isSessionSigningRequired({ ...base, serverRequiresSigning: true })).toBe(true);
    expect(isSessionSigningRequired({ ...base, clientRequiresSigning: true })).toBe(true);
    expect(isSessionSigningRequired({ ...base, clientRequiresSigning: true, isGuest: true })).toBe(false);
  });
  it('a server that requires signing refuses guest and anonymous sessions', () => {
    expect(refuseUnsignableSession({ ...base, serverRequiresSigning: true, isGuest: true })).toBe(
      NtStatus.STATUS_ACCESS_DENIED,
    );
    expect(refuseUnsignableSession({ ...base, serverRequiresSigning: true, isAnonymous: true })).toBe(
      NtStatus.STATUS_ACCESS_DENIED,
    );
    expect(refuseUnsignableSession({ ...base, serverRequiresSigning: true })).toBeUndefined();
    expect(refuseUnsignableSession({ ...base, isGuest: true })).toBeUndefined();
  });
});

describe('checkRequestSignature', () => {
  it('accepts a correctly signed request and refuses a tampered one', () => {
    const m = request(0x0008);
    signSmb2Message(0x0311, key, m);
    expect(checkRequestSignature({ dialect: 0x0311, signingKey: key, signingRequired: false, message: m })).toEqual({
      ok: true,
      signed: true,
    });
    m.writeUInt8(1, 70);
    expect(
      checkRequestSignature({ dialect: 0x0311, signingKey: key, signingRequired: false, message: m }),
    ).toMatchObject({ ok: false, status: NtStatus.STATUS_ACCESS_DENIED });
  });

  it('refuses an unsigned request when the session requires signing, except CANCEL', () => {
    expect(
      checkRequestSignature({ dialect: 0x0210, signingKey: key, signingRequired: true, message: request(0x0008) }),
    ).toMatchObject({ ok: false, status: NtStatus.STATUS_ACCESS_DENIED });
    expect(
      checkRequestSignature({ dialect: 0x0210, signingKey: key, signingRequired: true, message: request(0x000c) }),
    ).toEqual({ ok: true, signed: false });
    expect(
      checkRequestSignature({ dialect: 0x0210, signingKey: key, signingRequired: false, message: request(0x0008) }),
    ).toEqual({ ok: true, signed: false });
  });

  it('lets a signed request through while the session has no key yet', () => {
    const m = request(0x0001);
    signSmb2Message(0x0311, key, m);
    expect(
      checkRequestSignature({ dialect: 0x0311, signingKey: undefined, signingRequired: true, message: m }),
    ).toEqual({ ok: true, signed: true });
  });

  it('reports a short message as STATUS_INVALID_PARAMETER', () => {
    expect(
      checkRequestSignature({ dialect: 0x0311, signingKey: key, signingRequired: true, message: Buffer.alloc(10) }),
    ).toMatchObject({ ok: false, status: NtStatus.STATUS_INVALID_PARAMETER });
  });
});

describe('shouldSignResponse', () => {
  it('signs when required or when the request was signed, never interim responses or without a key', () => {
    const base = { signingRequired: false, requestWasSigned: false, hasSigningKey: true, dialect: 0x0210 as const };
    expect(shouldSignResponse(base)).toBe(false);
    expect(shouldSignResponse({ ...base, requestWasSigned: true })).toBe(true);
    expect(shouldSignResponse({ ...base, signingRequired: true })).toBe(true);
    expect(shouldSignResponse({ ...base, signingRequired: true, isInterim: true })).toBe(false);
    expect(shouldSignResponse({ ...base, signingRequired: true, hasSigningKey: false })).toBe(false);
  });
  it('always signs the final 3.1.1 SESSION_SETUP response', () => {
    expect(
      shouldSignResponse({
        signingRequired: false,
        requestWasSigned: false,
        hasSigningKey: true,
        dialect: 0x0311,
        isFinalSessionSetup: true,
      }),
    ).toBe(true);
    expect(
      shouldSignResponse({
        signingRequired: false,
        requestWasSigned: false,
        hasSigningKey: true,
        dialect: 0x0210,
        isFinalSessionSetup: true,
      }),
    ).toBe(false);
  });
});
