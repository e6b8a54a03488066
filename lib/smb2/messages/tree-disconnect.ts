/**
 * SMB2 TREE_DISCONNECT — [MS-SMB2] 2.2.11 (request), 2.2.12 (response): StructureSize 4 | Reserved 2.
 */
import type { BufferReader } from '../../common/binary/buffer-reader';
import type { BufferWriter } from '../../common/binary/buffer-writer';
import { decodeEmptyBody, encodeEmptyBody } from './common';

export const decodeTreeDisconnectRequest = (r: BufferReader): void => decodeEmptyBody(r, 'TREE_DISCONNECT request');
export const encodeTreeDisconnectRequest = (w: BufferWriter): void => encodeEmptyBody(w);
export const decodeTreeDisconnectResponse = (r: BufferReader): void => decodeEmptyBody(r, 'TREE_DISCONNECT response');
export const encodeTreeDisconnectResponse = (w: BufferWriter): void => encodeEmptyBody(w);
