/**
 * FSCTL_VALIDATE_NEGOTIATE_INFO payloads — [MS-SMB2] 2.2.31.4 (request), 2.2.32.6 (response).
 *
 * Request:  Capabilities 4 | Guid 16 | SecurityMode 2 | DialectCount 2 | Dialects 2*n
 * Response: Capabilities 4 | Guid 16 | SecurityMode 2 | Dialect 2
 */
import type { BufferReader } from '../../common/binary/buffer-reader';
import type { BufferWriter } from '../../common/binary/buffer-writer';

export interface ValidateNegotiateInfoRequest {
  readonly capabilities: number;
  readonly guid: Buffer;
  readonly securityMode: number;
  readonly dialects: readonly number[];
}

export interface ValidateNegotiateInfoResponse {
  readonly capabilities: number;
  readonly guid: Buffer;
  readonly securityMode: number;
  readonly dialect: number;
}

export function decodeValidateNegotiateInfoRequest(r: BufferReader): ValidateNegotiateInfoRequest {
  const capabilities = r.u32('Capabilities');
  const guid = r.bytes(16, 'Guid');
  const securityMode = r.u16('SecurityMode');
  const count = r.u16('DialectCount');
  const dialects: number[] = [];
  for (let i = 0; i < count; i++) dialects.push(r.u16('Dialects'));
  return { capabilities, guid, securityMode, dialects };
}

export function encodeValidateNegotiateInfoRequest(w: BufferWriter, m: ValidateNegotiateInfoRequest): void {
  w.u32(m.capabilities).bytes(m.guid).u16(m.securityMode).u16(m.dialects.length);
  for (const d of m.dialects) w.u16(d);
}

export function decodeValidateNegotiateInfoResponse(r: BufferReader): ValidateNegotiateInfoResponse {
  return {
    capabilities: r.u32('Capabilities'),
    guid: r.bytes(16, 'Guid'),
    securityMode: r.u16('SecurityMode'),
    dialect: r.u16('Dialect'),
  };
}

export function encodeValidateNegotiateInfoResponse(w: BufferWriter, m: ValidateNegotiateInfoResponse): void {
  w.u32(m.capabilities).bytes(m.guid).u16(m.securityMode).u16(m.dialect);
}
