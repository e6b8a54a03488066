/**
 * The rights a caller holds under a security descriptor, evaluated on the descriptor itself
 * ([MS-DTYP] 2.5.3.2 Access Check Algorithm, the MAXIMUM_ALLOWED walk): the DACL's ACEs in
 * order, a denied bit stays denied for the later ACEs, an allowed bit stays allowed.
 *
 *   printer, server: the ACEs without INHERIT_ONLY_ACE
 *   job:             the ACEs a job inherits from its printer (OBJECT_INHERIT_ACE), CREATOR OWNER
 *                    standing for the job's owner, as Windows builds a new job's descriptor
 *                    ([MS-DTYP] 2.5.3.4.1 inheritance, CREATOR OWNER replaced by the creator)
 * GENERIC_* bits in an ACE are mapped with the object's generic mapping when evaluated (they are
 * kept in the stored bytes as the client set them). A descriptor without a DACL grants all.
 */
import {
  ACCESS_ALLOWED_ACE_TYPE,
  ACCESS_DENIED_ACE_TYPE,
  AceFlag,
  type SecurityDescriptor,
} from '../../common/security-descriptor';
import { AccessMask } from '../../spoolss/constants';
import type { CallerContext } from '../../spoolss/types';
import { mapGenericAccess, trusteeMatches, type SecuredObjectKind } from './printer-security';
import type { SidResolver } from './printer-security-descriptor';

/** NT AUTHORITY\Authenticated Users ([MS-DTYP] 2.4.2.4): every caller here has logged on. */
const AUTHENTICATED_USERS = 'S-1-5-11';

const ALL_RIGHTS: Readonly<Record<SecuredObjectKind, number>> = {
  server: AccessMask.SERVER_ALL_ACCESS,
  printer: AccessMask.PRINTER_ALL_ACCESS | AccessMask.PRINTER_ACCESS_MANAGE_LIMITED,
  job: AccessMask.JOB_ALL_ACCESS,
};

/**
 * Whether an ACE's SID names the caller (a SID this server does not know names nobody; CREATOR
 * OWNER names the owner of a job, and nobody on a printer or the server).
 */
function sidMatches(sid: string, caller: CallerContext, owner: string | undefined, sids: SidResolver): boolean {
  if (sid === AUTHENTICATED_USERS) return true;
  const trustee = sids.nameOf(sid);
  return trustee !== undefined && trusteeMatches(trustee, caller, owner);
}

/**
 * The most `caller` may hold on a `kind` object under `sd`; for a job, `owner` is the user who
 * submitted it.
 */
export function descriptorRights(
  kind: SecuredObjectKind,
  sd: SecurityDescriptor,
  caller: CallerContext,
  sids: SidResolver,
  owner?: string,
): number {
  if (sd.dacl === undefined) return ALL_RIGHTS[kind];
  let granted = 0;
  let denied = 0;
  for (const ace of sd.dacl) {
    const applies =
      kind === 'job' ? (ace.flags & AceFlag.OBJECT_INHERIT_ACE) !== 0 : (ace.flags & AceFlag.INHERIT_ONLY_ACE) === 0;
    if (!applies) continue;
    if (!sidMatches(ace.sid, caller, kind === 'job' ? owner : undefined, sids)) continue;
    const mask = mapGenericAccess(kind, ace.mask >>> 0);
    const type = ace.type ?? ACCESS_ALLOWED_ACE_TYPE;
    if (type === ACCESS_DENIED_ACE_TYPE) denied = (denied | (mask & ~granted)) >>> 0;
    else if (type === ACCESS_ALLOWED_ACE_TYPE) granted = (granted | (mask & ~denied)) >>> 0;
  }
  // Who may administer a printer may also manage its limited settings (the Security tab's Manage
  // Printers, spooler-anchors 1.9), unless an ACE denied that right alone.
  if (kind === 'printer' && (granted & AccessMask.PRINTER_ACCESS_ADMINISTER) !== 0)
    granted = (granted | (AccessMask.PRINTER_ACCESS_MANAGE_LIMITED & ~denied)) >>> 0;
  return (granted & ~AccessMask.MAXIMUM_ALLOWED) >>> 0;
}
