/**
 * SamrConnect (opnum 0, [MS-SAMR] 3.1.5.1.4), SamrConnect2 (opnum 57, 3.1.5.1.3) and
 * SamrConnect5 (opnum 64, 3.1.5.1.1).
 *
 *   SamrConnect  request: [unique] wchar_t* ServerName (one u16 character) | u32 DesiredAccess
 *   SamrConnect2 request: [unique, string] wchar_t* ServerName | u32 DesiredAccess
 *       response: SAMPR_HANDLE ServerHandle (20) | NTSTATUS
 *   SamrConnect5 request: [unique, string] ServerName | u32 DesiredAccess | u32 InVersion |
 *                 SAMPR_REVISION_INFO (union: u32 tag = InVersion, V1 { u32 Revision;
 *                 u32 SupportedFeatures })
 *       response: u32 OutVersion | SAMPR_REVISION_INFO (tag, V1) | ServerHandle (20) | NTSTATUS
 */
import { MalformedPacketError } from '../../../common/errors';
import { ndrMessage } from '../../ndr/ndr-message';
import { contextHandle, dword, type NdrParam } from '../../ndr/ndr-params';

const serverNameChar: NdrParam<number | undefined> = {
  read(r) {
    let c: number | undefined;
    r.pointer(() => (c = r.u16('ServerName')), false, 'ServerName');
    return c;
  },
  write(w, v) {
    w.pointer(v, (c) => w.u16(c), false);
  },
};

const serverNameString: NdrParam<string | undefined> = {
  read: (r) => r.uniqueString('ServerName'),
  write: (w, v) => void w.uniqueString(v),
};

export interface RevisionInfo {
  readonly revision: number;
  readonly supportedFeatures: number;
}

/** The union after its version: only V1 exists. */
const revisionInfo = (field: string): NdrParam<RevisionInfo> => ({
  read(r) {
    const tag = r.u32(`${field}.tag`);
    if (tag !== 1) throw new MalformedPacketError(`${field}: revision info version ${tag}`, { field });
    return { revision: r.u32(`${field}.Revision`), supportedFeatures: r.u32(`${field}.SupportedFeatures`) };
  },
  write(w, v) {
    w.u32(1).u32(v.revision).u32(v.supportedFeatures);
  },
});

const response = { handle: contextHandle('ServerHandle'), status: dword('NTSTATUS') };

export const SamrConnect = ndrMessage(
  'SamrConnect',
  { serverName: serverNameChar, desiredAccess: dword('DesiredAccess') },
  response,
);

export const SamrConnect2 = ndrMessage(
  'SamrConnect2',
  { serverName: serverNameString, desiredAccess: dword('DesiredAccess') },
  response,
);

export const SamrConnect5 = ndrMessage(
  'SamrConnect5',
  {
    serverName: serverNameString,
    desiredAccess: dword('DesiredAccess'),
    inVersion: dword('InVersion'),
    inRevisionInfo: revisionInfo('InRevisionInfo'),
  },
  { outVersion: dword('OutVersion'), outRevisionInfo: revisionInfo('OutRevisionInfo'), ...response },
);
