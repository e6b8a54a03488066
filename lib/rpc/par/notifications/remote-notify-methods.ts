/**
 * IRemoteWinspool's notification methods — [MS-PAR] 3.1.4.9 (opnums 58-61), served per
 * association group by a RemoteNotificationTable:
 *
 *   58 RpcSyncRegisterForRemoteNotifications   hPrinter + filter -> RMTNTFY_HANDLE
 *   59 RpcSyncUnRegisterForRemoteNotifications RMTNTFY_HANDLE -> NULL handle
 *   60 RpcSyncRefreshRemoteNotifications       RMTNTFY_HANDLE + filter -> all current data
 *   61 RpcAsyncGetRemoteNotifications          RMTNTFY_HANDLE -> the next changes (long poll)
 *
 * A handle this group does not hold (unknown, closed, another group's, a PRINTER_HANDLE where an
 * RMTNTFY_HANDLE goes or the reverse) faults with nca_s_fault_context_mismatch, as the RPC
 * runtime answers for context handles ([MS-PAR] 3.1.4 strict_context_handle). A filter that is not
 * one, or a job handle, is E_INVALIDARG ([MS-PAR] 3.1.4.9.1 parameter validation).
 */
import { RpcFaultError } from '../../../common/errors';
import { FaultStatus } from '../../constants';
import { decodeRequestStub, encodeResponseStub } from '../../ndr/ndr-message';
import { NULL_CONTEXT_HANDLE } from '../../rprn/handle-table';
import type { RprnExtension, RprnGroupState } from '../../rprn/rprn-interface';
import { callerOf } from '../../server/caller';
import type { RpcCallInfo } from '../../server/rpc-interface';
import { ParError, ParOpnum } from '../constants';
import { RpcAsyncGetRemoteNotifications } from '../messages/async-get-remote-notifications';
import { RpcSyncRefreshRemoteNotifications } from '../messages/sync-refresh-remote-notifications';
import { RpcSyncRegisterForRemoteNotifications } from '../messages/sync-register-for-remote-notifications';
import { RpcSyncUnRegisterForRemoteNotifications } from '../messages/sync-unregister-for-remote-notifications';
import { parseNotifyFilter } from './notify-filter';
import {
  DEFAULT_REMOTE_NOTIFICATION_LIMITS,
  RemoteNotificationTable,
  type RemoteNotificationLimits,
} from './remote-notifications';
import { UserRegistrationBudget } from './user-registration-budget';

function notFound(what: string): RpcFaultError {
  return new RpcFaultError(FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH, `unknown ${what}`);
}

/**
 * The extension for one endpoint: each association group gets its own table; the per-user budget
 * is the endpoint's.
 */
export function remoteNotifyMethods(
  limits: RemoteNotificationLimits = DEFAULT_REMOTE_NOTIFICATION_LIMITS,
): (group: RprnGroupState) => RprnExtension & { readonly table: RemoteNotificationTable } {
  const budget = new UserRegistrationBudget();
  return (group) => {
    const table = new RemoteNotificationTable({ provider: group.provider, logger: group.logger, limits, budget });
    const methods: Partial<Record<number, (stub: Buffer, info: RpcCallInfo) => Promise<Buffer>>> = {
      [ParOpnum.RpcSyncRegisterForRemoteNotifications]: (stub, info) => {
        const M = RpcSyncRegisterForRemoteNotifications;
        const { hPrinter, filter } = decodeRequestStub(M, stub);
        const handle = group.handles.get(hPrinter, callerOf(info.caller));
        if (handle === undefined) throw notFound('PRINTER_HANDLE');
        const parsed = parseNotifyFilter(filter);
        if (parsed === undefined || handle.kind === 'job')
          return Promise.resolve(encodeResponseStub(M, { handle: NULL_CONTEXT_HANDLE, status: ParError.E_INVALIDARG }));
        const { status, wire } = table.register(handle, parsed, callerOf(info.caller), info.connectionClosed);
        return Promise.resolve(encodeResponseStub(M, { handle: wire ?? NULL_CONTEXT_HANDLE, status }));
      },
      [ParOpnum.RpcSyncUnRegisterForRemoteNotifications]: (stub) => {
        const M = RpcSyncUnRegisterForRemoteNotifications;
        const { handle } = decodeRequestStub(M, stub);
        if (!table.unregister(handle)) throw notFound('RMTNTFY_HANDLE');
        return Promise.resolve(encodeResponseStub(M, { handle: NULL_CONTEXT_HANDLE, status: 0 }));
      },
      [ParOpnum.RpcSyncRefreshRemoteNotifications]: async (stub) => {
        const M = RpcSyncRefreshRemoteNotifications;
        const { handle, filter } = decodeRequestStub(M, stub);
        if (!table.has(handle)) throw notFound('RMTNTFY_HANDLE');
        const parsed = parseNotifyFilter(filter);
        if (parsed === undefined) return encodeResponseStub(M, { status: ParError.E_INVALIDARG });
        return encodeResponseStub(M, await table.refresh(handle, parsed));
      },
      [ParOpnum.RpcAsyncGetRemoteNotifications]: async (stub) => {
        const M = RpcAsyncGetRemoteNotifications;
        const { handle } = decodeRequestStub(M, stub);
        if (!table.has(handle)) throw notFound('RMTNTFY_HANDLE');
        return encodeResponseStub(M, await table.poll(handle));
      },
    };
    return {
      table,
      call: (opnum, stub, info) => methods[opnum]?.(stub, info),
      close: () => table.close(),
    };
  };
}
