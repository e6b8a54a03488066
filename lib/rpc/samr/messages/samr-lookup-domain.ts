/**
 * SamrLookupDomainInSamServer (opnum 5, [MS-SAMR] 3.1.5.11.1) and SamrEnumerateDomainsInSamServer
 * (opnum 6, 3.1.5.2.1).
 *
 *   SamrLookupDomainInSamServer
 *     request:  SAMPR_HANDLE ServerHandle (20) | PRPC_UNICODE_STRING Name ([ref]: the structure,
 *               then its buffer)
 *     response: [unique] PRPC_SID DomainId | NTSTATUS
 *   SamrEnumerateDomainsInSamServer
 *     request:  ServerHandle (20) | [in, out] u32 EnumerationContext | u32 PreferedMaximumLength
 *     response: u32 EnumerationContext | [unique] PSAMPR_ENUMERATION_BUFFER Buffer |
 *               u32 CountReturned | NTSTATUS
 */
import { readSid, readUnicodeString, writeSid, writeUnicodeString } from '../../ndr/dtyp-structures';
import { ndrMessage } from '../../ndr/ndr-message';
import { contextHandle, dword, type NdrParam } from '../../ndr/ndr-params';
import { enumerationBuffer } from './samr-structures';

const name: NdrParam<string> = {
  read(r) {
    let v = '';
    readUnicodeString(r, 'Name', (s) => (v = s ?? ''));
    r.flushDeferred();
    return v;
  },
  write(w, v) {
    writeUnicodeString(w, v);
    w.flushDeferred();
  },
};

const domainId: NdrParam<string | undefined> = {
  read(r) {
    let v: string | undefined;
    r.pointer(() => (v = readSid(r, 'DomainId')), false, 'DomainId');
    return v;
  },
  write(w, v) {
    w.pointer(v, (s) => writeSid(w, s), false);
  },
};

export const SamrLookupDomainInSamServer = ndrMessage(
  'SamrLookupDomainInSamServer',
  { handle: contextHandle('ServerHandle'), name },
  { domainId, status: dword('NTSTATUS') },
);

export const SamrEnumerateDomainsInSamServer = ndrMessage(
  'SamrEnumerateDomainsInSamServer',
  {
    handle: contextHandle('ServerHandle'),
    enumerationContext: dword('EnumerationContext'),
    preferedMaximumLength: dword('PreferedMaximumLength'),
  },
  {
    enumerationContext: dword('EnumerationContext'),
    buffer: enumerationBuffer,
    countReturned: dword('CountReturned'),
    status: dword('NTSTATUS'),
  },
);
