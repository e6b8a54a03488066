/**
 * SMB2 CANCEL — [MS-SMB2] 2.2.30: StructureSize 4 | Reserved 2. No response is ever sent.
 */
import type { BufferReader } from '../../common/binary/buffer-reader';
import type { BufferWriter } from '../../common/binary/buffer-writer';
import { decodeEmptyBody, encodeEmptyBody } from './common';

export const decodeCancelRequest = (r: BufferReader): void => decodeEmptyBody(r, 'CANCEL request');
export const encodeCancelRequest = (w: BufferWriter): void => encodeEmptyBody(w);
