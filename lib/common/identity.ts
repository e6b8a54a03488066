/**
 * Who a transport authenticated. The SMB2 layer produces it at SESSION_SETUP; the RPC layer
 * turns it into the spooler's CallerContext; the printer share uses it as the job owner.
 */
export interface AuthenticatedUser {
  readonly userName: string;
  readonly domain: string;
  /** Group names from the server's settings ("Administrators", "Users", ...). */
  readonly groups: readonly string[];
  readonly isAdministrator: boolean;
  readonly isGuest: boolean;
  readonly isAnonymous: boolean;
  /** The workstation name the client sent in NTLM AUTHENTICATE, when any. */
  readonly machineName?: string;
}

/** A configured account (server settings, `--user NAME:PASSWORD[:GROUP,...]`). */
export interface UserAccount {
  readonly name: string;
  readonly password: string;
  readonly groups: readonly string[];
}

export const ADMINISTRATORS_GROUP = 'Administrators';

export function isAdministratorAccount(account: Pick<UserAccount, 'groups'>): boolean {
  return account.groups.some((g) => g.toLowerCase() === ADMINISTRATORS_GROUP.toLowerCase());
}
