/**
 * What LsarLookupNames* and LsarLookupSids* return — [MS-LSAT] 2.2:
 *
 *   LSAPR_REFERENCED_DOMAIN_LIST (2.2.12): u32 Entries | [unique, size_is(Entries)]
 *     LSAPR_TRUST_INFORMATION* Domains | u32 MaxEntries
 *     LSAPR_TRUST_INFORMATION (2.2.11): RPC_UNICODE_STRING Name | PRPC_SID Sid
 *   the translated arrays, each { u32 Entries; [unique, size_is(Entries)] T* }:
 *     LSA_TRANSLATED_SID (2.2.21):        u16 Use | u32 RelativeId | i32 DomainIndex
 *     LSAPR_TRANSLATED_SID_EX (2.2.22):   u16 Use | u32 RelativeId | i32 DomainIndex | u32 Flags
 *     LSAPR_TRANSLATED_SID_EX2 (2.2.23):  u16 Use | PRPC_SID Sid | i32 DomainIndex | u32 Flags
 *     LSAPR_TRANSLATED_NAME (2.2.19):     u16 Use | RPC_UNICODE_STRING Name | i32 DomainIndex
 *     LSAPR_TRANSLATED_NAME_EX (2.2.20):  u16 Use | RPC_UNICODE_STRING Name | i32 DomainIndex | u32 Flags
 * One description per shape (`version` 1, 2, 3 chooses the structure), read and written alike.
 */
import { MalformedPacketError } from '../../../common/errors';
import { readSid, readUnicodeString, writeSid, writeUnicodeString } from '../../ndr/dtyp-structures';
import { countedArray } from '../../ndr/counted-array';
import type { NdrParam } from '../../ndr/ndr-params';

export interface TrustInformation {
  readonly name: string;
  readonly sid: string;
}

export interface TranslatedSid {
  readonly use: number;
  /** Versions 1 and 2. */
  readonly relativeId: number;
  /** Version 3: the whole SID (undefined for a name that did not map). */
  readonly sid?: string;
  readonly domainIndex: number;
  readonly flags: number;
}

export interface TranslatedName {
  readonly use: number;
  readonly name: string;
  readonly domainIndex: number;
  readonly flags: number;
}

export type LookupVersion = 1 | 2 | 3;

/** [out] PLSAPR_REFERENCED_DOMAIN_LIST*: a [unique] pointer to the list. */
export const referencedDomains: NdrParam<readonly TrustInformation[] | undefined> = {
  read(r) {
    let domains: TrustInformation[] | undefined;
    r.pointer(
      () => {
        const entries = r.u32('ReferencedDomains.Entries');
        const list: { name: string; sid: string }[] = [];
        r.pointer(
          () => {
            const n = r.maxCount(12, 'Domains');
            if (n !== entries)
              throw new MalformedPacketError('Domains: max_count differs from Entries', { field: 'Domains' });
            for (let i = 0; i < n; i++) {
              const d = { name: '', sid: '' };
              readUnicodeString(r, 'Name', (v) => (d.name = v ?? ''));
              r.pointer(() => (d.sid = readSid(r)), true, 'Sid');
              list.push(d);
            }
          },
          true,
          'Domains',
        );
        r.u32('MaxEntries');
        r.flushDeferred();
        domains = list;
      },
      false,
      'ReferencedDomains',
    );
    return domains;
  },
  write(w, domains) {
    w.pointer(
      domains,
      (list) => {
        w.u32(list.length);
        w.pointer(
          list.length > 0 ? list : undefined,
          (l) => {
            w.u32(l.length);
            for (const d of l) {
              writeUnicodeString(w, d.name);
              w.pointer(d.sid, (s) => writeSid(w, s), true);
            }
          },
          true,
        );
        w.u32(Math.max(32, list.length)); // MaxEntries: what Windows allocates
        w.flushDeferred();
      },
      false,
    );
  },
};

export function translatedSids(version: LookupVersion): NdrParam<readonly TranslatedSid[]> {
  return countedArray<TranslatedSid>(
    'TranslatedSids',
    'Entries',
    version === 1 ? 12 : 16,
    (r) => {
      r.align(4);
      // The SID of version 3 is deferred: it lands in the object once the array is read.
      const t: { use: number; relativeId: number; sid?: string; domainIndex: number; flags: number } = {
        use: r.u16('Use'),
        relativeId: 0,
        domainIndex: 0,
        flags: 0,
      };
      if (version === 3) r.pointer(() => (t.sid = readSid(r)), true, 'Sid');
      else t.relativeId = r.u32('RelativeId');
      t.domainIndex = r.i32('DomainIndex');
      if (version !== 1) t.flags = r.u32('Flags');
      return t;
    },
    (w, t) => {
      w.align(4).u16(t.use);
      if (version === 3) w.pointer(t.sid, (s) => writeSid(w, s), true);
      else w.u32(t.relativeId);
      w.i32(t.domainIndex);
      if (version !== 1) w.u32(t.flags);
    },
  );
}

export function translatedNames(version: 1 | 2): NdrParam<readonly TranslatedName[]> {
  return countedArray<TranslatedName>(
    'TranslatedNames',
    'Entries',
    version === 1 ? 16 : 20,
    (r) => {
      r.align(4);
      const use = r.u16('Use');
      const t = { use, name: '', domainIndex: 0, flags: 0 };
      readUnicodeString(r, 'Name', (v) => (t.name = v ?? ''));
      t.domainIndex = r.i32('DomainIndex');
      if (version === 2) t.flags = r.u32('Flags');
      return t;
    },
    (w, t) => {
      w.align(4).u16(t.use);
      writeUnicodeString(w, t.name);
      w.i32(t.domainIndex);
      if (version === 2) w.u32(t.flags);
    },
  );
}
