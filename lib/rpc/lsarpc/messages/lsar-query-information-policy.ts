/**
 * LsarQueryInformationPolicy (opnum 7, [MS-LSAD] 3.1.4.4.4) and LsarQueryInformationPolicy2
 * (opnum 46, 3.1.4.4.3), which share their NDR.
 *
 *   request:  LSAPR_HANDLE PolicyHandle (20) | POLICY_INFORMATION_CLASS InformationClass (enum: u16)
 *   response: [unique] PLSAPR_POLICY_INFORMATION: referent id, then the union: u16 discriminant,
 *             the arm (2.2.4.2):
 *               3, 5, 14  { RPC_UNICODE_STRING Name; PRPC_SID Sid }  (PRIMARY_DOM / ACCOUNT_DOM)
 *               6         { u16 LsaServerRole }
 *               12        { RPC_UNICODE_STRING Name, DnsDomainName, DnsForestName;
 *                           GUID DomainGuid (16); PRPC_SID Sid }
 *             then the deferred strings and SIDs | NTSTATUS
 */
import { MalformedPacketError } from '../../../common/errors';
import { readSid, readUnicodeString, writeSid, writeUnicodeString } from '../../ndr/dtyp-structures';
import { ndrMessage } from '../../ndr/ndr-message';
import { contextHandle, dword, type NdrParam } from '../../ndr/ndr-params';
import type { NdrReader } from '../../ndr/ndr-reader';
import type { NdrWriter } from '../../ndr/ndr-writer';
import { PolicyInformationClass } from '../lsarpc-constants';

/** One arm of LSAPR_POLICY_INFORMATION. */
export type PolicyInformation =
  | { readonly kind: 'domain'; readonly name: string; readonly sid?: string }
  | { readonly kind: 'role'; readonly role: number }
  | { readonly kind: 'dns'; readonly name: string; readonly dnsDomainName: string; readonly dnsForestName: string };

export interface PolicyInformationResult {
  readonly infoClass: number;
  readonly info: PolicyInformation;
}

const u16 = (field: string): NdrParam<number> => ({ read: (r) => r.u16(field), write: (w, v) => void w.u16(v) });

function writeInfo(w: NdrWriter, { infoClass, info }: PolicyInformationResult): void {
  w.u16(infoClass);
  switch (info.kind) {
    case 'domain':
      w.align(4);
      writeUnicodeString(w, info.name);
      w.pointer(info.sid, (s) => writeSid(w, s), true);
      break;
    case 'role':
      w.u16(info.role);
      break;
    case 'dns':
      w.align(4);
      writeUnicodeString(w, info.name);
      writeUnicodeString(w, info.dnsDomainName);
      writeUnicodeString(w, info.dnsForestName);
      w.bytes(Buffer.alloc(16)); // DomainGuid: none outside a domain
      w.pointer(undefined, (s: string) => writeSid(w, s), true);
      break;
  }
}

function readInfo(r: NdrReader): PolicyInformationResult {
  const infoClass = r.u16('InformationClass');
  const str = (field: string): (() => string) => {
    let value = '';
    readUnicodeString(r, field, (v) => (value = v ?? ''));
    return () => value;
  };
  switch (infoClass) {
    case PolicyInformationClass.PolicyPrimaryDomainInformation:
    case PolicyInformationClass.PolicyAccountDomainInformation:
    case PolicyInformationClass.PolicyLocalAccountDomainInformation: {
      r.align(4);
      const name = str('Name');
      let sid: string | undefined;
      r.pointer(() => (sid = readSid(r)), true, 'Sid');
      r.flushDeferred();
      return { infoClass, info: { kind: 'domain', name: name(), ...(sid !== undefined && { sid }) } };
    }
    case PolicyInformationClass.PolicyLsaServerRoleInformation:
      return { infoClass, info: { kind: 'role', role: r.u16('LsaServerRole') } };
    case PolicyInformationClass.PolicyDnsDomainInformation: {
      r.align(4);
      const name = str('Name');
      const dns = str('DnsDomainName');
      const forest = str('DnsForestName');
      r.bytes(16, 'DomainGuid');
      r.pointer(() => readSid(r), true, 'Sid');
      r.flushDeferred();
      return { infoClass, info: { kind: 'dns', name: name(), dnsDomainName: dns(), dnsForestName: forest() } };
    }
    default:
      throw new MalformedPacketError(`PolicyInformation: class ${infoClass} not decoded`, {
        field: 'PolicyInformation',
      });
  }
}

const policyInformation: NdrParam<PolicyInformationResult | undefined> = {
  read(r) {
    let value: PolicyInformationResult | undefined;
    r.pointer(() => (value = readInfo(r)), false, 'PolicyInformation');
    return value;
  },
  write(w, v) {
    w.pointer(v, (x) => writeInfo(w, x), false);
  },
};

const request = { handle: contextHandle('PolicyHandle'), infoClass: u16('InformationClass') };
const response = { policyInformation, status: dword('NTSTATUS') };

export const LsarQueryInformationPolicy = ndrMessage('LsarQueryInformationPolicy', request, response);
export const LsarQueryInformationPolicy2 = ndrMessage('LsarQueryInformationPolicy2', request, response);
