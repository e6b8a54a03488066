/**
 * Byte fixtures for the SMB2 codec tests, annotated field by field.
 */
import { hex } from '../../helpers/hex';

export { hex };

/**
 * The first frame Samba smbclient 4.17.12-Debian sent (`smbclient -m SMB3_11 -p 4466 //127.0.0.1/x -N`),
 * captured on this machine with a TCP listener that printed the bytes.
 */
export const SMBCLIENT_NEGOTIATE_FRAME = hex(`
  000000e2                                  # Direct TCP: zero byte + 24-bit length 226
  fe534d42 4000 0000 00000000 0000 1f00     # ProtocolId, StructureSize 64, CreditCharge 0, Status, NEGOTIATE, CreditRequest 31
  00000000 00000000 0000000000000000        # Flags, NextCommand, MessageId 0
  00000000 00000000 0000000000000000        # Reserved, TreeId, SessionId
  00000000000000000000000000000000          # Signature
  2400 0500 0100 0000 7f000000              # StructureSize 36, DialectCount 5, SecurityMode SIGNING_ENABLED, Reserved, Capabilities 0x7f
  b658fcd4ffbc0845adb60ac0d8e051c3          # ClientGuid
  70000000 0400 0000                        # NegotiateContextOffset 0x70, NegotiateContextCount 4, Reserved2
  0202 1002 0003 0203 1103 0000             # Dialects 2.0.2 2.1 3.0 3.0.2 3.1.1, padding to 8
  0100 2600 00000000                        # PREAUTH_INTEGRITY_CAPABILITIES, DataLength 38
  0100 2000 0100                            #   HashAlgorithmCount 1, SaltLength 32, SHA-512
  7ab851457c571aabd6c4c9cdea9b61117669181c1148487b6051380070bc869b  # Salt
  0000                                      # padding
  0200 0a00 00000000                        # ENCRYPTION_CAPABILITIES, DataLength 10
  0400 0200 0100 0400 0300                  #   CipherCount 4: AES-128-GCM, AES-128-CCM, AES-256-GCM, AES-256-CCM
  000000000000                              # padding
  0800 0800 00000000                        # SIGNING_CAPABILITIES, DataLength 8
  0300 0200 0100 0000                       #   SigningAlgorithmCount 3: AES-GMAC, AES-CMAC, HMAC-SHA256
  0500 1200 00000000                        # NETNAME_NEGOTIATE_CONTEXT_ID, DataLength 18
  3100320037002e0030002e0030002e003100      #   "127.0.0.1" UTF-16LE
`);
