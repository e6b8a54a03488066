/**
 * The client's KDC exchanges — RFC 4120 5.4 (AS and TGS):
 *
 *   AS-REQ ::= [APPLICATION 10] KDC-REQ      TGS-REQ ::= [APPLICATION 12] KDC-REQ
 *   KDC-REQ ::= SEQUENCE { pvno [1] INTEGER (5), msg-type [2] INTEGER, padata [3] SEQUENCE OF PA-DATA OPTIONAL,
 *                          req-body [4] KDC-REQ-BODY }
 *   KDC-REQ-BODY ::= SEQUENCE { kdc-options [0] KDCOptions, cname [1] PrincipalName OPTIONAL, realm [2] Realm,
 *     sname [3] PrincipalName OPTIONAL, from [4] KerberosTime OPTIONAL, till [5] KerberosTime,
 *     rtime [6] KerberosTime OPTIONAL, nonce [7] UInt32, etype [8] SEQUENCE OF Int32, ... }
 *   AS-REP ::= [APPLICATION 11] KDC-REP      TGS-REP ::= [APPLICATION 13] KDC-REP
 *   KDC-REP ::= SEQUENCE { pvno [0] INTEGER (5), msg-type [1] INTEGER, padata [2] SEQUENCE OF PA-DATA OPTIONAL,
 *     crealm [3] Realm, cname [4] PrincipalName, ticket [5] Ticket, enc-part [6] EncryptedData }
 *   EncASRepPart ::= [APPLICATION 25] EncKDCRepPart   EncTGSRepPart ::= [APPLICATION 26] EncKDCRepPart
 *   EncKDCRepPart ::= SEQUENCE { key [0] EncryptionKey, last-req [1] LastReq, nonce [2] UInt32,
 *     key-expiration [3] KerberosTime OPTIONAL, flags [4] TicketFlags, authtime [5] KerberosTime,
 *     starttime [6] KerberosTime OPTIONAL, endtime [7] KerberosTime, renew-till [8] KerberosTime OPTIONAL,
 *     srealm [9] Realm, sname [10] PrincipalName, caddr [11] HostAddresses OPTIONAL, ... }
 *   PA-ENC-TS-ENC ::= SEQUENCE { patimestamp [0] KerberosTime, pausec [1] Microseconds OPTIONAL }
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
  malformed,
  parseDer,
  readFlags,
  readKerberosString,
  readKerberosTime,
  readUInt32,
  sequence,
  sequenceOf,
  unwrapApplication,
} from './der';
import {
  type EncryptedData,
  type EncryptionKey,
  type PaData,
  type PrincipalName,
  decodeEncryptedData,
  decodeEncryptionKey,
  decodePaData,
  decodePrincipalName,
  encodePaData,
  encodePrincipalName,
} from './krb-types';
import { type Ticket, checkVersion, decodeTicket } from './ticket';

export interface KdcReqBody {
  readonly kdcOptions: number;
  readonly cname?: PrincipalName;
  readonly realm: string;
  readonly sname: PrincipalName;
  readonly till: Date;
  readonly nonce: number;
  readonly etypes: readonly number[];
}

export interface KdcRep {
  readonly msgType: number;
  readonly padata: readonly PaData[];
  readonly crealm: string;
  readonly cname: PrincipalName;
  readonly ticket: Ticket;
  readonly encPart: EncryptedData;
}

export interface EncKdcRepPart {
  readonly key: EncryptionKey;
  readonly nonce: number;
  readonly flags: number;
  readonly authtime: Date;
  readonly starttime?: Date;
  readonly endtime: Date;
  readonly renewTill?: Date;
  readonly srealm: string;
  readonly sname: PrincipalName;
}

/** KDC-REQ-BODY as DER: the TGS-REQ authenticator's checksum covers exactly these bytes. */
export function encodeKdcReqBody(b: KdcReqBody): Buffer {
  return der(
    sequence([
      [0, kerberosFlags(b.kdcOptions)],
      [1, b.cname && encodePrincipalName(b.cname)],
      [2, kerberosString(b.realm)],
      [3, encodePrincipalName(b.sname)],
      [5, kerberosTime(b.till)],
      [7, integer(b.nonce)],
      [8, sequenceOf(b.etypes.map(integer))],
    ]),
  );
}

/** AS-REQ or TGS-REQ around an already-encoded body. */
export function encodeKdcReq(msgType: 10 | 12, padata: readonly PaData[], bodyDer: Buffer): Buffer {
  return der(
    application(
      msgType,
      sequence([
        [1, integer(KRB5_PVNO)],
        [2, integer(msgType)],
        [3, padata.length > 0 ? encodePaData(padata) : undefined],
        [4, parseDer(bodyDer, 'KDC-REQ-BODY')],
      ]),
    ),
  );
}

export function decodeKdcRep(block: Asn, msgType: 11 | 13): KdcRep {
  const what = msgType === KrbMessageType.KRB_AS_REP ? 'AS-REP' : 'TGS-REP';
  const f = new Fields(unwrapApplication(block, msgType, what), what);
  checkVersion(f.required(0, 'pvno'), f.name('pvno'));
  checkVersion(f.required(1, 'msg-type'), f.name('msg-type'), msgType);
  const padata = f.optional(2);
  return {
    msgType,
    padata: padata ? decodePaData(padata, f.name('padata')) : [],
    crealm: readKerberosString(f.required(3, 'crealm'), f.name('crealm')),
    cname: decodePrincipalName(f.required(4, 'cname'), f.name('cname')),
    ticket: decodeTicket(f.required(5, 'ticket'), f.name('ticket')),
    encPart: decodeEncryptedData(f.required(6, 'enc-part'), f.name('enc-part')),
  };
}

/** EncASRepPart or EncTGSRepPart (MIT and Windows may send either tag for an AS-REP: both are taken). */
export function decodeEncKdcRepPart(bytes: Uint8Array): EncKdcRepPart {
  const what = 'EncKDCRepPart';
  const top = parseDer(bytes, what);
  const tag = top.idBlock.tagNumber;
  if (tag !== KrbApplicationTag.ENC_AS_REP_PART && tag !== KrbApplicationTag.ENC_TGS_REP_PART)
    throw malformed(what, `unexpected [APPLICATION ${tag}]`);
  const f = new Fields(unwrapApplication(top, tag, what), what);
  const starttime = f.optional(6);
  const renewTill = f.optional(8);
  return {
    key: decodeEncryptionKey(f.required(0, 'key'), f.name('key')),
    nonce: readUInt32(f.required(2, 'nonce'), f.name('nonce')),
    flags: readFlags(f.required(4, 'flags'), f.name('flags')),
    authtime: readKerberosTime(f.required(5, 'authtime'), f.name('authtime')),
    ...(starttime && { starttime: readKerberosTime(starttime, f.name('starttime')) }),
    endtime: readKerberosTime(f.required(7, 'endtime'), f.name('endtime')),
    ...(renewTill && { renewTill: readKerberosTime(renewTill, f.name('renew-till')) }),
    srealm: readKerberosString(f.required(9, 'srealm'), f.name('srealm')),
    sname: decodePrincipalName(f.required(10, 'sname'), f.name('sname')),
  };
}

/** PA-ENC-TS-ENC, the plaintext of the AS-REQ's encrypted timestamp. */
export function encodePaEncTsEnc(now: Date, usec: number): Buffer {
  return der(
    sequence([
      [0, kerberosTime(now)],
      [1, integer(usec)],
    ]),
  );
}
