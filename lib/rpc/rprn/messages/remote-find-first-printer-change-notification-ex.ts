/**
 * RpcRemoteFindFirstPrinterChangeNotificationEx (opnum 65) — [MS-RPRN] 3.1.4.10.4.
 *
 *   request:  PRINTER_HANDLE hPrinter (20) | DWORD fdwFlags | DWORD fdwOptions
 *             | [string, unique] wchar_t* pszLocalMachine | DWORD dwPrinterLocal
 *             | [unique] RPC_V2_NOTIFY_OPTIONS* pOptions (referent id, the structure, its arrays)
 *   response: DWORD status
 *
 * pOptions is carried as its bytes, up to the end of the stub: the server answers without it
 * (operations/remote-find-first-printer-change-notification-ex.ts) and no client of ours sends one.
 */
import { dword, remainingBytes, uniqueString } from '../../ndr/ndr-params';
import { ndrMessage } from '../../ndr/ndr-message';
import { printerHandle, statusOnly } from './parameters';

export const RpcRemoteFindFirstPrinterChangeNotificationEx = ndrMessage(
  'RpcRemoteFindFirstPrinterChangeNotificationEx',
  {
    hPrinter: printerHandle(),
    flags: dword('fdwFlags'),
    options: dword('fdwOptions'),
    localMachine: uniqueString('pszLocalMachine'),
    printerLocal: dword('dwPrinterLocal'),
    notifyOptions: remainingBytes('pOptions'),
  },
  statusOnly(),
);
