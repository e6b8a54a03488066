/**
 * Ticket and EncTicketPart — RFC 4120 5.3:
 *
 *   Ticket ::= [APPLICATION 1] SEQUENCE { tkt-vno [0] INTEGER (5), realm [1] Realm,
 *                                         sname [2] PrincipalName, enc-part [3] EncryptedData }
 *   EncTicketPart ::= [APPLICATION 3] SEQUENCE {
 *     flags [0] TicketFlags, key [1] EncryptionKey, crealm [2] Realm, cname [3] PrincipalName,
 *     transited [4] TransitedEncoding, authtime [5] KerberosTime, starttime [6] KerberosTime OPTIONAL,
 *     endtime [7] KerberosTime, renew-till [8] KerberosTime OPTIONAL, caddr [9] HostAddresses OPTIONAL,
 *     authorization-data [10] AuthorizationData OPTIONAL }
 *   TransitedEncoding ::= SEQUENCE { tr-type [0] Int32, contents [1] OCTET STRING }
 */
import { KRB5_PVNO, KrbApplicationTag } from './constants';
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
  octetString,
  parseDer,
  readFlags,
  readInt32,
  readKerberosString,
  readKerberosTime,
  readOctets,
  sequence,
  unwrapApplication,
} from './der';
import {
  type AuthorizationDataEntry,
  type EncryptedData,
  type EncryptionKey,
  type HostAddress,
  type PrincipalName,
  decodeAuthorizationData,
  decodeEncryptedData,
  decodeEncryptionKey,
  decodeHostAddresses,
  decodePrincipalName,
  encodeAuthorizationData,
  encodeEncryptedData,
  encodeEncryptionKey,
  encodePrincipalName,
} from './krb-types';

export interface Ticket {
  readonly realm: string;
  readonly sname: PrincipalName;
  readonly encPart: EncryptedData;
  /** The DER bytes as received, re-sent verbatim by a client. */
  readonly der: Buffer;
}

export interface EncTicketPart {
  readonly flags: number;
  readonly key: EncryptionKey;
  readonly crealm: string;
  readonly cname: PrincipalName;
  readonly transited: { readonly trType: number; readonly contents: Buffer };
  readonly authtime: Date;
  readonly starttime?: Date;
  readonly endtime: Date;
  readonly renewTill?: Date;
  readonly caddr?: readonly HostAddress[];
  readonly authorizationData?: readonly AuthorizationDataEntry[];
}

export function checkVersion(block: Asn, what: string, expected = KRB5_PVNO): void {
  const v = readInt32(block, what);
  if (v !== expected) throw malformed(what, `version ${v}, expected ${expected}`);
}

export function decodeTicket(block: Asn, what = 'Ticket'): Ticket {
  const f = new Fields(unwrapApplication(block, KrbApplicationTag.TICKET, what), what);
  checkVersion(f.required(0, 'tkt-vno'), f.name('tkt-vno'));
  return {
    realm: readKerberosString(f.required(1, 'realm'), f.name('realm')),
    sname: decodePrincipalName(f.required(2, 'sname'), f.name('sname')),
    encPart: decodeEncryptedData(f.required(3, 'enc-part'), f.name('enc-part')),
    der: Buffer.from(block.valueBeforeDecodeView),
  };
}

export function decodeTicketBytes(bytes: Uint8Array): Ticket {
  return decodeTicket(parseDer(bytes, 'Ticket'));
}

/** The Ticket as an ASN.1 value for embedding (its received bytes when it has them). */
export function ticketAsn(t: Pick<Ticket, 'der'>): Asn {
  return parseDer(t.der, 'Ticket');
}

export function encodeTicket(t: Omit<Ticket, 'der'>): Buffer {
  return der(
    application(
      KrbApplicationTag.TICKET,
      sequence([
        [0, integer(KRB5_PVNO)],
        [1, kerberosString(t.realm)],
        [2, encodePrincipalName(t.sname)],
        [3, encodeEncryptedData(t.encPart)],
      ]),
    ),
  );
}

export function decodeEncTicketPart(bytes: Uint8Array): EncTicketPart {
  const what = 'EncTicketPart';
  const f = new Fields(unwrapApplication(parseDer(bytes, what), KrbApplicationTag.ENC_TICKET_PART, what), what);
  const tr = new Fields(f.required(4, 'transited'), f.name('transited'));
  const starttime = f.optional(6);
  const renewTill = f.optional(8);
  const caddr = f.optional(9);
  const authData = f.optional(10);
  return {
    flags: readFlags(f.required(0, 'flags'), f.name('flags')),
    key: decodeEncryptionKey(f.required(1, 'key'), f.name('key')),
    crealm: readKerberosString(f.required(2, 'crealm'), f.name('crealm')),
    cname: decodePrincipalName(f.required(3, 'cname'), f.name('cname')),
    transited: {
      trType: readInt32(tr.required(0, 'tr-type'), tr.name('tr-type')),
      contents: readOctets(tr.required(1, 'contents'), tr.name('contents')),
    },
    authtime: readKerberosTime(f.required(5, 'authtime'), f.name('authtime')),
    ...(starttime && { starttime: readKerberosTime(starttime, f.name('starttime')) }),
    endtime: readKerberosTime(f.required(7, 'endtime'), f.name('endtime')),
    ...(renewTill && { renewTill: readKerberosTime(renewTill, f.name('renew-till')) }),
    ...(caddr && { caddr: decodeHostAddresses(caddr, f.name('caddr')) }),
    ...(authData && { authorizationData: decodeAuthorizationData(authData, f.name('authorization-data')) }),
  };
}

/** What a KDC does; our tests use it to make tickets a real KDC would not (expired, skewed). */
export function encodeEncTicketPart(p: EncTicketPart): Buffer {
  return der(
    application(
      KrbApplicationTag.ENC_TICKET_PART,
      sequence([
        [0, kerberosFlags(p.flags)],
        [1, encodeEncryptionKey(p.key)],
        [2, kerberosString(p.crealm)],
        [3, encodePrincipalName(p.cname)],
        [
          4,
          sequence([
            [0, integer(p.transited.trType)],
            [1, octetString(p.transited.contents)],
          ]),
        ],
        [5, kerberosTime(p.authtime)],
        [6, p.starttime && kerberosTime(p.starttime)],
        [7, kerberosTime(p.endtime)],
        [8, p.renewTill && kerberosTime(p.renewTill)],
        [10, p.authorizationData && encodeAuthorizationData(p.authorizationData)],
      ]),
    ),
  );
}
