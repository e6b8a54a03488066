/**
 * SamrOpenDomain (opnum 7) — [MS-SAMR] 3.1.5.1.5.
 *
 *   request:  SAMPR_HANDLE ServerHandle (20) | u32 DesiredAccess | PRPC_SID DomainId ([ref]: the
 *             SID with its max_count)
 *   response: SAMPR_HANDLE DomainHandle (20) | NTSTATUS
 */
import { readSid, writeSid } from '../../ndr/dtyp-structures';
import { ndrMessage } from '../../ndr/ndr-message';
import { contextHandle, dword, type NdrParam } from '../../ndr/ndr-params';

const domainId: NdrParam<string> = { read: (r) => readSid(r, 'DomainId'), write: (w, v) => writeSid(w, v) };

export const SamrOpenDomain = ndrMessage(
  'SamrOpenDomain',
  { handle: contextHandle('ServerHandle'), desiredAccess: dword('DesiredAccess'), domainId },
  { handle: contextHandle('DomainHandle'), status: dword('NTSTATUS') },
);
