/**
 * The SAM interface ([MS-SAMR]) on `\pipe\samr` (and the LSA pipes, as Windows serves it), as far
 * as print tools use it to look accounts up: connect, find and enumerate the domains (the machine's
 * account domain and Builtin), open one, and translate names to RIDs and back. Read-only: no
 * opnum here changes anything, and a non-administrator asking for a write right gets
 * STATUS_ACCESS_DENIED. Other opnums fault with nca_s_op_rng_error; an unknown handle with
 * nca_s_fault_context_mismatch. One handle table per association group.
 */
import { RpcFaultError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { NtStatus } from '../../common/status/ntstatus';
import { grantAccess } from '../accounts/access';
import { SidNameUse, type AccountDirectory, type DirectoryDomain } from '../accounts/account-directory';
import { FaultStatus } from '../constants';
import { decodeRequestStub, encodeResponseStub } from '../ndr/ndr-message';
import { ContextHandleTable, NULL_HANDLE } from '../server/context-handles';
import type { RpcCallInfo, RpcInterfaceDefinition, RpcInterfaceInstance } from '../server/rpc-interface';
import { SamrCloseHandle } from './messages/samr-close-handle';
import { SamrConnect, SamrConnect2, SamrConnect5 } from './messages/samr-connect';
import { SamrLookupIdsInDomain, SamrLookupNamesInDomain } from './messages/samr-lookup-in-domain';
import { SamrEnumerateDomainsInSamServer, SamrLookupDomainInSamServer } from './messages/samr-lookup-domain';
import { SamrOpenDomain } from './messages/samr-open-domain';
import {
  DOMAIN_WRITE_RIGHTS,
  MSRPC_UUID_SAMR,
  SAM_READ_RIGHTS,
  SAM_REVISION,
  SAM_SERVER_WRITE_RIGHTS,
  SamrOpnum,
} from './samr-constants';

export interface SamrOptions {
  readonly directory: AccountDirectory;
  readonly logger: Logger;
}

type SamHandle =
  | { readonly kind: 'server'; readonly granted: number }
  | { readonly kind: 'domain'; readonly granted: number; readonly domain: DirectoryDomain };

export function samrInterface(options: SamrOptions): RpcInterfaceDefinition {
  return { syntax: MSRPC_UUID_SAMR, name: 'samr', instantiate: () => createSamrInterface(options) };
}

const ridOf = (sid: string): number => Number(sid.slice(sid.lastIndexOf('-') + 1)) >>> 0;

function mappedStatus(mapped: number, total: number): number {
  if (total > 0 && mapped === 0) return NtStatus.STATUS_NONE_MAPPED;
  return mapped < total ? NtStatus.STATUS_SOME_NOT_MAPPED : NtStatus.STATUS_SUCCESS;
}

export function createSamrInterface(options: SamrOptions): RpcInterfaceInstance {
  const handles = new ContextHandleTable<SamHandle>();
  const { directory } = options;
  // SAM names the BUILTIN domain "Builtin" ([MS-SAMR] 3.1.4.1).
  const domains: DirectoryDomain[] = [directory.accountDomain, { name: 'Builtin', sid: directory.builtinDomain.sid }];

  const handleOf = (wire: Buffer, info: RpcCallInfo): SamHandle => {
    const h = handles.get(wire, info.caller);
    if (h === undefined) throw new RpcFaultError(FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH);
    return h;
  };

  const add = (value: SamHandle | undefined, info: RpcCallInfo): { handle: Buffer; status: number } => {
    if (value === undefined) return { handle: NULL_HANDLE, status: NtStatus.STATUS_ACCESS_DENIED };
    const handle = handles.add(value, info.caller);
    if (handle === undefined) return { handle: NULL_HANDLE, status: NtStatus.STATUS_INSUFFICIENT_RESOURCES };
    return { handle, status: NtStatus.STATUS_SUCCESS };
  };

  const connect = (desired: number, info: RpcCallInfo): { handle: Buffer; status: number } => {
    const v = grantAccess(info.caller, desired, { readRights: SAM_READ_RIGHTS, writeRights: SAM_SERVER_WRITE_RIGHTS });
    return add('denied' in v ? undefined : { kind: 'server', granted: v.granted }, info);
  };

  /** The domain handle of a call, or undefined when the handle is a server handle. */
  const domainOf = (wire: Buffer, info: RpcCallInfo): DirectoryDomain | undefined => {
    const h = handleOf(wire, info);
    return h.kind === 'domain' ? h.domain : undefined;
  };

  function call(opnum: number, stub: Buffer, info: RpcCallInfo): Buffer {
    switch (opnum) {
      case SamrOpnum.SamrConnect: {
        const req = decodeRequestStub(SamrConnect, stub);
        return encodeResponseStub(SamrConnect, connect(req.desiredAccess, info));
      }
      case SamrOpnum.SamrConnect2: {
        const req = decodeRequestStub(SamrConnect2, stub);
        return encodeResponseStub(SamrConnect2, connect(req.desiredAccess, info));
      }
      case SamrOpnum.SamrConnect5: {
        const req = decodeRequestStub(SamrConnect5, stub);
        return encodeResponseStub(SamrConnect5, {
          outVersion: 1,
          outRevisionInfo: { revision: SAM_REVISION, supportedFeatures: 0 },
          ...connect(req.desiredAccess, info),
        });
      }
      case SamrOpnum.SamrCloseHandle: {
        const req = decodeRequestStub(SamrCloseHandle, stub);
        handleOf(req.handle, info);
        handles.remove(req.handle);
        return encodeResponseStub(SamrCloseHandle, { handle: NULL_HANDLE, status: NtStatus.STATUS_SUCCESS });
      }
      case SamrOpnum.SamrLookupDomainInSamServer: {
        const req = decodeRequestStub(SamrLookupDomainInSamServer, stub);
        if (handleOf(req.handle, info).kind !== 'server')
          return encodeResponseStub(SamrLookupDomainInSamServer, { status: NtStatus.STATUS_OBJECT_TYPE_MISMATCH });
        const found = domains.find((d) => d.name.toLowerCase() === req.name.toLowerCase());
        return encodeResponseStub(
          SamrLookupDomainInSamServer,
          found === undefined ? { status: NtStatus.STATUS_NO_SUCH_DOMAIN } : { domainId: found.sid, status: 0 },
        );
      }
      case SamrOpnum.SamrEnumerateDomainsInSamServer: {
        const req = decodeRequestStub(SamrEnumerateDomainsInSamServer, stub);
        if (handleOf(req.handle, info).kind !== 'server')
          return encodeResponseStub(SamrEnumerateDomainsInSamServer, {
            enumerationContext: req.enumerationContext,
            countReturned: 0,
            status: NtStatus.STATUS_OBJECT_TYPE_MISMATCH,
          });
        // Everything fits in one answer; the context says where the next call would start.
        const rest = domains.slice(req.enumerationContext);
        return encodeResponseStub(SamrEnumerateDomainsInSamServer, {
          enumerationContext: domains.length,
          buffer: rest.map((d) => ({ relativeId: 0, name: d.name })),
          countReturned: rest.length,
          status: NtStatus.STATUS_SUCCESS,
        });
      }
      case SamrOpnum.SamrOpenDomain: {
        const req = decodeRequestStub(SamrOpenDomain, stub);
        if (handleOf(req.handle, info).kind !== 'server')
          return encodeResponseStub(SamrOpenDomain, {
            handle: NULL_HANDLE,
            status: NtStatus.STATUS_OBJECT_TYPE_MISMATCH,
          });
        const domain = domains.find((d) => d.sid === req.domainId.toUpperCase());
        if (domain === undefined)
          return encodeResponseStub(SamrOpenDomain, { handle: NULL_HANDLE, status: NtStatus.STATUS_NO_SUCH_DOMAIN });
        const v = grantAccess(info.caller, req.desiredAccess, {
          readRights: SAM_READ_RIGHTS,
          writeRights: DOMAIN_WRITE_RIGHTS,
        });
        return encodeResponseStub(
          SamrOpenDomain,
          add('denied' in v ? undefined : { kind: 'domain', granted: v.granted, domain }, info),
        );
      }
      case SamrOpnum.SamrLookupNamesInDomain: {
        const req = decodeRequestStub(SamrLookupNamesInDomain, stub);
        const domain = domainOf(req.handle, info);
        if (domain === undefined)
          return encodeResponseStub(SamrLookupNamesInDomain, {
            relativeIds: [],
            use: [],
            status: NtStatus.STATUS_OBJECT_TYPE_MISMATCH,
          });
        const members = directory.members(domain.sid);
        const found = req.names.map((n) => members.find((m) => m.name.toLowerCase() === n.toLowerCase()));
        const mapped = found.filter((f) => f !== undefined).length;
        return encodeResponseStub(SamrLookupNamesInDomain, {
          relativeIds: found.map((f) => (f === undefined ? 0 : ridOf(f.sid))),
          use: found.map((f) => f?.use ?? SidNameUse.SidTypeUnknown),
          status: mappedStatus(mapped, req.names.length),
        });
      }
      case SamrOpnum.SamrLookupIdsInDomain: {
        const req = decodeRequestStub(SamrLookupIdsInDomain, stub);
        const domain = domainOf(req.handle, info);
        if (domain === undefined)
          return encodeResponseStub(SamrLookupIdsInDomain, {
            names: [],
            use: [],
            status: NtStatus.STATUS_OBJECT_TYPE_MISMATCH,
          });
        const members = directory.members(domain.sid);
        const found = req.relativeIds.map((rid) => members.find((m) => ridOf(m.sid) === rid));
        const mapped = found.filter((f) => f !== undefined).length;
        return encodeResponseStub(SamrLookupIdsInDomain, {
          names: found.map((f) => f?.name ?? ''),
          use: found.map((f) => f?.use ?? SidNameUse.SidTypeUnknown),
          status: mappedStatus(mapped, req.relativeIds.length),
        });
      }
      default:
        options.logger.debug('unsupported opnum', { iface: 'samr', opnum, callId: info.callId });
        throw new RpcFaultError(FaultStatus.NCA_S_OP_RNG_ERROR);
    }
  }

  return {
    syntax: MSRPC_UUID_SAMR,
    name: 'samr',
    call: (opnum, stub, info) => Promise.resolve().then(() => call(opnum, stub, info)),
    close: () => handles.clear(),
  };
}
