/**
 * The accounts a print server knows, as its LSA and SAM answer for them ([MS-LSAT] 3.1.1,
 * [MS-SAMR] 3.1.1): the account domain (the machine: its NetBIOS name and machine SID) holding the
 * server's users and local groups, the BUILTIN domain (S-1-5-32: Administrators, Users, ...), and
 * well-known SIDs (Everyone, CREATOR OWNER). The host builds it from the same accounts and SIDs the
 * spooler writes into printers' security descriptors, so a SID read from a descriptor looks up.
 */

/** SID_NAME_USE — [MS-LSAT] 2.2.13, [MS-SAMR] 2.2.2.3. */
export const SidNameUse = {
  SidTypeUser: 1,
  SidTypeGroup: 2,
  SidTypeDomain: 3,
  SidTypeAlias: 4,
  SidTypeWellKnownGroup: 5,
  SidTypeDeletedAccount: 6,
  SidTypeInvalid: 7,
  SidTypeUnknown: 8,
  SidTypeComputer: 9,
  SidTypeLabel: 10,
} as const;
export type SidNameUse = (typeof SidNameUse)[keyof typeof SidNameUse];

export interface DirectoryDomain {
  /** "NTPRINT", "BUILTIN"; "" for the authorities of well-known SIDs. */
  readonly name: string;
  readonly sid: string;
}

export interface DirectoryEntry {
  readonly name: string;
  readonly sid: string;
  readonly use: SidNameUse;
  /** The domain the account belongs to (for a domain itself: the domain). */
  readonly domain: DirectoryDomain;
}

export interface AccountDirectory {
  /** The machine's account domain: its name and the machine SID. */
  readonly accountDomain: DirectoryDomain;
  readonly builtinDomain: DirectoryDomain;
  /** The workgroup a standalone server belongs to: a name, no SID ([MS-LSAD] 2.2.4.4). */
  readonly primaryDomainName: string;
  /** `name`, `DOMAIN\name` (case-insensitive); undefined when nothing is called so. */
  lookupName(name: string): DirectoryEntry | undefined;
  lookupSid(sid: string): DirectoryEntry | undefined;
  /** The users and aliases of a domain, in RID order. */
  members(domainSid: string): readonly DirectoryEntry[];
}
