/**
 * LsarClose (opnum 0) — [MS-LSAD] 3.1.4.9.4.
 *
 *   request:  [in, out] LSAPR_HANDLE* ObjectHandle (20)
 *   response: ObjectHandle (20; zeros once closed) | NTSTATUS
 */
import { ndrMessage } from '../../ndr/ndr-message';
import { contextHandle, dword } from '../../ndr/ndr-params';

export const LsarClose = ndrMessage(
  'LsarClose',
  { handle: contextHandle('ObjectHandle') },
  { handle: contextHandle('ObjectHandle'), status: dword('NTSTATUS') },
);
