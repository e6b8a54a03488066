/**
 * The srvsvc interface (4b324fc8-1670-01d3-1278-5a47bf6ee188 v3.0, [MS-SRVS]) on `\pipe\srvsvc`:
 * just what `smbclient -L` and `net view` ask for. Other opnums fault with nca_s_op_rng_error.
 * Stateless: every association group shares one instance; the caller comes with each call.
 */
import { RpcFaultError } from '../../common/errors';
import { FaultStatus, MSRPC_UUID_SRVSVC } from '../constants';
import { NdrReader } from '../ndr/ndr-reader';
import type { RpcInterfaceInstance } from '../server/rpc-interface';
import { decodeNetServerGetInfoRequest, netServerGetInfo } from './net-server-get-info';
import type { ShareEntry } from './net-share-enum-all';
import { decodeNetShareEnumRequest, netShareEnum } from './net-share-enum-all';
import { SrvsvcOpnum } from './srvsvc-constants';

export interface SrvsvcOptions {
  readonly shares: () => ReadonlyArray<ShareEntry>;
  readonly serverName: string;
  readonly comment?: string;
}

export function createSrvsvcInterface(options: SrvsvcOptions): RpcInterfaceInstance {
  return {
    syntax: MSRPC_UUID_SRVSVC,
    name: 'srvsvc',
    call(opnum, stub, info): Promise<Buffer> {
      const r = new NdrReader(stub);
      switch (opnum) {
        case SrvsvcOpnum.NetrShareEnum:
          return Promise.resolve(
            netShareEnum(decodeNetShareEnumRequest(r), options.shares(), info.caller?.isAdministrator === true),
          );
        case SrvsvcOpnum.NetrServerGetInfo:
          return Promise.resolve(
            netServerGetInfo(decodeNetServerGetInfoRequest(r), options.serverName, options.comment ?? 'pointprint'),
          );
        default:
          return Promise.reject(new RpcFaultError(FaultStatus.NCA_S_OP_RNG_ERROR));
      }
    },
    close(): void {},
  };
}
