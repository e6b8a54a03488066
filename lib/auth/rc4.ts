/**
 * RC4 — the stream cipher NTLM uses for key exchange (RC4K, [MS-NLMP] 3.4.5.1/6) and for the
 * checksum of an NTLMSSP signature (3.4.4.2). node:crypto only has it in OpenSSL 3's legacy
 * provider, which a library cannot load at run time; RC4 is a few lines, so it lives here.
 *
 * A handle keeps its state: NTLM encrypts successive checksums with one handle per direction.
 */
export class Rc4 {
  private readonly s = new Uint8Array(256);
  private i = 0;
  private j = 0;

  constructor(key: Uint8Array) {
    if (key.length === 0 || key.length > 256) throw new RangeError(`RC4 key of ${key.length} bytes`);
    const s = this.s;
    for (let k = 0; k < 256; k++) s[k] = k;
    let j = 0;
    for (let k = 0; k < 256; k++) {
      const sk = s[k] as number;
      j = (j + sk + (key[k % key.length] as number)) & 0xff;
      s[k] = s[j] as number;
      s[j] = sk;
    }
  }

  /** XORs `data` with the next bytes of the key stream; returns a new buffer. */
  update(data: Uint8Array): Buffer {
    const s = this.s;
    const out = Buffer.alloc(data.length);
    let { i, j } = this;
    for (let n = 0; n < data.length; n++) {
      i = (i + 1) & 0xff;
      const si = s[i] as number;
      j = (j + si) & 0xff;
      const sj = s[j] as number;
      s[i] = sj;
      s[j] = si;
      out[n] = (data[n] as number) ^ (s[(si + sj) & 0xff] as number);
    }
    this.i = i;
    this.j = j;
    return out;
  }
}

/** RC4K(key, data): a fresh handle used once ([MS-NLMP] 6, "RC4K"). */
export function rc4k(key: Uint8Array, data: Uint8Array): Buffer {
  return new Rc4(key).update(data);
}
