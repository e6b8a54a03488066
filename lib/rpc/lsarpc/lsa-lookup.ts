/**
 * Name and SID translation as [MS-LSAT] 3.1.4.5-3.1.4.11 describe it, over an AccountDirectory:
 * each name or SID maps to an entry (its use, its RID or SID, the index of its domain in the
 * referenced-domain list, built in order of first use), or stays unmapped (SidTypeUnknown, domain
 * index -1; for a SID, the SID string as its name). The status says how many mapped:
 * STATUS_SUCCESS (all), STATUS_SOME_NOT_MAPPED, STATUS_NONE_MAPPED (none; the lists still come).
 */
import { NtStatus } from '../../common/status/ntstatus';
import { SidNameUse, type AccountDirectory, type DirectoryDomain } from '../accounts/account-directory';
import type { TranslatedName, TranslatedSid, TrustInformation } from './messages/lookup-structures';

export interface LookupResult<T> {
  readonly domains: TrustInformation[];
  readonly translated: T[];
  readonly mappedCount: number;
  readonly status: number;
}

/** The referenced-domain list under construction. */
class DomainList {
  readonly domains: TrustInformation[] = [];
  indexOf(domain: DirectoryDomain): number {
    const at = this.domains.findIndex((d) => d.sid === domain.sid);
    if (at !== -1) return at;
    this.domains.push({ name: domain.name, sid: domain.sid });
    return this.domains.length - 1;
  }
}

function mappedStatus(mapped: number, total: number): number {
  if (total > 0 && mapped === 0) return NtStatus.STATUS_NONE_MAPPED;
  return mapped < total ? NtStatus.STATUS_SOME_NOT_MAPPED : NtStatus.STATUS_SUCCESS;
}

const lastRid = (sid: string): number => Number(sid.slice(sid.lastIndexOf('-') + 1)) >>> 0;

export function lookupNames(directory: AccountDirectory, names: readonly string[]): LookupResult<TranslatedSid> {
  const list = new DomainList();
  let mapped = 0;
  const translated = names.map((name): TranslatedSid => {
    const entry = directory.lookupName(name);
    if (entry === undefined) return { use: SidNameUse.SidTypeUnknown, relativeId: 0, domainIndex: -1, flags: 0 };
    mapped++;
    const domainIndex = list.indexOf(entry.domain);
    // A domain has no RID of its own ([MS-LSAT] 3.1.4.5: RelativeId 0xFFFFFFFF).
    const relativeId = entry.use === SidNameUse.SidTypeDomain ? 0xffffffff : lastRid(entry.sid);
    return { use: entry.use, relativeId, sid: entry.sid, domainIndex, flags: 0 };
  });
  return { domains: list.domains, translated, mappedCount: mapped, status: mappedStatus(mapped, names.length) };
}

export function lookupSids(directory: AccountDirectory, sids: readonly string[]): LookupResult<TranslatedName> {
  const list = new DomainList();
  let mapped = 0;
  const translated = sids.map((sid): TranslatedName => {
    const entry = sid === '' ? undefined : directory.lookupSid(sid);
    if (entry === undefined) {
      // An unknown RID in a domain this server has still names the domain.
      const parent = sid.lastIndexOf('-');
      const owner = parent === -1 ? undefined : directory.lookupSid(sid.slice(0, parent));
      const domainIndex = owner?.use === SidNameUse.SidTypeDomain ? list.indexOf(owner.domain) : -1;
      return { use: SidNameUse.SidTypeUnknown, name: sid, domainIndex, flags: 0 };
    }
    mapped++;
    return { use: entry.use, name: entry.name, domainIndex: list.indexOf(entry.domain), flags: 0 };
  });
  return { domains: list.domains, translated, mappedCount: mapped, status: mappedStatus(mapped, sids.length) };
}
