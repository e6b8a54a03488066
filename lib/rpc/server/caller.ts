/**
 * The spooler's CallerContext for an RPC call: the identity the call carries (the security
 * context's, else the SMB session's), marked remote. A TCP client without RPC authentication has
 * no identity at all: it calls as ANONYMOUS LOGON, which the spooler's access checks refuse
 * wherever a right is needed.
 */
import type { AuthenticatedUser } from '../../common/identity';
import type { CallerContext } from '../../spoolss/types';

export function callerFromUser(user: AuthenticatedUser): CallerContext {
  return {
    userName: user.userName,
    domain: user.domain,
    groups: user.groups,
    isAdministrator: user.isAdministrator,
    remote: true,
    ...(user.machineName !== undefined && { machineName: user.machineName }),
  };
}

export const ANONYMOUS_CALLER: CallerContext = {
  userName: 'ANONYMOUS LOGON',
  domain: 'NT AUTHORITY',
  groups: [],
  isAdministrator: false,
  remote: true,
};

export function callerOf(user: AuthenticatedUser | undefined): CallerContext {
  return user === undefined ? ANONYMOUS_CALLER : callerFromUser(user);
}
