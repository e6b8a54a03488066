/**
 * Self-relative SECURITY_DESCRIPTOR for QUERY_INFO SMB2_0_INFO_SECURITY ([MS-SMB2] 2.2.38,
 * [MS-DTYP] 2.4.6). The codec is shared with the spooler and lives in lib/common.
 */
export {
  ACCESS_ALLOWED_ACE_TYPE,
  ACL_REVISION,
  SE_DACL_PRESENT,
  SE_SELF_RELATIVE,
  WellKnownSid,
  encodeSecurityDescriptor,
  encodeSid,
  type Ace,
  type SecurityDescriptor,
} from '../../common/security-descriptor';
