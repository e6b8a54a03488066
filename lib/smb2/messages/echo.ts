/**
 * SMB2 ECHO — [MS-SMB2] 2.2.28 (request), 2.2.29 (response): StructureSize 4 | Reserved 2.
 */
import type { BufferReader } from '../../common/binary/buffer-reader';
import type { BufferWriter } from '../../common/binary/buffer-writer';
import { decodeEmptyBody, encodeEmptyBody } from './common';

export const decodeEchoRequest = (r: BufferReader): void => decodeEmptyBody(r, 'ECHO request');
export const encodeEchoRequest = (w: BufferWriter): void => encodeEmptyBody(w);
export const decodeEchoResponse = (r: BufferReader): void => decodeEmptyBody(r, 'ECHO response');
export const encodeEchoResponse = (w: BufferWriter): void => encodeEmptyBody(w);
