/**
 * Checks a message codec against annotated bytes: the bytes decode to the value, the value encodes
 * to the bytes, and what is encoded decodes back. `exact: false` is for bytes our writer does not
 * reproduce though they mean the same (impacket's random referent ids and padding filler).
 */
import type { NdrMessage } from '../../../../../lib/rpc/ndr/ndr-message';
import {
  decodeRequestStub,
  decodeResponseStub,
  encodeRequestStub,
  encodeResponseStub,
} from '../../../../../lib/rpc/ndr/ndr-message';

export interface FixtureOptions {
  readonly exact?: boolean;
}

export function expectRequest<Req>(
  message: NdrMessage<Req, unknown>,
  bytes: Buffer,
  value: Req,
  { exact = true }: FixtureOptions = {},
): void {
  expect(decodeRequestStub(message, bytes)).toEqual(value);
  const encoded = encodeRequestStub(message, value);
  if (exact) expect(encoded.toString('hex')).toBe(bytes.toString('hex'));
  expect(decodeRequestStub(message, encoded)).toEqual(value);
}

export function expectResponse<Res>(
  message: NdrMessage<unknown, Res>,
  bytes: Buffer,
  value: Res,
  { exact = true }: FixtureOptions = {},
): void {
  expect(decodeResponseStub(message, bytes)).toEqual(value);
  const encoded = encodeResponseStub(message, value);
  if (exact) expect(encoded.toString('hex')).toBe(bytes.toString('hex'));
  expect(decodeResponseStub(message, encoded)).toEqual(value);
}
