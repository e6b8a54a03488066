/**
 * The largest READ, WRITE and IOCTL/QUERY buffer a session's requests may carry: what the server
 * announced in its NEGOTIATE response ([MS-SMB2] 2.2.4), capped by the client's credits.
 */
export interface Smb2IoLimits {
  readonly maxReadSize: number;
  readonly maxTransactSize: number;
  readonly maxWriteSize: number;
}
