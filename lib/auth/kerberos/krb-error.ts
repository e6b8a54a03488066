/**
 * KRB-ERROR — RFC 4120 5.9.1:
 *
 *   KRB-ERROR ::= [APPLICATION 30] SEQUENCE { pvno [0] INTEGER (5), msg-type [1] INTEGER (30),
 *     ctime [2] KerberosTime OPTIONAL, cusec [3] Microseconds OPTIONAL, stime [4] KerberosTime,
 *     susec [5] Microseconds, error-code [6] Int32, crealm [7] Realm OPTIONAL,
 *     cname [8] PrincipalName OPTIONAL, realm [9] Realm, sname [10] PrincipalName,
 *     e-text [11] KerberosString OPTIONAL, e-data [12] OCTET STRING OPTIONAL }
 */
import { KRB5_PVNO, KrbMessageType } from './constants';
import {
  type Asn,
  Fields,
  application,
  integer,
  kerberosString,
  kerberosTime,
  octetString,
  readInt32,
  readKerberosString,
  readKerberosTime,
  readMicroseconds,
  readOctets,
  sequence,
  unwrapApplication,
} from './der';
import { type PrincipalName, decodePrincipalName, encodePrincipalName } from './krb-types';
import { checkVersion } from './ticket';

export interface KrbErrorMessage {
  readonly ctime?: Date;
  readonly cusec?: number;
  readonly stime: Date;
  readonly susec: number;
  readonly errorCode: number;
  readonly crealm?: string;
  readonly cname?: PrincipalName;
  readonly realm: string;
  readonly sname: PrincipalName;
  readonly eText?: string;
  readonly eData?: Buffer;
}

export function decodeKrbError(block: Asn, what = 'KRB-ERROR'): KrbErrorMessage {
  const f = new Fields(unwrapApplication(block, KrbMessageType.KRB_ERROR, what), what);
  checkVersion(f.required(0, 'pvno'), f.name('pvno'));
  checkVersion(f.required(1, 'msg-type'), f.name('msg-type'), KrbMessageType.KRB_ERROR);
  const ctime = f.optional(2);
  const cusec = f.optional(3);
  const crealm = f.optional(7);
  const cname = f.optional(8);
  const eText = f.optional(11);
  const eData = f.optional(12);
  return {
    ...(ctime && { ctime: readKerberosTime(ctime, f.name('ctime')) }),
    ...(cusec && { cusec: readMicroseconds(cusec, f.name('cusec')) }),
    stime: readKerberosTime(f.required(4, 'stime'), f.name('stime')),
    susec: readMicroseconds(f.required(5, 'susec'), f.name('susec')),
    errorCode: readInt32(f.required(6, 'error-code'), f.name('error-code')),
    ...(crealm && { crealm: readKerberosString(crealm, f.name('crealm')) }),
    ...(cname && { cname: decodePrincipalName(cname, f.name('cname')) }),
    realm: readKerberosString(f.required(9, 'realm'), f.name('realm')),
    sname: decodePrincipalName(f.required(10, 'sname'), f.name('sname')),
    ...(eText && { eText: readKerberosString(eText, f.name('e-text')) }),
    ...(eData && { eData: readOctets(eData, f.name('e-data')) }),
  };
}

export function encodeKrbError(e: KrbErrorMessage): Asn {
  return application(
    KrbMessageType.KRB_ERROR,
    sequence([
      [0, integer(KRB5_PVNO)],
      [1, integer(KrbMessageType.KRB_ERROR)],
      [2, e.ctime && kerberosTime(e.ctime)],
      [3, e.cusec !== undefined ? integer(e.cusec) : undefined],
      [4, kerberosTime(e.stime)],
      [5, integer(e.susec)],
      [6, integer(e.errorCode)],
      [7, e.crealm !== undefined ? kerberosString(e.crealm) : undefined],
      [8, e.cname && encodePrincipalName(e.cname)],
      [9, kerberosString(e.realm)],
      [10, encodePrincipalName(e.sname)],
      [11, e.eText !== undefined ? kerberosString(e.eText) : undefined],
      [12, e.eData && octetString(e.eData)],
    ]),
  );
}
