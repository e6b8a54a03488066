// Types for js-md4 0.3 (the package ships none). Only the pure-JS entry points we use are
// declared: the default `md4(message)` hex function defers to node:crypto's MD4, which
// OpenSSL 3 no longer provides without the legacy provider.
declare module 'js-md4' {
  interface Md4Hasher {
    update(message: string | ArrayBuffer | Uint8Array | readonly number[]): Md4Hasher;
    arrayBuffer(): ArrayBuffer;
  }
  interface Md4 {
    create(): Md4Hasher;
    arrayBuffer(message: string | ArrayBuffer | Uint8Array | readonly number[]): ArrayBuffer;
  }
  const md4: Md4;
  export = md4;
}
