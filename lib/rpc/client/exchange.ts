/**
 * Sending one PDU and collecting the reply PDUs until the last one — over any RpcPipeTransport
 * (an SMB2 pipe, an in-process pipe, a TCP connection). A message larger than the read size
 * arrives in pieces (STATUS_BUFFER_OVERFLOW over SMB2, segments over TCP); the framer puts PDUs
 * back together whatever the cut.
 */
import { MalformedPacketError } from '../../common/errors';
import { PacketType, PfcFlags } from '../constants';
import { PduFramer } from '../pdu/pdu-framer';

/** What the client needs of a connection to the server. */
export interface RpcPipeTransport {
  /** Writes `data` and returns the first reply data (at most `maxOutput` bytes of a pipe message). */
  transceive(data: Buffer, maxOutput?: number): Promise<Buffer>;
  write(data: Buffer): Promise<void>;
  /** Up to `max` bytes of the pending reply (the rest of a message, or the next one); empty once the peer is gone. */
  read(max: number): Promise<Buffer>;
  close(): Promise<void>;
}

/** The reply is complete once a fault or a PDU with PFC_LAST_FRAG arrived. */
export function isLastFragment(pdu: Buffer): boolean {
  return pdu[2] !== PacketType.RESPONSE || ((pdu[3] ?? 0) & PfcFlags.PFC_LAST_FRAG) !== 0;
}

export async function exchange(
  transport: RpcPipeTransport,
  pdu: Buffer,
  readSize: number,
  maxFrag: number,
  done: (pdu: Buffer) => boolean,
): Promise<Buffer[]> {
  const framer = new PduFramer();
  const out: Buffer[] = [];
  let data = await transport.transceive(pdu, readSize);
  for (;;) {
    for (const reply of framer.push(data, maxFrag)) {
      out.push(Buffer.from(reply));
      if (done(reply)) {
        if (framer.buffered > 0)
          throw new MalformedPacketError(`${framer.buffered} bytes after the last fragment`, { field: 'frag_length' });
        return out;
      }
    }
    data = await transport.read(readSize);
    if (data.length === 0) {
      throw new MalformedPacketError('the server sent no more data but the reply is incomplete', {
        field: 'pfc_flags',
      });
    }
  }
}
