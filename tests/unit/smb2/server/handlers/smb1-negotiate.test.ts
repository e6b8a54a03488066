import { BufferWriter } from '../../../../../lib/common/binary/buffer-writer';
import { TerminateConnectionError } from '../../../../../lib/smb2/server/handlers/handler';
import {
  decodeSmb1Dialects,
  encodeSmb1UpgradeResponse,
  upgradeSmb1Negotiate,
} from '../../../../../lib/smb2/server/handlers/smb1-negotiate';
import { hex } from '../../fixtures';
import { serverContext } from '../server-fixtures';

/** An SMB1 NEGOTIATE as smbclient -m SMB2 opens with, written field by field ([MS-CIFS] 2.2.4.52.1). */
function smb1Negotiate(dialects: readonly string[]): Buffer {
  const strings = Buffer.concat(dialects.map((d) => Buffer.from(`\x02${d}\0`, 'latin1')));
  const head = hex(`
    ff534d42 72           # Protocol 0xFF 'SMB', Command NEGOTIATE
    00000000 18 53c8      # Status, Flags, Flags2
    0000 0000000000000000 0000 0000 0000 0000 0000   # PIDHigh, SecurityFeatures, Reserved, TID, PIDLow, UID, MID
    00                    # WordCount 0
  `);
  const count = Buffer.alloc(2);
  count.writeUInt16LE(strings.length);
  return Buffer.concat([head, count, strings]);
}

describe('the SMB2 answer to an SMB1 NEGOTIATE ([MS-SMB2] 3.3.5.3.1)', () => {
  const server = serverContext();

  it('answers "SMB 2.???" with the 0x02FF wildcard and waits for an SMB2 NEGOTIATE', () => {
    const dialects = decodeSmb1Dialects(smb1Negotiate(['NT LM 0.12', 'SMB 2.002', 'SMB 2.???']));
    expect(dialects).toEqual(['NT LM 0.12', 'SMB 2.002', 'SMB 2.???']);
    const up = upgradeSmb1Negotiate(dialects, server);
    expect(up.response.dialectRevision).toBe(0x02ff);
    expect(up.negotiated).toBeUndefined();
  });

  it('negotiates 2.0.2 at once for a client that offers only "SMB 2.002"', () => {
    const up = upgradeSmb1Negotiate(['NT LM 0.12', 'SMB 2.002'], server);
    expect(up.response.dialectRevision).toBe(0x0202);
    expect(up.response.maxReadSize).toBe(65536);
    expect(up.negotiated).toMatchObject({ dialect: 0x0202, clientDialects: [0x0202], preauth: undefined });
  });

  it('drops an SMB1-only client and a malformed request', () => {
    expect(() => upgradeSmb1Negotiate(['NT LM 0.12'], server)).toThrow(TerminateConnectionError);
    expect(() => decodeSmb1Dialects(Buffer.from('ff534d4273', 'hex'))).toThrow(/bad SMB1 NEGOTIATE/);
  });

  it('answers with an SMB2 header: NEGOTIATE, the credits granted, MessageId 0, no session', () => {
    const w = new BufferWriter(256);
    encodeSmb1UpgradeResponse(w, 1, upgradeSmb1Negotiate(['SMB 2.???'], server).response);
    const message = w.finish();
    expect(message.subarray(0, 64)).toEqual(
      hex(`
        fe534d42 4000 0000 00000000   # ProtocolId, StructureSize 64, CreditCharge 0, Status 0
        0000 0100 01000000 00000000   # NEGOTIATE, 1 credit, SERVER_TO_REDIR, NextCommand 0
        0000000000000000              # MessageId 0
        00000000 00000000             # Reserved, TreeId 0
        0000000000000000              # SessionId 0
        00000000000000000000000000000000  # Signature
      `),
    );
    expect(message.readUInt16LE(64 + 4)).toBe(0x02ff);
  });
});
