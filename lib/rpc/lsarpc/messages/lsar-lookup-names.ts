/**
 * LsarLookupNames (opnum 14, [MS-LSAT] 3.1.4.8), LsarLookupNames2 (opnum 58, 3.1.4.7) and
 * LsarLookupNames3 (opnum 68, 3.1.4.6).
 *
 *   request:  LSAPR_HANDLE PolicyHandle (20)
 *             [range(0,1000)] u32 Count
 *             [size_is(Count)] PRPC_UNICODE_STRING Names: max_count, Count RPC_UNICODE_STRINGs,
 *               then their buffers
 *             [in, out] TranslatedSids: { u32 Entries; [unique] array } (LSAPR_TRANSLATED_SIDS,
 *               _EX for 2, _EX2 for 3; a client sends 0 and NULL)
 *             LSAP_LOOKUP_LEVEL LookupLevel (enum: u16)
 *             [in, out] u32 MappedCount
 *             versions 2 and 3: u32 LookupOptions | u32 ClientRevision
 *   response: [unique] ReferencedDomains | TranslatedSids | u32 MappedCount | NTSTATUS
 */
import { readUnicodeString, writeUnicodeString } from '../../ndr/dtyp-structures';
import { ndrMessage } from '../../ndr/ndr-message';
import { contextHandle, dword, type NdrParam } from '../../ndr/ndr-params';
import { LSA_MAX_LOOKUP_NAMES } from '../lsarpc-constants';
import { MalformedPacketError } from '../../../common/errors';
import { referencedDomains, translatedSids, type LookupVersion } from './lookup-structures';

/** Count then the conformant array of RPC_UNICODE_STRING. */
const names: NdrParam<readonly string[]> = {
  read(r) {
    const count = r.u32('Count');
    if (count > LSA_MAX_LOOKUP_NAMES)
      throw new MalformedPacketError(`Count ${count} out of range(0, ${LSA_MAX_LOOKUP_NAMES})`, { field: 'Count' });
    const n = r.maxCount(8, 'Names');
    if (n !== count) throw new MalformedPacketError(`Names: max_count ${n}, Count ${count}`, { field: 'Names' });
    const out: string[] = [];
    for (let i = 0; i < n; i++) readUnicodeString(r, 'Names', (v) => (out[i] = v ?? ''));
    r.flushDeferred();
    return out;
  },
  write(w, list) {
    w.u32(list.length).u32(list.length);
    for (const name of list) writeUnicodeString(w, name);
    w.flushDeferred();
  },
};

const u16 = (field: string): NdrParam<number> => ({ read: (r) => r.u16(field), write: (w, v) => void w.u16(v) });

function lookupNames<N extends string>(name: N, version: LookupVersion) {
  const sids = translatedSids(version);
  const base = {
    handle: contextHandle('PolicyHandle'),
    names,
    translatedSids: sids,
    lookupLevel: u16('LookupLevel'),
    mappedCount: dword('MappedCount'),
  };
  const options = { lookupOptions: dword('LookupOptions'), clientRevision: dword('ClientRevision') };
  const response = {
    referencedDomains,
    translatedSids: sids,
    mappedCount: dword('MappedCount'),
    status: dword('NTSTATUS'),
  };
  return { base, options, response, name };
}

const v1 = lookupNames('LsarLookupNames', 1);
const v2 = lookupNames('LsarLookupNames2', 2);
const v3 = lookupNames('LsarLookupNames3', 3);

export const LsarLookupNames = ndrMessage(v1.name, v1.base, v1.response);
export const LsarLookupNames2 = ndrMessage(v2.name, { ...v2.base, ...v2.options }, v2.response);
export const LsarLookupNames3 = ndrMessage(v3.name, { ...v3.base, ...v3.options }, v3.response);
