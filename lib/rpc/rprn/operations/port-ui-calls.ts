/**
 * RpcAddPort, RpcConfigurePort and RpcDeletePort (opnums 37, 38, 39; messages/add-port.ts,
 * configure-port.ts, delete-port.ts). Each runs a port monitor's dialog on the machine that calls
 * it, so Windows answers a remote caller ERROR_NOT_SUPPORTED (smbtorture's add_port records it
 * from Windows Server 2003); DeletePort first checks the port exists (ERROR_UNKNOWN_PORT,
 * [MS-RPRN] 3.1.4.6.2). The spooler decides (lib/spooler/provider/port-calls.ts).
 */
import { Win32Error } from '../../../common/errors';
import { Win32ErrorCode } from '../../../common/status/win32-error';
import { RpcAddPort } from '../messages/add-port';
import { RpcConfigurePort } from '../messages/configure-port';
import { RpcDeletePort } from '../messages/delete-port';
import { rprnOperation, statusOf } from '../rprn-call';

const notSupported = (call: string): Win32Error => new Win32Error(Win32ErrorCode.ERROR_NOT_SUPPORTED, call);

export const rpcAddPort = rprnOperation(RpcAddPort, (req, ctx) =>
  statusOf(() => {
    if (!ctx.provider.addPort) throw notSupported('AddPort');
    return ctx.provider.addPort(req.name, req.monitorName, ctx.caller);
  }),
);

export const rpcConfigurePort = rprnOperation(RpcConfigurePort, (req, ctx) =>
  statusOf(() => {
    if (!ctx.provider.configurePort) throw notSupported('ConfigurePort');
    return ctx.provider.configurePort(req.name, req.portName, ctx.caller);
  }),
);

export const rpcDeletePort = rprnOperation(RpcDeletePort, (req, ctx) =>
  statusOf(() => {
    if (!ctx.provider.deletePort) throw notSupported('DeletePort');
    return ctx.provider.deletePort(req.name, req.portName, ctx.caller);
  }),
);
