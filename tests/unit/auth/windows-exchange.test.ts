// The NTLM-in-SPNEGO exchange of Microsoft's SMB 3.1.1 key-derivation example, checked with our
// crypto: the AUTHENTICATE MIC and both mechListMICs Windows computed from ExportedSessionKey
// 270E1BA896585EEB7AF3472D3B4C75A7 (which is also the SMB2 Session.SessionKey).
import { AUTHENTICATE_MIC_OFFSET, decodeNtlmAuthenticate } from '../../../lib/auth/ntlmssp-messages';
import { NtlmSigner, computeMic } from '../../../lib/auth/ntlm-crypto';
import { decodeSpnegoToken } from '../../../lib/auth/spnego';
import * as win from '../../helpers/windows-311-exchange';

function spnego(message: Buffer, offset: number) {
  const t = decodeSpnegoToken(win.securityBuffer(message, offset));
  return t;
}

describe('Windows NTLM/SPNEGO exchange (SMB 3.1.1 example)', () => {
  const init = spnego(win.sessionSetupRequest1, win.SESSION_SETUP_REQUEST_BUFFER);
  const challengeResp = spnego(win.sessionSetupResponse1, win.SESSION_SETUP_RESPONSE_BUFFER);
  const authResp = spnego(win.sessionSetupRequest2, win.SESSION_SETUP_REQUEST_BUFFER);
  const finalResp = spnego(win.sessionSetupResponse2, win.SESSION_SETUP_RESPONSE_BUFFER);
  if (init.kind !== 'init' || challengeResp.kind !== 'resp' || authResp.kind !== 'resp' || finalResp.kind !== 'resp')
    throw new Error('unexpected token kinds');
  const negotiate = init.init.mechToken ?? Buffer.alloc(0);
  const challenge = challengeResp.resp.responseToken ?? Buffer.alloc(0);
  const authenticate = authResp.resp.responseToken ?? Buffer.alloc(0);
  const auth = decodeNtlmAuthenticate(authenticate);

  it('the AUTHENTICATE MIC is HMAC_MD5(ExportedSessionKey, NEGOTIATE || CHALLENGE || AUTHENTICATE with MIC zeroed)', () => {
    expect(auth.userName).toBe('administrator');
    expect(auth.mic?.toString('hex')).toBe('ecac77a5f385a8bf9c38c706eeeddcd3');
    const zeroed = Buffer.from(authenticate);
    zeroed.fill(0, AUTHENTICATE_MIC_OFFSET, AUTHENTICATE_MIC_OFFSET + 16);
    expect(computeMic(win.sessionKey, negotiate, challenge, zeroed)).toEqual(auth.mic);
  });

  it("the client's mechListMIC: client-to-server keys, sequence 0, over the MechTypeList DER", () => {
    const signer = new NtlmSigner(auth.flags, win.sessionKey, 'client-to-server');
    expect(signer.sign(init.init.mechTypesDer)).toEqual(authResp.resp.mechListMIC);
  });

  it("the server's mechListMIC: server-to-client keys, sequence 0", () => {
    const signer = new NtlmSigner(auth.flags, win.sessionKey, 'server-to-client');
    expect(signer.sign(init.init.mechTypesDer)).toEqual(finalResp.resp.mechListMIC);
    expect(finalResp.resp.mechListMIC?.toString('hex')).toBe('010000003b453cdc3524164200000000');
  });
});
