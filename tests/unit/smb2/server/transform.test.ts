import { encodeFrame } from '../../../../lib/smb2/framing';
import { TerminateConnectionError } from '../../../../lib/smb2/server/handlers/handler';
import type { Session } from '../../../../lib/smb2/server/session';
import { MIN_POOLED_SIZE } from '../../../../lib/smb2/server/response-buffer-pool';
import {
  decryptRequest,
  encryptResponse,
  responseEncryption,
  sealsIntoPool,
} from '../../../../lib/smb2/server/transform';
import { Smb2Cipher, decryptMessage, encryptMessage } from '../../../../lib/smb2/signing/encryption';
import { newSession } from './server-fixtures';

const ECHO = Buffer.concat([Buffer.from('fe534d4240', 'hex'), Buffer.alloc(59), Buffer.from('04000000', 'hex')]);

function keyed(id: bigint): Session {
  const s = newSession(id);
  s.state = 'valid';
  s.encryptionKeys = { serverIn: Buffer.alloc(16, 1), serverOut: Buffer.alloc(16, 2) };
  return s;
}

describe('encrypted requests ([MS-SMB2] 3.3.5.2.1.1) and responses (3.3.4.1.4)', () => {
  const session = keyed(0x55n);
  const find = (id: bigint): Session | undefined => (id === 0x55n ? session : undefined);

  it('decrypts a request with the session ServerInKey', () => {
    const sealed = encryptMessage(Smb2Cipher.AES_128_GCM, Buffer.alloc(16, 1), 0x55n, ECHO);
    const got = decryptRequest(Smb2Cipher.AES_128_GCM, find, sealed);
    expect(got.session).toBe(session);
    expect(got.message).toEqual(ECHO);
  });

  it('drops the connection for no cipher, a bad header, an unknown session or a bad tag', () => {
    const sealed = encryptMessage(Smb2Cipher.AES_128_GCM, Buffer.alloc(16, 1), 0x55n, ECHO);
    expect(() => decryptRequest(undefined, find, sealed)).toThrow(TerminateConnectionError);
    expect(() => decryptRequest(Smb2Cipher.AES_128_GCM, find, encodeFrame(ECHO))).toThrow(/TRANSFORM_HEADER/);
    const other = encryptMessage(Smb2Cipher.AES_128_GCM, Buffer.alloc(16, 1), 0x66n, ECHO);
    expect(() => decryptRequest(Smb2Cipher.AES_128_GCM, find, other)).toThrow(/without keys/);
    const forged = Buffer.from(sealed);
    forged[forged.length - 1]! ^= 1;
    expect(() => decryptRequest(Smb2Cipher.AES_128_GCM, find, forged)).toThrow(/does not decrypt/);
    session.state = 'in-progress';
    expect(() => decryptRequest(Smb2Cipher.AES_128_GCM, find, sealed)).toThrow(/without keys/);
    session.state = 'valid';
  });

  it('encrypts the response with the ServerOutKey, only when the session has keys', async () => {
    expect(responseEncryption(undefined, session)).toBeUndefined();
    expect(responseEncryption(Smb2Cipher.AES_128_CCM, newSession(1n))).toBeUndefined();
    const e = responseEncryption(Smb2Cipher.AES_128_CCM, session)!;
    const { header, ciphertext } = await encryptResponse(e, ECHO);
    expect(header.length).toBe(52);
    const sealed = Buffer.concat([header, ciphertext]);
    const opened = decryptMessage(Smb2Cipher.AES_128_CCM, Buffer.alloc(16, 2), sealed);
    expect(opened.message).toEqual(ECHO);
    expect(opened.sessionId).toBe(0x55n);
  });

  it('seals large responses into a pooled buffer, with any cipher, and small ones not', async () => {
    expect(sealsIntoPool(MIN_POOLED_SIZE)).toBe(true);
    expect(sealsIntoPool(MIN_POOLED_SIZE - 1)).toBe(false);
    // A CCM response sealed into shared memory is written there (by a worker).
    const plain = Buffer.from(new SharedArrayBuffer(MIN_POOLED_SIZE));
    plain.fill(7);
    const into = Buffer.from(new SharedArrayBuffer(MIN_POOLED_SIZE + 4096));
    const e = responseEncryption(Smb2Cipher.AES_128_CCM, session)!;
    const { header, ciphertext } = await encryptResponse(e, plain, into);
    expect(ciphertext.buffer).toBe(into.buffer);
    const opened = decryptMessage(Smb2Cipher.AES_128_CCM, Buffer.alloc(16, 2), Buffer.concat([header, ciphertext]));
    expect(opened.message.equals(plain)).toBe(true);
  });
});
