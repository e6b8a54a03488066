// RFC 4493 section 4 test vectors (AES-128).
import { createCipheriv } from 'node:crypto';
import { aesCmac, cmacSubkeys } from '../../../../lib/smb2/signing/aes-cmac';

const key = Buffer.from('2b7e151628aed2a6abf7158809cf4f3c', 'hex');
const m64 = Buffer.from(
  '6bc1bee22e409f96e93d7e117393172a' +
    'ae2d8a571e03ac9c9eb76fac45af8e51' +
    '30c81c46a35ce411e5fbc1191a0a52ef' +
    'f69f2445df4f9b17ad2b417be66c3710',
  'hex',
);

describe('AES-CMAC (RFC 4493)', () => {
  it('derives the subkeys K1 and K2', () => {
    const { k1, k2 } = cmacSubkeys(key);
    expect(k1.toString('hex')).toBe('fbeed618357133667c85e08f7236a8de');
    expect(k2.toString('hex')).toBe('f7ddac306ae266ccf90bc11ee46d513b');
  });

  it.each([
    ['example 1: empty message', 0, 'bb1d6929e95937287fa37d129b756746'],
    ['example 2: one complete block', 16, '070a16b46b4d4144f79bdd9dd04a287c'],
    ['example 3: 40 bytes (padded last block)', 40, 'dfa66747de9ae63030ca32611497c827'],
    ['example 4: four complete blocks', 64, '51f0bebf7e3b9d92fc49741779363cfe'],
  ])('%s', (_name, length, mac) => {
    expect(aesCmac(key, m64.subarray(0, length)).toString('hex')).toBe(mac);
  });

  it('MACs a message longer than its CBC slices as one CBC pass would (RFC 4493 2.4, written out here)', () => {
    // 200,003 bytes: several 64 KiB slices and an incomplete last block.
    const message = Buffer.alloc(200_003);
    for (let i = 0; i < message.length; i++) message[i] = (i * 31 + 7) & 0xff;
    const { k1, k2 } = cmacSubkeys(key);
    const lastStart = Math.floor(message.length / 16) * 16;
    const last = Buffer.alloc(16);
    message.copy(last, 0, lastStart);
    last[message.length - lastStart] = 0x80;
    for (let i = 0; i < 16; i++) last[i] = (last[i] as number) ^ (k2[i] as number);
    const cbc = createCipheriv('aes-128-cbc', key, Buffer.alloc(16)).setAutoPadding(false);
    const all = Buffer.concat([cbc.update(message.subarray(0, lastStart)), cbc.update(last)]);
    expect(k1.length).toBe(16);
    expect(aesCmac(key, message)).toEqual(all.subarray(all.length - 16));
    // The second call takes the subkeys remembered for this key.
    expect(aesCmac(key, message)).toEqual(all.subarray(all.length - 16));
  });

  it('refuses a key that is not AES-128 or AES-256', () => {
    expect(() => aesCmac(Buffer.alloc(15), Buffer.alloc(0))).toThrow(RangeError);
  });
});
