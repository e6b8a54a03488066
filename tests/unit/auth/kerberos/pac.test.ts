// [MS-PAC] on a PAC a Windows Server 2003 KDC issued (tests/fixtures/kerberos/README.md): the
// buffers, KERB_VALIDATION_INFO's SIDs, and both signatures with the published keys.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EncryptionType } from '../../../../lib/auth/kerberos/constants';
import { decodePac, verifyPacKdcSignature, verifyPacServerSignature } from '../../../../lib/auth/kerberos/pac';
import { MalformedPacketError } from '../../../../lib/common/errors';

const DIR = path.resolve(__dirname, '../../../fixtures/kerberos');
const PAC = Buffer.from(readFileSync(path.join(DIR, 'win2003-pac.hex'), 'utf8').replace(/\s+/g, ''), 'hex');
const rc4 = (hex: string): { keytype: number; keyvalue: Buffer } => ({
  keytype: EncryptionType.RC4_HMAC,
  keyvalue: Buffer.from(hex, 'hex'),
});
const serviceKey = rc4('D217FAEAE5E6B5F95CCC94077AB8A5FC');
const krbtgtKey = rc4('B286757148AF7FD252C53603A150B7E7');

describe('PAC of a Windows Server 2003 KDC', () => {
  const pac = decodePac(PAC);

  it('lists its four buffers: logon info, client info, server and KDC signatures', () => {
    expect(pac.buffers.map((b) => [b.type, b.offset, b.data.length])).toEqual([
      [1, 0x48, 0x1d8],
      [10, 0x220, 0x20],
      [6, 0x240, 0x14],
      [7, 0x258, 0x14],
    ]);
  });

  it("reads the user's SID, names and groups from KERB_VALIDATION_INFO", () => {
    expect(pac.logonInfo).toEqual({
      effectiveName: 'W2003FINAL$',
      logonDomainName: 'WIN2K3THINK',
      userSid: 'S-1-5-21-3048156945-3961193616-3706469200-1005',
      // Domain Controllers (RID 516), then ExtraSids: Enterprise Domain Controllers.
      groupSids: ['S-1-5-21-3048156945-3961193616-3706469200-516', 'S-1-5-9'],
    });
  });

  it('verifies the server signature with the service key and the KDC signature with the krbtgt key', () => {
    expect(pac.serverSignature?.type).toBe(-138);
    expect(verifyPacServerSignature(pac, serviceKey)).toBe(true);
    expect(verifyPacKdcSignature(pac, krbtgtKey)).toBe(true);
    expect(verifyPacServerSignature(pac, krbtgtKey)).toBe(false);
  });

  it('notices a changed byte anywhere the server signature covers', () => {
    for (const at of [0x50, 0x150, 0x230]) {
      const changed = Buffer.from(PAC);
      changed[at] = changed[at]! ^ 1;
      let verified = false;
      try {
        verified = verifyPacServerSignature(decodePac(changed), serviceKey);
      } catch (e) {
        expect(e).toBeInstanceOf(MalformedPacketError);
      }
      expect(verified).toBe(false);
    }
  });

  it('throws only MalformedPacketError for truncations', () => {
    for (let cut = 0; cut < PAC.length - 4; cut += 13) {
      expect(() => decodePac(PAC.subarray(0, cut))).toThrow(MalformedPacketError);
    }
  });
});
