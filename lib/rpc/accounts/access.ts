/**
 * Who may open the account-lookup and registry interfaces, and with which rights: the read-only
 * rights go to any authenticated caller; rights that change anything ([MS-LSAD] 2.2.1.1.2,
 * [MS-SAMR] 2.2.1, [MS-RRP] 2.2.3 write bits, and the generic/standard write rights) only to an
 * administrator. An anonymous caller (null session, unauthenticated TCP) gets nothing, as Windows
 * answers with RestrictAnonymous set.
 */
import type { AuthenticatedUser } from '../../common/identity';

/** DELETE | WRITE_DAC | WRITE_OWNER | GENERIC_ALL | GENERIC_WRITE ([MS-DTYP] 2.4.3). */
export const STANDARD_WRITE_RIGHTS = 0x00010000 | 0x00040000 | 0x00080000 | 0x10000000 | 0x40000000;
/** MAXIMUM_ALLOWED: what the caller may have. */
export const MAXIMUM_ALLOWED = 0x02000000;

export type AccessVerdict = { readonly granted: number } | { readonly denied: true };

/**
 * The rights granted for `desired`: `readRights` to everyone authenticated, `allRights` to an
 * administrator; a caller asking for more than that is denied.
 */
export function grantAccess(
  caller: AuthenticatedUser | undefined,
  desired: number,
  rights: { readonly readRights: number; readonly writeRights: number },
): AccessVerdict {
  if (caller === undefined || caller.isAnonymous) return { denied: true };
  const allowed = caller.isAdministrator
    ? rights.readRights | rights.writeRights | STANDARD_WRITE_RIGHTS
    : rights.readRights & ~rights.writeRights & ~STANDARD_WRITE_RIGHTS;
  if ((desired & MAXIMUM_ALLOWED) !== 0) return { granted: allowed };
  const writes = desired & (rights.writeRights | STANDARD_WRITE_RIGHTS);
  if ((writes & ~allowed) !== 0) return { denied: true };
  return { granted: desired };
}
