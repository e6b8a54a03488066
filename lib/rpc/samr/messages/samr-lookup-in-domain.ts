/**
 * SamrLookupNamesInDomain (opnum 17, [MS-SAMR] 3.1.5.11.2) and SamrLookupIdsInDomain (opnum 18,
 * 3.1.5.11.3).
 *
 *   SamrLookupNamesInDomain
 *     request:  SAMPR_HANDLE DomainHandle (20) | [range(0,1000)] u32 Count |
 *               [size_is(1000), length_is(Count)] RPC_UNICODE_STRING Names[*]
 *     response: SAMPR_ULONG_ARRAY RelativeIds | SAMPR_ULONG_ARRAY Use | NTSTATUS
 *   SamrLookupIdsInDomain
 *     request:  DomainHandle (20) | [range(0,1000)] u32 Count | [size_is(1000), length_is(Count)]
 *               u32 RelativeIds[*]
 *     response: SAMPR_RETURNED_USTRING_ARRAY Names | SAMPR_ULONG_ARRAY Use | NTSTATUS
 */
import { readUnicodeString, writeUnicodeString } from '../../ndr/dtyp-structures';
import { ndrMessage } from '../../ndr/ndr-message';
import { contextHandle, dword } from '../../ndr/ndr-params';
import { lookupInput, ulongArray, ustringArray } from './samr-structures';

const names = lookupInput<string>(
  'Names',
  8,
  (r, i, out) => readUnicodeString(r, 'Names', (v) => (out[i] = v ?? '')),
  (w, v) => writeUnicodeString(w, v),
);

const relativeIds = lookupInput<number>(
  'RelativeIds',
  4,
  (r, i, out) => (out[i] = r.u32('RelativeIds')),
  (w, v) => void w.u32(v),
);

export const SamrLookupNamesInDomain = ndrMessage(
  'SamrLookupNamesInDomain',
  { handle: contextHandle('DomainHandle'), names },
  { relativeIds: ulongArray('RelativeIds'), use: ulongArray('Use'), status: dword('NTSTATUS') },
);

export const SamrLookupIdsInDomain = ndrMessage(
  'SamrLookupIdsInDomain',
  { handle: contextHandle('DomainHandle'), relativeIds },
  { names: ustringArray('Names'), use: ulongArray('Use'), status: dword('NTSTATUS') },
);
