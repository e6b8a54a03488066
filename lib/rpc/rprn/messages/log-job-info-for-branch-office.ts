/**
 * RpcLogJobInfoForBranchOffice (opnum 116) — [MS-RPRN] 3.1.4.13.1.
 *
 *   request:  PRINTER_HANDLE hPrinter (20)
 *             | RPC_BranchOfficeJobDataContainer (structures/branch-office-job-data.ts)
 *   response: DWORD status
 */
import { ndrMessage } from '../../ndr/ndr-message';
import { branchOfficeJobDataContainer } from '../structures/branch-office-job-data';
import { printerHandle, statusOnly } from './parameters';

export const RpcLogJobInfoForBranchOffice = ndrMessage(
  'RpcLogJobInfoForBranchOffice',
  { hPrinter: printerHandle(), entries: branchOfficeJobDataContainer('pBranchOfficeJobDataContainer') },
  statusOnly(),
);
