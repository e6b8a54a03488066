/**
 * The client/server exchange — RFC 4120 5.5:
 *
 *   AP-REQ ::= [APPLICATION 14] SEQUENCE { pvno [0] INTEGER (5), msg-type [1] INTEGER (14),
 *              ap-options [2] APOptions, ticket [3] Ticket, authenticator [4] EncryptedData }
 *   Authenticator ::= [APPLICATION 2] SEQUENCE { authenticator-vno [0] INTEGER (5), crealm [1] Realm,
 *              cname [2] PrincipalName, cksum [3] Checksum OPTIONAL, cusec [4] Microseconds,
 *              ctime [5] KerberosTime, subkey [6] EncryptionKey OPTIONAL, seq-number [7] UInt32 OPTIONAL,
 *              authorization-data [8] AuthorizationData OPTIONAL }
 *   AP-REP ::= [APPLICATION 15] SEQUENCE { pvno [0] INTEGER (5), msg-type [1] INTEGER (15), enc-part [2] EncryptedData }
 *   EncAPRepPart ::= [APPLICATION 27] SEQUENCE { ctime [0] KerberosTime, cusec [1] Microseconds,
 *              subkey [2] EncryptionKey OPTIONAL, seq-number [3] UInt32 OPTIONAL }
 */
import { KRB5_PVNO, KrbApplicationTag, KrbMessageType } from './constants';
import {
  type Asn,
  Fields,
  application,
  der,
  integer,
  kerberosFlags,
  kerberosString,
  kerberosTime,
  parseDer,
  readFlags,
  readKerberosString,
  readKerberosTime,
  readMicroseconds,
  readUInt32,
  sequence,
  unwrapApplication,
} from './der';
import {
  type AuthorizationDataEntry,
  type Checksum,
  type EncryptedData,
  type EncryptionKey,
  type PrincipalName,
  decodeAuthorizationData,
  decodeChecksum,
  decodeEncryptedData,
  decodeEncryptionKey,
  decodePrincipalName,
  encodeAuthorizationData,
  encodeChecksum,
  encodeEncryptedData,
  encodeEncryptionKey,
  encodePrincipalName,
} from './krb-types';
import { type Ticket, checkVersion, decodeTicket, ticketAsn } from './ticket';

export interface ApReq {
  readonly apOptions: number;
  readonly ticket: Ticket;
  readonly authenticator: EncryptedData;
}

export interface Authenticator {
  readonly crealm: string;
  readonly cname: PrincipalName;
  readonly cksum?: Checksum;
  readonly cusec: number;
  readonly ctime: Date;
  readonly subkey?: EncryptionKey;
  readonly seqNumber?: number;
  readonly authorizationData?: readonly AuthorizationDataEntry[];
}

export interface EncApRepPart {
  readonly ctime: Date;
  readonly cusec: number;
  readonly subkey?: EncryptionKey;
  readonly seqNumber?: number;
}

export function decodeApReq(block: Asn, what = 'AP-REQ'): ApReq {
  const f = new Fields(unwrapApplication(block, KrbMessageType.KRB_AP_REQ, what), what);
  checkVersion(f.required(0, 'pvno'), f.name('pvno'));
  checkVersion(f.required(1, 'msg-type'), f.name('msg-type'), KrbMessageType.KRB_AP_REQ);
  return {
    apOptions: readFlags(f.required(2, 'ap-options'), f.name('ap-options')),
    ticket: decodeTicket(f.required(3, 'ticket'), f.name('ticket')),
    authenticator: decodeEncryptedData(f.required(4, 'authenticator'), f.name('authenticator')),
  };
}

export function decodeApReqBytes(bytes: Uint8Array): ApReq {
  return decodeApReq(parseDer(bytes, 'AP-REQ'));
}

export function encodeApReq(req: {
  apOptions: number;
  ticket: Pick<Ticket, 'der'>;
  authenticator: EncryptedData;
}): Asn {
  return application(
    KrbMessageType.KRB_AP_REQ,
    sequence([
      [0, integer(KRB5_PVNO)],
      [1, integer(KrbMessageType.KRB_AP_REQ)],
      [2, kerberosFlags(req.apOptions)],
      [3, ticketAsn(req.ticket)],
      [4, encodeEncryptedData(req.authenticator)],
    ]),
  );
}

export function decodeAuthenticator(bytes: Uint8Array): Authenticator {
  const what = 'Authenticator';
  const f = new Fields(unwrapApplication(parseDer(bytes, what), KrbApplicationTag.AUTHENTICATOR, what), what);
  checkVersion(f.required(0, 'authenticator-vno'), f.name('authenticator-vno'));
  const cksum = f.optional(3);
  const subkey = f.optional(6);
  const seq = f.optional(7);
  const authData = f.optional(8);
  return {
    crealm: readKerberosString(f.required(1, 'crealm'), f.name('crealm')),
    cname: decodePrincipalName(f.required(2, 'cname'), f.name('cname')),
    ...(cksum && { cksum: decodeChecksum(cksum, f.name('cksum')) }),
    cusec: readMicroseconds(f.required(4, 'cusec'), f.name('cusec')),
    ctime: readKerberosTime(f.required(5, 'ctime'), f.name('ctime')),
    ...(subkey && { subkey: decodeEncryptionKey(subkey, f.name('subkey')) }),
    ...(seq && { seqNumber: readUInt32(seq, f.name('seq-number')) }),
    ...(authData && { authorizationData: decodeAuthorizationData(authData, f.name('authorization-data')) }),
  };
}

export function encodeAuthenticator(a: Authenticator): Buffer {
  return der(
    application(
      KrbApplicationTag.AUTHENTICATOR,
      sequence([
        [0, integer(KRB5_PVNO)],
        [1, kerberosString(a.crealm)],
        [2, encodePrincipalName(a.cname)],
        [3, a.cksum && encodeChecksum(a.cksum)],
        [4, integer(a.cusec)],
        [5, kerberosTime(a.ctime)],
        [6, a.subkey && encodeEncryptionKey(a.subkey)],
        [7, a.seqNumber !== undefined ? integer(a.seqNumber) : undefined],
        [8, a.authorizationData && encodeAuthorizationData(a.authorizationData)],
      ]),
    ),
  );
}

export function decodeApRep(block: Asn, what = 'AP-REP'): EncryptedData {
  const f = new Fields(unwrapApplication(block, KrbMessageType.KRB_AP_REP, what), what);
  checkVersion(f.required(0, 'pvno'), f.name('pvno'));
  checkVersion(f.required(1, 'msg-type'), f.name('msg-type'), KrbMessageType.KRB_AP_REP);
  return decodeEncryptedData(f.required(2, 'enc-part'), f.name('enc-part'));
}

export function encodeApRep(encPart: EncryptedData): Asn {
  return application(
    KrbMessageType.KRB_AP_REP,
    sequence([
      [0, integer(KRB5_PVNO)],
      [1, integer(KrbMessageType.KRB_AP_REP)],
      [2, encodeEncryptedData(encPart)],
    ]),
  );
}

export function decodeEncApRepPart(bytes: Uint8Array): EncApRepPart {
  const what = 'EncAPRepPart';
  const f = new Fields(unwrapApplication(parseDer(bytes, what), KrbApplicationTag.ENC_AP_REP_PART, what), what);
  const subkey = f.optional(2);
  const seq = f.optional(3);
  return {
    ctime: readKerberosTime(f.required(0, 'ctime'), f.name('ctime')),
    cusec: readMicroseconds(f.required(1, 'cusec'), f.name('cusec')),
    ...(subkey && { subkey: decodeEncryptionKey(subkey, f.name('subkey')) }),
    ...(seq && { seqNumber: readUInt32(seq, f.name('seq-number')) }),
  };
}

export function encodeEncApRepPart(p: EncApRepPart): Buffer {
  return der(
    application(
      KrbApplicationTag.ENC_AP_REP_PART,
      sequence([
        [0, kerberosTime(p.ctime)],
        [1, integer(p.cusec)],
        [2, p.subkey && encodeEncryptionKey(p.subkey)],
        [3, p.seqNumber !== undefined ? integer(p.seqNumber) : undefined],
      ]),
    ),
  );
}
