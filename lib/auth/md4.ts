/**
 * MD4 (RFC 1320) for NTOWFv1 — [MS-NLMP] 3.3.1. node:crypto lost MD4 with OpenSSL 3 (it lives in
 * the legacy provider), so the well-kept js-md4 package computes it, through its pure-JS path.
 */
import md4Module from 'js-md4';

export function md4(data: Uint8Array): Buffer {
  return Buffer.from(md4Module.create().update(data).arrayBuffer());
}
