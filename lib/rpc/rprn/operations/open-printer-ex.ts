/**
 * RpcOpenPrinterEx — [MS-RPRN] 3.1.4.2.14 (messages/open-printer-ex.ts).
 *
 * The SPLCLIENT_INFO_1 (or the same fields of a SPLCLIENT_INFO_3) is kept with the handle's
 * options: the CopyFiles modules receive it.
 */
import type { SplClientInfo1 } from '../../../spoolss/types';
import type { NdrRecord } from '../../ndr/ndr-struct';
import { recordFields } from '../../ndr/record-fields';
import { RpcOpenPrinterEx } from '../messages/open-printer-ex';
import { rprnOperation } from '../rprn-call';
import { NULL_CONTEXT_HANDLE } from '../handle-table';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { openAndRegister } from './open-printer';

export function splClientInfoFromRecord(level: number, rec: NdrRecord | undefined): SplClientInfo1 | undefined {
  if (rec === undefined || (level !== 1 && level !== 3)) return undefined;
  const v = recordFields(rec);
  const machineName = v.optionalString('pMachineName');
  const userName = v.optionalString('pUserName');
  return {
    size: v.number('dwSize'),
    ...(machineName !== undefined && { machineName }),
    ...(userName !== undefined && { userName }),
    buildNum: v.number('dwBuildNum'),
    majorVersion: v.number('dwMajorVersion'),
    minorVersion: v.number('dwMinorVersion'),
    processorArchitecture: v.number('wProcessorArchitecture'),
  };
}

export const rpcOpenPrinterEx = rprnOperation(RpcOpenPrinterEx, (req, ctx) => {
  // The container's arm must be there, whatever the name: Windows answers a NULL SPLCLIENT_INFO
  // with ERROR_INVALID_PARAMETER before it looks at the printer (smbtorture openprinter_badnamelist).
  if (req.clientInfo.info === undefined)
    return Promise.resolve({ handle: NULL_CONTEXT_HANDLE, status: Win32ErrorCode.ERROR_INVALID_PARAMETER });
  const clientInfo = splClientInfoFromRecord(req.clientInfo.level, req.clientInfo.info);
  return openAndRegister(ctx, req.printerName, {
    desiredAccess: req.accessRequired,
    ...(req.datatype !== undefined && { datatype: req.datatype }),
    ...(req.devMode !== undefined && { devMode: req.devMode }),
    ...(clientInfo !== undefined && { clientInfo }),
  });
});
