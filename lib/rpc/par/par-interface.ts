/**
 * MS-PAR's IRemoteWinspool (76F03F96-CDFD-44FC-A22C-64950A001209 v1.0, [MS-PAR] 1.9, 3.1) over
 * ncacn_ip_tcp: the same MS-RPRN operations, numbered by PAR_OPNUMS, dispatching into the same
 * spooler, with a handle table of its own per association group (a PAR handle used on MS-RPRN,
 * or the reverse, is not found: nca_s_fault_context_mismatch, [MS-PAR] 3.1.4 strict_context_handle).
 *
 * What IRemoteWinspool adds before an operation runs:
 *   - every call MUST carry object UUID 9940CA8E-512F-4C58-88A9-61098D6896BD ([MS-PAR] 3.1,
 *     3.2.3): without it, or with another, the call faults with nca_s_unsupported_type, what
 *     Samba's torture suite saw Windows answer (test_object_uuid);
 *   - RpcAsyncOpenPrinter refuses a client whose SPLCLIENT_INFO_1 carries a build before Windows
 *     Vista with ERROR_ACCESS_DENIED and a NULL handle (smbtorture
 *     test_AsyncOpenPrinterValidateBuildNumber, against Windows).
 * The least auth level (PKT_PRIVACY) is the server core's business (server/auth-policy.ts).
 * The notification methods, which MS-RPRN has no twin of, keep their state per association group.
 */
import { RpcFaultError } from '../../common/errors';
import { encodeResponseStub, decodeRequestStub } from '../ndr/ndr-message';
import { recordFields } from '../ndr/record-fields';
import { NULL_CONTEXT_HANDLE } from '../rprn/handle-table';
import { RpcOpenPrinterEx } from '../rprn/messages/open-printer-ex';
import { type RprnFlavour, type RprnInterfaceOptions, rprnInterface } from '../rprn/rprn-interface';
import type { RpcCallInfo, RpcInterfaceDefinition } from '../server/rpc-interface';
import { IREMOTEWINSPOOL_OBJECT_UUID, IREMOTEWINSPOOL_SYNTAX, ParError, ParOpnum, parOpnumName } from './constants';
import { parOnlyOperationFor } from './operations';
import type { RemoteNotificationLimits } from './notifications/remote-notifications';
import { remoteNotifyMethods } from './notifications/remote-notify-methods';
import { PAR_OPNUMS } from './par-opnums';

function screen(opnum: number, stub: Buffer, info: RpcCallInfo): Buffer | undefined {
  if (info.objectUuid !== IREMOTEWINSPOOL_OBJECT_UUID)
    throw new RpcFaultError(
      ParError.FAULT_OBJECT_UUID,
      `${parOpnumName(opnum) ?? `opnum ${opnum}`} with object UUID ${info.objectUuid ?? '(none)'}`,
    );
  if (opnum === ParOpnum.RpcAsyncOpenPrinter) return refuseOldClient(stub);
  return undefined;
}

/** RpcAsyncOpenPrinter's build check on SPLCLIENT_INFO_1 (or the same fields of level 3). */
function refuseOldClient(stub: Buffer): Buffer | undefined {
  const { clientInfo } = decodeRequestStub(RpcOpenPrinterEx, stub);
  if (clientInfo.info === undefined || (clientInfo.level !== 1 && clientInfo.level !== 3)) return undefined;
  const build = recordFields(clientInfo.info).number('dwBuildNum');
  if (build >= ParError.MIN_CLIENT_BUILD) return undefined;
  return encodeResponseStub(RpcOpenPrinterEx, { handle: NULL_CONTEXT_HANDLE, status: ParError.OLD_CLIENT_BUILD });
}

export const PAR_FLAVOUR: RprnFlavour = {
  syntax: IREMOTEWINSPOOL_SYNTAX,
  name: 'IRemoteWinspool',
  opnums: PAR_OPNUMS,
  operationFor: parOnlyOperationFor,
  screen,
};

export interface ParInterfaceOptions extends RprnInterfaceOptions {
  /** Bounds of the remote notifications ([MS-PAR] 3.1.4.9); the defaults otherwise. */
  readonly notifications?: RemoteNotificationLimits;
}

/**
 * IRemoteWinspool as registered on the print server's TCP endpoint, with its notification
 * methods (opnums 58-61, notifications/remote-notify-methods.ts).
 */
export function parInterface(options: ParInterfaceOptions): RpcInterfaceDefinition {
  return rprnInterface(options, { ...PAR_FLAVOUR, extension: remoteNotifyMethods(options.notifications) });
}
