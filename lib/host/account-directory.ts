/**
 * The AccountDirectory of a server (lib/rpc/accounts): its users and groups with the SIDs the
 * spooler puts in printers' security descriptors (SidResolver: the machine SID derived from the
 * server name, RID 1000 + position for users, then the groups the users name), the BUILTIN aliases
 * and the well-known SIDs. What LsarLookupNames/LookupSids and SamrLookupNamesInDomain answer.
 */
import type { UserAccount } from '../common/identity';
import { WellKnownSid } from '../common/security-descriptor';
import {
  SidNameUse,
  type AccountDirectory,
  type DirectoryDomain,
  type DirectoryEntry,
} from '../rpc/accounts/account-directory';
import { machineSid, SidResolver } from '../spooler/handles/printer-security-descriptor';

export const BUILTIN_DOMAIN: DirectoryDomain = { name: 'BUILTIN', sid: 'S-1-5-32' };
const WORLD_AUTHORITY: DirectoryDomain = { name: '', sid: 'S-1-1' };
const CREATOR_AUTHORITY: DirectoryDomain = { name: '', sid: 'S-1-3' };

/** The BUILTIN aliases a Windows server has ([MS-DTYP] 2.4.2.4), those a print server's ACLs use. */
const BUILTIN_ALIASES: readonly { name: string; sid: string }[] = [
  { name: 'Administrators', sid: WellKnownSid.BUILTIN_ADMINISTRATORS },
  { name: 'Users', sid: WellKnownSid.BUILTIN_USERS },
  { name: 'Guests', sid: 'S-1-5-32-546' },
  { name: 'Print Operators', sid: 'S-1-5-32-550' },
];

export function createAccountDirectory(
  serverName: string,
  workgroup: string,
  users: readonly UserAccount[],
): AccountDirectory {
  const machine: DirectoryDomain = { name: serverName.toUpperCase(), sid: machineSid(serverName) };
  const resolver = new SidResolver(serverName, users);
  const entries: DirectoryEntry[] = [
    { name: machine.name, sid: machine.sid, use: SidNameUse.SidTypeDomain, domain: machine },
    { name: BUILTIN_DOMAIN.name, sid: BUILTIN_DOMAIN.sid, use: SidNameUse.SidTypeDomain, domain: BUILTIN_DOMAIN },
    { name: 'Everyone', sid: WellKnownSid.EVERYONE, use: SidNameUse.SidTypeWellKnownGroup, domain: WORLD_AUTHORITY },
    {
      name: 'CREATOR OWNER',
      sid: WellKnownSid.CREATOR_OWNER,
      use: SidNameUse.SidTypeWellKnownGroup,
      domain: CREATOR_AUTHORITY,
    },
    ...BUILTIN_ALIASES.map((a) => ({ ...a, use: SidNameUse.SidTypeAlias, domain: BUILTIN_DOMAIN })),
    ...users.map((u) => ({ name: u.name, sid: resolver.sidOf(u.name), use: SidNameUse.SidTypeUser, domain: machine })),
  ];
  const known = (sid: string): boolean => entries.some((e) => e.sid === sid);
  for (const group of users.flatMap((u) => u.groups)) {
    const sid = resolver.sidOf(group);
    if (!known(sid)) entries.push({ name: group, sid, use: SidNameUse.SidTypeAlias, domain: machine });
  }
  const byName = (name: string): DirectoryEntry | undefined => {
    const slash = name.lastIndexOf('\\');
    const domain = slash === -1 ? undefined : name.slice(0, slash).toUpperCase();
    const account = (slash === -1 ? name : name.slice(slash + 1)).toLowerCase();
    if (account === '' && domain !== undefined)
      return entries.find((e) => e.use === SidNameUse.SidTypeDomain && e.name === domain);
    return entries.find(
      (e) => e.name.toLowerCase() === account && (domain === undefined || e.domain.name.toUpperCase() === domain),
    );
  };
  return {
    accountDomain: machine,
    builtinDomain: BUILTIN_DOMAIN,
    primaryDomainName: workgroup.toUpperCase(),
    lookupName: byName,
    lookupSid: (sid) => entries.find((e) => e.sid === sid.toUpperCase()),
    members: (domainSid) =>
      entries
        .filter((e) => e.use !== SidNameUse.SidTypeDomain && e.domain.sid === domainSid.toUpperCase())
        .sort((a, b) => rid(a.sid) - rid(b.sid)),
  };
}

function rid(sid: string): number {
  return Number(sid.slice(sid.lastIndexOf('-') + 1));
}
