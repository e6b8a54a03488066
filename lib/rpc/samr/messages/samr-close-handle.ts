/**
 * SamrCloseHandle (opnum 1) — [MS-SAMR] 3.1.5.13.1.
 *
 *   request:  [in, out] SAMPR_HANDLE* SamHandle (20)
 *   response: SamHandle (20; zeros once closed) | NTSTATUS
 */
import { ndrMessage } from '../../ndr/ndr-message';
import { contextHandle, dword } from '../../ndr/ndr-params';

export const SamrCloseHandle = ndrMessage(
  'SamrCloseHandle',
  { handle: contextHandle('SamHandle') },
  { handle: contextHandle('SamHandle'), status: dword('NTSTATUS') },
);
