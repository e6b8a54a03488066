import { createHmac } from 'node:crypto';
import { deriveSigningKey } from '../../../../lib/smb2/signing/keys';
import {
  SMB2_FLAGS_SIGNED,
  SigningAlgorithm,
  isSmb2MessageSigned,
  signSmb2Message,
  verifySmb2Message,
} from '../../../../lib/smb2/signing/sign';
import * as win from '../../../helpers/windows-311-exchange';

/** A dumb SMB2 message: header with the given flags and MessageId, then `body`. */
function message(flags: number, messageId: bigint, body: Buffer): Buffer {
  const h = Buffer.alloc(64);
  h.write('fe534d42', 0, 'hex');
  h.writeUInt16LE(64, 4);
  h.writeUInt16LE(0x0008, 12); // READ
  h.writeUInt32LE(flags, 16);
  h.writeBigUInt64LE(messageId, 24);
  h.writeBigUInt64LE(0x1122334455667788n, 40);
  return Buffer.concat([h, body]);
}

describe('SMB2 signing', () => {
  it('verifies the signed SESSION_SETUP response Windows sent (3.1.1, AES-CMAC)', () => {
    const key = deriveSigningKey(0x0311, win.sessionKey, win.sessionPreauthHash);
    const before = Buffer.from(win.sessionSetupResponse2);
    expect(verifySmb2Message(0x0311, key, win.sessionSetupResponse2)).toBe(true);
    // The signature is zeroed in place for the MAC and put back.
    expect(win.sessionSetupResponse2).toEqual(before);
  });

  it('re-signs that response to the same signature, in place', () => {
    const copy = Buffer.from(win.sessionSetupResponse2);
    copy.fill(0xee, 48, 64);
    signSmb2Message(0x0311, win.signingKey, copy);
    expect(copy.subarray(48, 64)).toEqual(win.sessionSetupResponse2Signature);
    expect(copy).toEqual(win.sessionSetupResponse2);
  });

  it('rejects a tampered message or a wrong key, without touching the buffer', () => {
    const tampered = Buffer.from(win.sessionSetupResponse2);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 1) ^ 1, tampered.length - 1);
    const before = Buffer.from(tampered);
    expect(verifySmb2Message(0x0311, win.signingKey, tampered)).toBe(false);
    expect(tampered).toEqual(before);
    expect(verifySmb2Message(0x0311, win.sessionKey, win.sessionSetupResponse2)).toBe(false);
  });

  it('signs 2.x messages with HMAC-SHA256 truncated to 16 bytes and sets SMB2_FLAGS_SIGNED', () => {
    const key = Buffer.alloc(16, 0x42);
    const msg = message(0, 7n, Buffer.from('0300000000000000', 'hex'));
    signSmb2Message(0x0210, key, msg);
    expect(msg.readUInt32LE(16) & SMB2_FLAGS_SIGNED).toBe(SMB2_FLAGS_SIGNED);
    const expected = message(SMB2_FLAGS_SIGNED, 7n, Buffer.from('0300000000000000', 'hex'));
    const mac = createHmac('sha256', key).update(expected).digest().subarray(0, 16);
    expect(msg.subarray(48, 64)).toEqual(mac);
    expect(verifySmb2Message(0x0202, key, msg)).toBe(true);
    expect(isSmb2MessageSigned(msg)).toBe(true);
  });

  it('round-trips AES-GMAC and binds the direction bit into the nonce', () => {
    const key = Buffer.alloc(16, 0x24);
    const request = message(0, 9n, Buffer.alloc(8, 3));
    signSmb2Message(0x0311, key, request, SigningAlgorithm.AES_GMAC);
    expect(verifySmb2Message(0x0311, key, request, SigningAlgorithm.AES_GMAC)).toBe(true);
    expect(verifySmb2Message(0x0311, key, request)).toBe(false); // CMAC is not GMAC
    const response = message(1, 9n, Buffer.alloc(8, 3));
    signSmb2Message(0x0311, key, response, SigningAlgorithm.AES_GMAC);
    expect(response.subarray(48, 64)).not.toEqual(request.subarray(48, 64));
  });

  it('refuses to sign a short message and reports a short one as unverified', () => {
    expect(() => signSmb2Message(0x0311, win.signingKey, Buffer.alloc(63))).toThrow(RangeError);
    expect(verifySmb2Message(0x0311, win.signingKey, Buffer.alloc(63))).toBe(false);
  });
});
