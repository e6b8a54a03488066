/**
 * LsarLookupSids (opnum 15, [MS-LSAT] 3.1.4.11) and LsarLookupSids2 (opnum 57, 3.1.4.10).
 *
 *   request:  LSAPR_HANDLE PolicyHandle (20)
 *             PLSAPR_SID_ENUM_BUFFER SidEnumBuffer: u32 Entries | [unique, size_is(Entries)]
 *               LSAPR_SID_INFORMATION* { PRPC_SID Sid } -> max_count, the pointers, the SIDs
 *             [in, out] TranslatedNames: { u32 Entries; [unique] array } (a client sends 0, NULL)
 *             LSAP_LOOKUP_LEVEL LookupLevel (u16) | [in, out] u32 MappedCount
 *             version 2: u32 LookupOptions | u32 ClientRevision
 *   response: [unique] ReferencedDomains | TranslatedNames (LSAPR_TRANSLATED_NAME, _EX for 2) |
 *             u32 MappedCount | NTSTATUS
 */
import { MalformedPacketError } from '../../../common/errors';
import { readSid, writeSid } from '../../ndr/dtyp-structures';
import { ndrMessage } from '../../ndr/ndr-message';
import { contextHandle, dword, type NdrParam } from '../../ndr/ndr-params';
import { LSA_MAX_LOOKUP_SIDS } from '../lsarpc-constants';
import { referencedDomains, translatedNames } from './lookup-structures';

/** The SIDs asked for (a NULL entry reads as ""; it maps to nothing). */
const sidEnumBuffer: NdrParam<readonly string[]> = {
  read(r) {
    const entries = r.u32('SidEnumBuffer.Entries');
    if (entries > LSA_MAX_LOOKUP_SIDS)
      throw new MalformedPacketError(`Entries ${entries} out of range(0, ${LSA_MAX_LOOKUP_SIDS})`, {
        field: 'SidEnumBuffer.Entries',
      });
    const sids: string[] = [];
    r.pointer(
      () => {
        const n = r.maxCount(4, 'SidInfo');
        if (n !== entries)
          throw new MalformedPacketError(`SidInfo: max_count ${n}, Entries ${entries}`, { field: 'SidInfo' });
        for (let i = 0; i < n; i++) {
          sids[i] = '';
          r.pointer(() => (sids[i] = readSid(r)), true, 'SidInfo.Sid');
        }
      },
      true,
      'SidInfo',
    );
    r.flushDeferred();
    return sids;
  },
  write(w, sids) {
    w.u32(sids.length);
    w.pointer(
      sids.length > 0 ? sids : undefined,
      (list) => {
        w.u32(list.length);
        for (const s of list) w.pointer(s, (v) => writeSid(w, v), true);
      },
      true,
    );
    w.flushDeferred();
  },
};

const u16 = (field: string): NdrParam<number> => ({ read: (r) => r.u16(field), write: (w, v) => void w.u16(v) });

function lookupSidsParams(version: 1 | 2) {
  const names = translatedNames(version);
  return {
    request: {
      handle: contextHandle('PolicyHandle'),
      sids: sidEnumBuffer,
      translatedNames: names,
      lookupLevel: u16('LookupLevel'),
      mappedCount: dword('MappedCount'),
    },
    response: {
      referencedDomains,
      translatedNames: names,
      mappedCount: dword('MappedCount'),
      status: dword('NTSTATUS'),
    },
  };
}

const v1 = lookupSidsParams(1);
const v2 = lookupSidsParams(2);

export const LsarLookupSids = ndrMessage('LsarLookupSids', v1.request, v1.response);
export const LsarLookupSids2 = ndrMessage(
  'LsarLookupSids2',
  { ...v2.request, lookupOptions: dword('LookupOptions'), clientRevision: dword('ClientRevision') },
  v2.response,
);
