/**
 * RpcAddPerMachineConnection, RpcDeletePerMachineConnection, RpcEnumPerMachineConnections —
 * [MS-RPRN] 3.1.4.2.19-21 (messages/*-per-machine-connection*.ts). The enumeration answers with
 * PRINTER_INFO_4 records (pPrinterName, pServerName, Attributes) and the buffer rules of 3.1.4.1.9.
 */
import { PrinterAttribute } from '../../../spoolss/constants';
import { RpcAddPerMachineConnection } from '../messages/add-per-machine-connection';
import { RpcDeletePerMachineConnection } from '../messages/delete-per-machine-connection';
import { RpcEnumPerMachineConnections } from '../messages/enum-per-machine-connections';
import { infoError, infoResult, rprnOperation, statusOf, win32 } from '../rprn-call';
import { PRINTER_INFO_LAYOUTS } from '../structures/info-layouts';
import { extraOf } from './extras';

const PRINTER_INFO_4 = PRINTER_INFO_LAYOUTS[4];

export const rpcAddPerMachineConnection = rprnOperation(RpcAddPerMachineConnection, (req, ctx) =>
  statusOf(() =>
    extraOf(ctx.provider, 'perMachineConnections').addPerMachineConnection(
      req.server,
      req.printerName,
      req.printServer,
      req.provider,
      ctx.caller,
    ),
  ),
);

export const rpcDeletePerMachineConnection = rprnOperation(RpcDeletePerMachineConnection, (req, ctx) =>
  statusOf(() =>
    extraOf(ctx.provider, 'perMachineConnections').deletePerMachineConnection(req.server, req.printerName, ctx.caller),
  ),
);

export const rpcEnumPerMachineConnections = rprnOperation(RpcEnumPerMachineConnections, async (req, ctx) => {
  const res = await win32(() =>
    extraOf(ctx.provider, 'perMachineConnections').enumPerMachineConnections(req.server, ctx.caller),
  );
  if (!res.ok || PRINTER_INFO_4 === undefined) return infoError(req.buffer, res.ok ? 0 : res.status);
  return infoResult(
    req.buffer,
    PRINTER_INFO_4,
    res.value.map((c) => ({
      pPrinterName: c.printerName,
      pServerName: c.serverName,
      Attributes: PrinterAttribute.PRINTER_ATTRIBUTE_NETWORK,
    })),
  );
});
