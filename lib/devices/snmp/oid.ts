/**
 * OBJECT IDENTIFIERs as arrays of sub-identifiers, with the lexicographic order that GETNEXT
 * and GETBULK walk in (RFC 3416 4.2.2: "the lexicographic successor"). Sub-identifiers are
 * unsigned 32-bit and an OID has at most 128 of them (RFC 2578 3.5).
 */
import { EncodingError } from '../../common/errors';

export type Oid = readonly number[];

export const MAX_OID_LENGTH = 128;
export const MAX_SUBIDENTIFIER = 0xffffffff;

/** "1.3.6.1.2.1.1.1.0" (a leading dot is accepted, as net-snmp prints numeric OIDs) → [1, 3, ...]. */
export function parseOid(text: string): Oid {
  const body = text.startsWith('.') ? text.slice(1) : text;
  const parts = body.split('.');
  if (body === '' || parts.length < 2 || parts.length > MAX_OID_LENGTH) {
    throw new EncodingError(`not an OID: "${text}"`);
  }
  return parts.map((p) => {
    if (!/^\d{1,10}$/.test(p) || Number(p) > MAX_SUBIDENTIFIER) throw new EncodingError(`not an OID: "${text}"`);
    return Number(p);
  });
}

export function formatOid(oid: Oid): string {
  return oid.join('.');
}

/** <0, 0, >0 as `a` sorts before, equal to, or after `b`; a prefix sorts before its extensions. */
export function compareOids(a: Oid, b: Oid): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export function oidStartsWith(oid: Oid, prefix: Oid): boolean {
  if (prefix.length > oid.length) return false;
  for (let i = 0; i < prefix.length; i++) if (oid[i] !== prefix[i]) return false;
  return true;
}

export function oidEquals(a: Oid, b: Oid): boolean {
  return a.length === b.length && oidStartsWith(a, b);
}

/** `base` followed by `more` sub-identifiers (a column and its row index, a scalar and .0). */
export function oidChild(base: Oid, ...more: number[]): Oid {
  return [...base, ...more];
}
