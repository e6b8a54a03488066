/**
 * SMB2 LOGOFF — [MS-SMB2] 2.2.7 (request), 2.2.8 (response): StructureSize 4 | Reserved 2.
 */
import type { BufferReader } from '../../common/binary/buffer-reader';
import type { BufferWriter } from '../../common/binary/buffer-writer';
import { decodeEmptyBody, encodeEmptyBody } from './common';

export function decodeLogoffRequest(r: BufferReader): void {
  decodeEmptyBody(r, 'LOGOFF request');
}
export const encodeLogoffRequest = (w: BufferWriter): void => encodeEmptyBody(w);
export const decodeLogoffResponse = (r: BufferReader): void => decodeEmptyBody(r, 'LOGOFF response');
export const encodeLogoffResponse = (w: BufferWriter): void => encodeEmptyBody(w);
