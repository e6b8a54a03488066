/**
 * RpcOpenPrinterEx — [MS-RPRN] 3.1.4.2.14 (messages/open-printer-ex.ts).
 *
 * The SPLCLIENT_INFO_1 (or the same fields of a SPLCLIENT_INFO_3) is kept with the handle's
 * options: the CopyFiles modules receive it.
 *
 * A NULL SPLCLIENT_INFO is ERROR_INVALID_PARAMETER whatever the name, checked before the printer
 * is looked up: Windows answers smbtorture's openprinter_badnamelist and printer_rename so (the same
 * names through OpenPrinter are ERROR_INVALID_PRINTER_NAME), and Samba's server makes the same
 * check first. winspool, rpcclient, net and our own client always send one.
 */
import { Win32ErrorCode } from '../../../common/status/win32-error';
import type { SplClientInfo1 } from '../../../spoolss/types';
import type { NdrRecord } from '../../ndr/ndr-struct';
import { recordFields } from '../../ndr/record-fields';
import { RpcOpenPrinterEx } from '../messages/open-printer-ex';
import { rprnOperation } from '../rprn-call';
import { NULL_CONTEXT_HANDLE } from '../handle-table';
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

export const rpcOpenPrinterEx = rprnOperation(RpcOpenPrinterEx, async (req, ctx) => {
  if (req.clientInfo.info === undefined)
    return { handle: NULL_CONTEXT_HANDLE, status: Win32ErrorCode.ERROR_INVALID_PARAMETER };
  const clientInfo = splClientInfoFromRecord(req.clientInfo.level, req.clientInfo.info);
  return openAndRegister(ctx, req.printerName, {
    desiredAccess: req.accessRequired,
    ...(req.datatype !== undefined && { datatype: req.datatype }),
    ...(req.devMode !== undefined && { devMode: req.devMode }),
    ...(clientInfo !== undefined && { clientInfo }),
  });
});
