/**
 * The SMB1 multi-protocol NEGOTIATE a client may open with — [MS-SMB2] 3.3.5.3.1, [MS-CIFS] 2.2.4.52.1.
 * Only what an SMB2 server needs to pick the SMB2 answer: the dialect strings.
 *
 * SMB1 header (32 bytes): Protocol 4 (0xFF 'SMB') | Command 1 (0x72) | Status 4 | Flags 1 | Flags2 2
 *   | PIDHigh 2 | SecurityFeatures 8 | Reserved 2 | TID 2 | PIDLow 2 | UID 2 | MID 2
 * Parameters: WordCount 1 (0) | Data: ByteCount 2 | Dialects: (BufferFormat 0x02, OEM string NUL)*
 */
import type { BufferReader } from '../../common/binary/buffer-reader';
import type { BufferWriter } from '../../common/binary/buffer-writer';
import { MalformedPacketError } from '../../common/errors';
import { SMB1_PROTOCOL_ID } from '../constants';

export const SMB_COM_NEGOTIATE = 0x72;
export const SMB1_DIALECT_SMB2_002 = 'SMB 2.002';
export const SMB1_DIALECT_SMB2_WILDCARD = 'SMB 2.???';

export interface Smb1NegotiateRequest {
  readonly dialects: readonly string[];
}

export function decodeSmb1NegotiateRequest(r: BufferReader): Smb1NegotiateRequest {
  const protocol = r.u32('Protocol');
  if (protocol !== SMB1_PROTOCOL_ID) throw new MalformedPacketError('not an SMB1 header', { field: 'Protocol' });
  const command = r.u8('Command');
  if (command !== SMB_COM_NEGOTIATE) {
    throw new MalformedPacketError(`SMB1 command 0x${command.toString(16)} is not NEGOTIATE`, { field: 'Command' });
  }
  r.skip(27, 'SMB1 header');
  const wordCount = r.u8('WordCount');
  r.skip(wordCount * 2, 'Words');
  const byteCount = r.u16('ByteCount');
  const data = r.sub(byteCount, 'Bytes');
  const dialects: string[] = [];
  while (data.remaining > 0) {
    const format = data.u8('BufferFormat');
    if (format !== 0x02)
      throw new MalformedPacketError(`dialect BufferFormat 0x${format.toString(16)}`, { field: 'BufferFormat' });
    const start = data.offset;
    let end = start;
    while (data.u8('DialectString') !== 0) end++;
    dialects.push(data.buf.toString('latin1', start, end));
  }
  return { dialects };
}

export function encodeSmb1NegotiateRequest(w: BufferWriter, m: Smb1NegotiateRequest): void {
  w.u32(SMB1_PROTOCOL_ID).u8(SMB_COM_NEGOTIATE).u32(0).u8(0x18).u16(0xc853).zeros(20).u8(0);
  const body = Buffer.concat(
    m.dialects.map((d) => Buffer.concat([Buffer.from([0x02]), Buffer.from(d, 'latin1'), Buffer.from([0])])),
  );
  w.u16(body.length).bytes(body);
}
