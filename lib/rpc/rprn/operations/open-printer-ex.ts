/**
 * RpcOpenPrinterEx (opnum 69) — [MS-RPRN] 3.1.4.2.14.
 *
 *   in:  [string, unique] STRING_HANDLE pPrinterName; [string, unique] wchar_t* pDatatype;
 *        DEVMODE_CONTAINER* pDevModeContainer; DWORD AccessRequired;
 *        SPLCLIENT_CONTAINER* pClientInfo
 *   out: PRINTER_HANDLE* pHandle (20 bytes); DWORD status
 *
 * The SPLCLIENT_INFO_1 is kept with the handle's options: the CopyFiles modules receive it.
 */
import type { SplClientInfo1 } from '../../../spoolss/types';
import type { NdrReader } from '../../ndr/ndr-reader';
import type { NdrRecord } from '../../ndr/ndr-struct';
import { RprnOpnum } from '../opnums';
import type { RprnOperation } from '../rprn-call';
import { decodeByteContainer, decodeLevelContainer, SPLCLIENT_INFO } from '../structures/containers';
import { openAndRegister } from './open-printer';

export function splClientInfoFromRecord(level: number, rec: NdrRecord | undefined): SplClientInfo1 | undefined {
  if (rec === undefined || (level !== 1 && level !== 3)) return undefined;
  const num = (k: string): number => (typeof rec[k] === 'number' ? rec[k] : 0);
  const str = (k: string): string | undefined => (typeof rec[k] === 'string' ? rec[k] : undefined);
  const machineName = str('pMachineName');
  const userName = str('pUserName');
  return {
    size: num('dwSize'),
    ...(machineName !== undefined && { machineName }),
    ...(userName !== undefined && { userName }),
    buildNum: num('dwBuildNum'),
    majorVersion: num('dwMajorVersion'),
    minorVersion: num('dwMinorVersion'),
    processorArchitecture: num('wProcessorArchitecture'),
  };
}

export const rpcOpenPrinterEx: RprnOperation = {
  opnum: RprnOpnum.RpcOpenPrinterEx,
  name: 'RpcOpenPrinterEx',
  async handle(r: NdrReader, ctx) {
    const printerName = r.uniqueString('pPrinterName');
    const datatype = r.uniqueString('pDatatype');
    const devMode = decodeByteContainer(r, 'pDevModeContainer');
    const accessRequired = r.u32('AccessRequired');
    const client = decodeLevelContainer(r, SPLCLIENT_INFO, 'pClientInfo');
    const clientInfo = splClientInfoFromRecord(client.level, client.info);
    return openAndRegister(ctx, printerName, {
      desiredAccess: accessRequired,
      ...(datatype !== undefined && { datatype }),
      ...(devMode !== undefined && { devMode }),
      ...(clientInfo !== undefined && { clientInfo }),
    });
  },
};
