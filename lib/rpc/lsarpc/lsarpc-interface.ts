/**
 * The LSA interface ([MS-LSAD] policy handles, [MS-LSAT] lookups) on `\pipe\lsarpc`: what
 * `net rpc`, rpcclient and impacket ask a print server — open the policy, read the account and
 * primary domains (the machine SID), translate names and SIDs of the server's accounts. Read-only:
 * no opnum here changes anything. Other opnums fault with nca_s_op_rng_error; an unknown handle
 * faults with nca_s_fault_context_mismatch, as the Windows RPC runtime answers. One instance (one
 * handle table) per association group.
 */
import { RpcFaultError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { NtStatus } from '../../common/status/ntstatus';
import { grantAccess } from '../accounts/access';
import type { AccountDirectory } from '../accounts/account-directory';
import { FaultStatus } from '../constants';
import { decodeRequestStub, encodeResponseStub } from '../ndr/ndr-message';
import { ContextHandleTable, NULL_HANDLE } from '../server/context-handles';
import type { RpcCallInfo, RpcInterfaceDefinition, RpcInterfaceInstance } from '../server/rpc-interface';
import { lookupNames, lookupSids } from './lsa-lookup';
import {
  LsarOpnum,
  MSRPC_UUID_LSARPC,
  POLICY_LOOKUP_NAMES,
  POLICY_VIEW_LOCAL_INFORMATION,
  PolicyInformationClass,
  PolicyServerRoleBackup,
} from './lsarpc-constants';
import { LsarClose } from './messages/lsar-close';
import { LsarLookupNames, LsarLookupNames2, LsarLookupNames3 } from './messages/lsar-lookup-names';
import { LsarLookupSids, LsarLookupSids2 } from './messages/lsar-lookup-sids';
import { LsarOpenPolicy, LsarOpenPolicy2 } from './messages/lsar-open-policy';
import {
  LsarQueryInformationPolicy,
  LsarQueryInformationPolicy2,
  type PolicyInformation,
} from './messages/lsar-query-information-policy';

export interface LsarpcOptions {
  readonly directory: AccountDirectory;
  readonly logger: Logger;
}

/** The rights of a policy handle: reading, and the lookups ([MS-LSAD] 2.2.1.1.2). */
const POLICY_READ_RIGHTS = 0x00020000 | POLICY_VIEW_LOCAL_INFORMATION | 0x00000002 | POLICY_LOOKUP_NAMES | 0x00000004;
const POLICY_WRITE_RIGHTS = 0x000007f8 | 0x00001000;

interface PolicyHandle {
  readonly granted: number;
}

export function lsarpcInterface(options: LsarpcOptions): RpcInterfaceDefinition {
  return { syntax: MSRPC_UUID_LSARPC, name: 'lsarpc', instantiate: () => createLsarpcInterface(options) };
}

export function createLsarpcInterface(options: LsarpcOptions): RpcInterfaceInstance {
  const handles = new ContextHandleTable<PolicyHandle>();
  const { directory } = options;

  const policy = (wire: Buffer, info: RpcCallInfo): PolicyHandle => {
    const h = handles.get(wire, info.caller);
    if (h === undefined) throw new RpcFaultError(FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH);
    return h;
  };

  const open = (
    desiredAccess: number,
    rootDirectory: boolean,
    info: RpcCallInfo,
  ): { handle: Buffer; status: number } => {
    if (rootDirectory) return { handle: NULL_HANDLE, status: NtStatus.STATUS_INVALID_PARAMETER };
    const verdict = grantAccess(info.caller, desiredAccess, {
      readRights: POLICY_READ_RIGHTS,
      writeRights: POLICY_WRITE_RIGHTS,
    });
    if ('denied' in verdict) return { handle: NULL_HANDLE, status: NtStatus.STATUS_ACCESS_DENIED };
    const handle = handles.add({ granted: verdict.granted }, info.caller);
    if (handle === undefined) return { handle: NULL_HANDLE, status: NtStatus.STATUS_INSUFFICIENT_RESOURCES };
    return { handle, status: NtStatus.STATUS_SUCCESS };
  };

  const policyInformation = (infoClass: number): PolicyInformation | undefined => {
    switch (infoClass) {
      case PolicyInformationClass.PolicyPrimaryDomainInformation:
        return { kind: 'domain', name: directory.primaryDomainName };
      case PolicyInformationClass.PolicyAccountDomainInformation:
      case PolicyInformationClass.PolicyLocalAccountDomainInformation:
        return { kind: 'domain', name: directory.accountDomain.name, sid: directory.accountDomain.sid };
      case PolicyInformationClass.PolicyLsaServerRoleInformation:
        return { kind: 'role', role: PolicyServerRoleBackup };
      case PolicyInformationClass.PolicyDnsDomainInformation:
        // A server in a workgroup: the workgroup's name, no DNS domain, no GUID, no SID.
        return { kind: 'dns', name: directory.primaryDomainName, dnsDomainName: '', dnsForestName: '' };
      default:
        return undefined;
    }
  };

  const query = (
    stub: Buffer,
    message: typeof LsarQueryInformationPolicy | typeof LsarQueryInformationPolicy2,
    call: RpcCallInfo,
  ): Buffer => {
    const req = decodeRequestStub(message, stub);
    const h = policy(req.handle, call);
    const info = policyInformation(req.infoClass);
    if (info === undefined) return encodeResponseStub(message, { status: NtStatus.STATUS_INVALID_PARAMETER });
    if ((h.granted & POLICY_VIEW_LOCAL_INFORMATION) === 0)
      return encodeResponseStub(message, { status: NtStatus.STATUS_ACCESS_DENIED });
    return encodeResponseStub(message, {
      policyInformation: { infoClass: req.infoClass, info },
      status: NtStatus.STATUS_SUCCESS,
    });
  };

  const lookupAllowed = (wire: Buffer, info: RpcCallInfo): boolean =>
    (policy(wire, info).granted & POLICY_LOOKUP_NAMES) !== 0;

  function call(opnum: number, stub: Buffer, info: RpcCallInfo): Buffer {
    switch (opnum) {
      case LsarOpnum.LsarClose: {
        const req = decodeRequestStub(LsarClose, stub);
        policy(req.handle, info);
        handles.remove(req.handle);
        return encodeResponseStub(LsarClose, { handle: NULL_HANDLE, status: NtStatus.STATUS_SUCCESS });
      }
      case LsarOpnum.LsarOpenPolicy: {
        const req = decodeRequestStub(LsarOpenPolicy, stub);
        return encodeResponseStub(LsarOpenPolicy, open(req.desiredAccess, req.objectAttributes.rootDirectory, info));
      }
      case LsarOpnum.LsarOpenPolicy2: {
        const req = decodeRequestStub(LsarOpenPolicy2, stub);
        return encodeResponseStub(LsarOpenPolicy2, open(req.desiredAccess, req.objectAttributes.rootDirectory, info));
      }
      case LsarOpnum.LsarQueryInformationPolicy:
        return query(stub, LsarQueryInformationPolicy, info);
      case LsarOpnum.LsarQueryInformationPolicy2:
        return query(stub, LsarQueryInformationPolicy2, info);
      case LsarOpnum.LsarLookupNames:
      case LsarOpnum.LsarLookupNames2:
      case LsarOpnum.LsarLookupNames3: {
        const message =
          opnum === LsarOpnum.LsarLookupNames
            ? LsarLookupNames
            : opnum === LsarOpnum.LsarLookupNames2
              ? LsarLookupNames2
              : LsarLookupNames3;
        const req = decodeRequestStub(message, stub);
        if (!lookupAllowed(req.handle, info))
          return encodeResponseStub(message, {
            translatedSids: [],
            mappedCount: 0,
            status: NtStatus.STATUS_ACCESS_DENIED,
          });
        const result = lookupNames(directory, req.names);
        return encodeResponseStub(message, {
          referencedDomains: result.domains,
          translatedSids: result.translated,
          mappedCount: result.mappedCount,
          status: result.status,
        });
      }
      case LsarOpnum.LsarLookupSids:
      case LsarOpnum.LsarLookupSids2: {
        const message = opnum === LsarOpnum.LsarLookupSids ? LsarLookupSids : LsarLookupSids2;
        const req = decodeRequestStub(message, stub);
        if (!lookupAllowed(req.handle, info))
          return encodeResponseStub(message, {
            translatedNames: [],
            mappedCount: 0,
            status: NtStatus.STATUS_ACCESS_DENIED,
          });
        const result = lookupSids(directory, req.sids);
        return encodeResponseStub(message, {
          referencedDomains: result.domains,
          translatedNames: result.translated,
          mappedCount: result.mappedCount,
          status: result.status,
        });
      }
      default:
        options.logger.debug('unsupported opnum', { iface: 'lsarpc', opnum, callId: info.callId });
        throw new RpcFaultError(FaultStatus.NCA_S_OP_RNG_ERROR);
    }
  }

  return {
    syntax: MSRPC_UUID_LSARPC,
    name: 'lsarpc',
    call: (opnum, stub, info) => Promise.resolve().then(() => call(opnum, stub, info)),
    close: () => handles.clear(),
  };
}
