/**
 * SPNEGO tokens — RFC 4178 4.2 and [MS-SPNG] 2.2 (NegTokenInit2), DER through asn1js.
 *
 *   InitialContextToken ::= [APPLICATION 0] IMPLICIT SEQUENCE { thisMech OID 1.3.6.1.5.5.2, [0] NegTokenInit(2) }
 *   NegTokenInit  ::= SEQUENCE { mechTypes [0] MechTypeList, reqFlags [1] BIT STRING OPTIONAL,
 *                                mechToken [2] OCTET STRING OPTIONAL, mechListMIC [3] OCTET STRING OPTIONAL }
 *   NegTokenInit2 ::= SEQUENCE { mechTypes [0], reqFlags [1], mechToken [2],
 *                                negHints [3] SEQUENCE { hintName [0] GeneralString, hintAddress [1] OCTET STRING },
 *                                mechListMIC [4] OCTET STRING OPTIONAL }
 *   NegTokenResp  ::= [1] SEQUENCE { negState [0] ENUMERATED, supportedMech [1] OID,
 *                                    responseToken [2] OCTET STRING, mechListMIC [3] OCTET STRING } (all optional)
 *   MechTypeList  ::= SEQUENCE OF OID — the mechListMIC is computed over its DER bytes as sent.
 *
 * Decoders never throw anything but MalformedPacketError.
 */
import * as asn1js from 'asn1js';
import { MalformedPacketError } from '../common/errors';

export const SPNEGO_OID = '1.3.6.1.5.5.2';
export const NTLMSSP_OID = '1.3.6.1.4.1.311.2.2.10';
export const KERBEROS_V5_OID = '1.2.840.113554.1.2.2';
export const MS_KERBEROS_V5_OID = '1.2.840.48018.1.2.2';

/** The negHints hintName Windows (and Samba) send in NegTokenInit2. */
export const NEG_HINTS_NAME = 'not_defined_in_RFC4178@please_ignore';

// RFC 4178 4.2.2 negState.
export const NegState = {
  ACCEPT_COMPLETED: 0,
  ACCEPT_INCOMPLETE: 1,
  REJECT: 2,
  REQUEST_MIC: 3,
} as const;
export type NegState = (typeof NegState)[keyof typeof NegState];

export interface NegTokenInit {
  readonly mechTypes: readonly string[];
  /** DER of MechTypeList exactly as carried (the mechListMIC input). */
  readonly mechTypesDer: Buffer;
  readonly mechToken?: Buffer;
  readonly mechListMIC?: Buffer;
}

export interface NegTokenResp {
  readonly negState?: number;
  readonly supportedMech?: string;
  readonly responseToken?: Buffer;
  readonly mechListMIC?: Buffer;
}

export type SpnegoToken =
  { readonly kind: 'init'; readonly init: NegTokenInit } | { readonly kind: 'resp'; readonly resp: NegTokenResp };

const CONTEXT = 3;
const APPLICATION = 2;
const UNIVERSAL = 1;

function malformed(what: string): MalformedPacketError {
  return new MalformedPacketError(`SPNEGO: ${what}`, { field: 'SPNEGO' });
}

function children(block: asn1js.AsnType, what: string): asn1js.AsnType[] {
  if (!(block instanceof asn1js.Constructed)) throw malformed(`${what} is not constructed`);
  return block.valueBlock.value;
}

/** The single element inside an explicit context tag. */
function inner(block: asn1js.AsnType, what: string): asn1js.AsnType {
  const c = children(block, what);
  const first = c[0];
  if (c.length !== 1 || first === undefined) throw malformed(`${what} must hold one element`);
  return first;
}

function octets(block: asn1js.AsnType, what: string): Buffer {
  if (!(block instanceof asn1js.OctetString)) throw malformed(`${what} is not an OCTET STRING`);
  return Buffer.from(block.getValue());
}

function oid(block: asn1js.AsnType, what: string): string {
  if (!(block instanceof asn1js.ObjectIdentifier)) throw malformed(`${what} is not an OBJECT IDENTIFIER`);
  return block.getValue();
}

function isSequence(block: asn1js.AsnType): boolean {
  return block.idBlock.tagClass === UNIVERSAL && block.idBlock.tagNumber === 16 && block.idBlock.isConstructed;
}

function parse(bytes: Uint8Array, what: string): asn1js.AsnType {
  if (bytes.length === 0) throw malformed(`empty ${what}`);
  let parsed: asn1js.FromBerResult;
  try {
    parsed = asn1js.fromBER(bytes, { maxDepth: 16, maxNodes: 256 });
  } catch (e) {
    throw new MalformedPacketError(`SPNEGO: undecodable ${what}`, { field: 'SPNEGO' }, { cause: e });
  }
  if (parsed.offset === -1 || parsed.result.error !== '')
    throw malformed(`undecodable ${what}: ${parsed.result.error}`);
  if (parsed.offset !== bytes.length) throw malformed(`${bytes.length - parsed.offset} trailing bytes after ${what}`);
  return parsed.result;
}

/** Decodes a client or server SPNEGO token: an InitialContextToken or a bare NegTokenResp. */
export function decodeSpnegoToken(bytes: Uint8Array): SpnegoToken {
  const top = parse(bytes, 'token');
  const { tagClass, tagNumber } = top.idBlock;
  if (tagClass === APPLICATION && tagNumber === 0) {
    const parts = children(top, 'InitialContextToken');
    const [thisMech, body] = parts;
    if (parts.length !== 2 || thisMech === undefined || body === undefined)
      throw malformed('InitialContextToken needs thisMech and innerContextToken');
    if (oid(thisMech, 'thisMech') !== SPNEGO_OID) throw malformed('thisMech is not SPNEGO');
    if (body.idBlock.tagClass !== CONTEXT || body.idBlock.tagNumber !== 0)
      throw malformed('innerContextToken is not a NegTokenInit');
    return { kind: 'init', init: decodeNegTokenInit(inner(body, 'NegTokenInit')) };
  }
  if (tagClass === CONTEXT && tagNumber === 1)
    return { kind: 'resp', resp: decodeNegTokenResp(inner(top, 'NegTokenResp')) };
  throw malformed(`unexpected outer tag class ${tagClass} number ${tagNumber}`);
}

function decodeNegTokenInit(seq: asn1js.AsnType): NegTokenInit {
  if (!isSequence(seq)) throw malformed('NegTokenInit is not a SEQUENCE');
  let mechTypes: string[] | undefined;
  let mechTypesDer: Buffer | undefined;
  let mechToken: Buffer | undefined;
  let mechListMIC: Buffer | undefined;
  for (const field of children(seq, 'NegTokenInit')) {
    if (field.idBlock.tagClass !== CONTEXT) throw malformed('NegTokenInit field without a context tag');
    const value = inner(field, `NegTokenInit [${field.idBlock.tagNumber}]`);
    switch (field.idBlock.tagNumber) {
      case 0:
        if (!isSequence(value)) throw malformed('mechTypes is not a SEQUENCE');
        mechTypes = children(value, 'mechTypes').map((m) => oid(m, 'MechType'));
        mechTypesDer = Buffer.from(value.valueBeforeDecodeView);
        break;
      case 1: // reqFlags: ignored, as Windows does
        break;
      case 2:
        mechToken = octets(value, 'mechToken');
        break;
      case 3: // NegTokenInit: mechListMIC; NegTokenInit2: negHints
        if (value instanceof asn1js.OctetString) mechListMIC = octets(value, 'mechListMIC');
        break;
      case 4:
        mechListMIC = octets(value, 'mechListMIC');
        break;
      default:
        throw malformed(`unknown NegTokenInit field [${field.idBlock.tagNumber}]`);
    }
  }
  if (!mechTypes || !mechTypesDer) throw malformed('NegTokenInit without mechTypes');
  return { mechTypes, mechTypesDer, ...(mechToken && { mechToken }), ...(mechListMIC && { mechListMIC }) };
}

function decodeNegTokenResp(seq: asn1js.AsnType): NegTokenResp {
  if (!isSequence(seq)) throw malformed('NegTokenResp is not a SEQUENCE');
  let negState: number | undefined;
  let supportedMech: string | undefined;
  let responseToken: Buffer | undefined;
  let mechListMIC: Buffer | undefined;
  for (const field of children(seq, 'NegTokenResp')) {
    if (field.idBlock.tagClass !== CONTEXT) throw malformed('NegTokenResp field without a context tag');
    const value = inner(field, `NegTokenResp [${field.idBlock.tagNumber}]`);
    switch (field.idBlock.tagNumber) {
      case 0:
        if (!(value instanceof asn1js.Enumerated)) throw malformed('negState is not ENUMERATED');
        negState = value.valueBlock.valueDec;
        break;
      case 1:
        supportedMech = oid(value, 'supportedMech');
        break;
      case 2:
        responseToken = octets(value, 'responseToken');
        break;
      case 3:
        mechListMIC = octets(value, 'mechListMIC');
        break;
      default:
        throw malformed(`unknown NegTokenResp field [${field.idBlock.tagNumber}]`);
    }
  }
  return {
    ...(negState !== undefined && { negState }),
    ...(supportedMech !== undefined && { supportedMech }),
    ...(responseToken && { responseToken }),
    ...(mechListMIC && { mechListMIC }),
  };
}

// ---- encoders ---------------------------------------------------------------------------

function explicit(tagNumber: number, value: asn1js.AsnType): asn1js.Constructed {
  return new asn1js.Constructed({ idBlock: { tagClass: CONTEXT, tagNumber }, value: [value] });
}

function octetString(b: Uint8Array): asn1js.OctetString {
  return new asn1js.OctetString({ valueHex: b });
}

function mechTypeList(mechTypes: readonly string[]): asn1js.Sequence {
  return new asn1js.Sequence({ value: mechTypes.map((m) => new asn1js.ObjectIdentifier({ value: m })) });
}

function der(block: asn1js.AsnType): Buffer {
  return Buffer.from(block.toBER(false));
}

/** DER of a MechTypeList, what an initiator's mechListMIC covers. */
export function encodeMechTypeList(mechTypes: readonly string[]): Buffer {
  return der(mechTypeList(mechTypes));
}

function initialContextToken(negTokenInit: asn1js.Sequence): Buffer {
  return der(
    new asn1js.Constructed({
      idBlock: { tagClass: APPLICATION, tagNumber: 0 },
      value: [new asn1js.ObjectIdentifier({ value: SPNEGO_OID }), explicit(0, negTokenInit)],
    }),
  );
}

/** A client's first token: InitialContextToken with a NegTokenInit. */
export function encodeNegTokenInit(init: {
  readonly mechTypes: readonly string[];
  readonly mechToken?: Buffer;
  readonly mechListMIC?: Buffer;
}): Buffer {
  const fields: asn1js.AsnType[] = [explicit(0, mechTypeList(init.mechTypes))];
  if (init.mechToken) fields.push(explicit(2, octetString(init.mechToken)));
  if (init.mechListMIC) fields.push(explicit(3, octetString(init.mechListMIC)));
  return initialContextToken(new asn1js.Sequence({ value: fields }));
}

/** The server's NEGOTIATE-response token: InitialContextToken with a NegTokenInit2 ([MS-SPNG] 2.2.1). */
export function encodeNegTokenInit2(mechTypes: readonly string[], hintName = NEG_HINTS_NAME): Buffer {
  const negHints = new asn1js.Sequence({ value: [explicit(0, new asn1js.GeneralString({ value: hintName }))] });
  return initialContextToken(
    new asn1js.Sequence({ value: [explicit(0, mechTypeList(mechTypes)), explicit(3, negHints)] }),
  );
}

export function encodeNegTokenResp(resp: NegTokenResp): Buffer {
  const fields: asn1js.AsnType[] = [];
  if (resp.negState !== undefined) fields.push(explicit(0, new asn1js.Enumerated({ value: resp.negState })));
  if (resp.supportedMech !== undefined)
    fields.push(explicit(1, new asn1js.ObjectIdentifier({ value: resp.supportedMech })));
  if (resp.responseToken) fields.push(explicit(2, octetString(resp.responseToken)));
  if (resp.mechListMIC) fields.push(explicit(3, octetString(resp.mechListMIC)));
  return der(explicit(1, new asn1js.Sequence({ value: fields })));
}
