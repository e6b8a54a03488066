/**
 * GUIDs in their mixed-endian wire form — [MS-DTYP] 2.3.4.2: Data1 (u32 LE), Data2 (u16 LE),
 * Data3 (u16 LE), Data4 (8 bytes as is). Text form: 8-4-4-4-12 lower-case hex.
 */
import { MalformedPacketError } from '../errors';

const GUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function guidToBuffer(text: string): Buffer {
  if (!GUID_TEXT.test(text)) throw new MalformedPacketError(`not a GUID: "${text}"`, { field: 'guid' });
  const hex = text.replace(/-/g, '');
  const out = Buffer.from(hex, 'hex');
  // Data1..Data3 are little-endian on the wire.
  out.subarray(0, 4).reverse();
  out.subarray(4, 6).reverse();
  out.subarray(6, 8).reverse();
  return out;
}

export function guidFromBuffer(b: Buffer): string {
  if (b.length !== 16) throw new MalformedPacketError(`GUID needs 16 bytes, got ${b.length}`, { field: 'guid' });
  const c = Buffer.from(b);
  c.subarray(0, 4).reverse();
  c.subarray(4, 6).reverse();
  c.subarray(6, 8).reverse();
  const h = c.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
