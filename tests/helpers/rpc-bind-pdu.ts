/**
 * A DCE/RPC bind PDU for MS-RPRN, written out byte by byte ([C706] 12.6.3.1, 12.6.4.3), so the
 * pipe tests do not depend on lib/rpc.
 */
export const RPC_PTYPE_BIND = 11;
export const RPC_PTYPE_BIND_ACK = 12;

export function rprnBindPdu(callId = 1): Buffer {
  const hex = [
    '05 00', // rpc_vers 5, rpc_vers_minor 0
    '0b', // PTYPE bind (11)
    '03', // pfc_flags PFC_FIRST_FRAG | PFC_LAST_FRAG
    '10 00 00 00', // drep: little-endian, ASCII, IEEE
    '48 00', // frag_length 72
    '00 00', // auth_length 0
    'CC CC CC CC', // call_id (patched below)
    'b8 10', // max_xmit_frag 4280
    'b8 10', // max_recv_frag 4280
    '00 00 00 00', // assoc_group_id
    '01 00 00 00', // n_context_elem 1, reserved, reserved2
    '00 00 01 00', // p_cont_id 0, n_transfer_syn 1, reserved
    '78 56 34 12 34 12 cd ab ef 00 01 23 45 67 89 ab', // MS-RPRN 12345678-1234-abcd-ef00-0123456789ab
    '01 00 00 00', // version 1.0
    '04 5d 88 8a eb 1c c9 11 9f e8 08 00 2b 10 48 60', // NDR 8a885d04-1ceb-11c9-9fe8-08002b104860
    '02 00 00 00', // version 2
  ].join(' ');
  const pdu = Buffer.from(hex.replace(/\s+/g, ''), 'hex');
  pdu.writeUInt32LE(callId, 12);
  if (pdu.length !== 72) throw new Error(`bind PDU is ${pdu.length} bytes`);
  return pdu;
}
