/**
 * The structures every Kerberos message shares — RFC 4120 5.2:
 *
 *   PrincipalName  ::= SEQUENCE { name-type [0] Int32, name-string [1] SEQUENCE OF KerberosString }
 *   EncryptedData  ::= SEQUENCE { etype [0] Int32, kvno [1] UInt32 OPTIONAL, cipher [2] OCTET STRING }
 *   EncryptionKey  ::= SEQUENCE { keytype [0] Int32, keyvalue [1] OCTET STRING }
 *   Checksum       ::= SEQUENCE { cksumtype [0] Int32, checksum [1] OCTET STRING }
 *   AuthorizationData ::= SEQUENCE OF SEQUENCE { ad-type [0] Int32, ad-data [1] OCTET STRING }
 *   HostAddress    ::= SEQUENCE { addr-type [0] Int32, address [1] OCTET STRING }
 *   PA-DATA        ::= SEQUENCE { padata-type [1] Int32, padata-value [2] OCTET STRING }
 */
import {
  type Asn,
  Fields,
  malformed,
  integer,
  kerberosString,
  octetString,
  readInt32,
  readKerberosString,
  readOctets,
  readSequenceOf,
  readUInt32,
  sequence,
  sequenceOf,
} from './der';

export interface PrincipalName {
  readonly nameType: number;
  readonly nameString: readonly string[];
}

export interface EncryptedData {
  readonly etype: number;
  readonly kvno?: number;
  readonly cipher: Buffer;
}

export interface EncryptionKey {
  readonly keytype: number;
  readonly keyvalue: Buffer;
}

export interface Checksum {
  readonly cksumtype: number;
  readonly checksum: Buffer;
}

export interface AuthorizationDataEntry {
  readonly adType: number;
  readonly adData: Buffer;
}

export interface HostAddress {
  readonly addrType: number;
  readonly address: Buffer;
}

export interface PaData {
  readonly padataType: number;
  readonly padataValue: Buffer;
}

const MAX_COMPONENTS = 16;

export function decodePrincipalName(block: Asn, what: string): PrincipalName {
  const f = new Fields(block, what);
  const parts = readSequenceOf(f.required(1, 'name-string'), f.name('name-string'));
  if (parts.length === 0 || parts.length > MAX_COMPONENTS)
    throw malformed(f.name('name-string'), `${parts.length} components`);
  return {
    nameType: readInt32(f.required(0, 'name-type'), f.name('name-type')),
    nameString: parts.map((p) => readKerberosString(p, f.name('name-string'))),
  };
}

export function encodePrincipalName(p: PrincipalName): Asn {
  return sequence([
    [0, integer(p.nameType)],
    [1, sequenceOf(p.nameString.map(kerberosString))],
  ]);
}

export function decodeEncryptedData(block: Asn, what: string): EncryptedData {
  const f = new Fields(block, what);
  const kvno = f.optional(1);
  return {
    etype: readInt32(f.required(0, 'etype'), f.name('etype')),
    ...(kvno !== undefined && { kvno: readUInt32(kvno, f.name('kvno')) }),
    cipher: readOctets(f.required(2, 'cipher'), f.name('cipher')),
  };
}

export function encodeEncryptedData(e: EncryptedData): Asn {
  return sequence([
    [0, integer(e.etype)],
    [1, e.kvno !== undefined ? integer(e.kvno) : undefined],
    [2, octetString(e.cipher)],
  ]);
}

export function decodeEncryptionKey(block: Asn, what: string): EncryptionKey {
  const f = new Fields(block, what);
  return {
    keytype: readInt32(f.required(0, 'keytype'), f.name('keytype')),
    keyvalue: readOctets(f.required(1, 'keyvalue'), f.name('keyvalue')),
  };
}

export function encodeEncryptionKey(k: EncryptionKey): Asn {
  return sequence([
    [0, integer(k.keytype)],
    [1, octetString(k.keyvalue)],
  ]);
}

export function decodeChecksum(block: Asn, what: string): Checksum {
  const f = new Fields(block, what);
  return {
    cksumtype: readInt32(f.required(0, 'cksumtype'), f.name('cksumtype')),
    checksum: readOctets(f.required(1, 'checksum'), f.name('checksum')),
  };
}

export function encodeChecksum(c: Checksum): Asn {
  return sequence([
    [0, integer(c.cksumtype)],
    [1, octetString(c.checksum)],
  ]);
}

export function decodeAuthorizationData(block: Asn, what: string): AuthorizationDataEntry[] {
  return readSequenceOf(block, what).map((entry) => {
    const f = new Fields(entry, what);
    return {
      adType: readInt32(f.required(0, 'ad-type'), f.name('ad-type')),
      adData: readOctets(f.required(1, 'ad-data'), f.name('ad-data')),
    };
  });
}

export function encodeAuthorizationData(entries: readonly AuthorizationDataEntry[]): Asn {
  return sequenceOf(
    entries.map((e) =>
      sequence([
        [0, integer(e.adType)],
        [1, octetString(e.adData)],
      ]),
    ),
  );
}

export function decodeHostAddresses(block: Asn, what: string): HostAddress[] {
  return readSequenceOf(block, what).map((entry) => {
    const f = new Fields(entry, what);
    return {
      addrType: readInt32(f.required(0, 'addr-type'), f.name('addr-type')),
      address: readOctets(f.required(1, 'address'), f.name('address')),
    };
  });
}

export function decodePaData(block: Asn, what: string): PaData[] {
  return readSequenceOf(block, what).map((entry) => {
    const f = new Fields(entry, what);
    return {
      padataType: readInt32(f.required(1, 'padata-type'), f.name('padata-type')),
      padataValue: readOctets(f.required(2, 'padata-value'), f.name('padata-value')),
    };
  });
}

export function encodePaData(entries: readonly PaData[]): Asn {
  return sequenceOf(
    entries.map((p) =>
      sequence([
        [1, integer(p.padataType)],
        [2, octetString(p.padataValue)],
      ]),
    ),
  );
}

/** "cifs/ntprint.example.com@EXAMPLE.COM" (no escaping: our names have no '/' or '@' inside components). */
export function principalToString(name: PrincipalName, realm?: string): string {
  const base = name.nameString.join('/');
  return realm === undefined ? base : `${base}@${realm}`;
}

/** Components compared case-insensitively, as Windows does for service and host names. */
export function samePrincipalName(a: PrincipalName, b: PrincipalName): boolean {
  return (
    a.nameString.length === b.nameString.length &&
    a.nameString.every((c, i) => c.toLowerCase() === (b.nameString[i] ?? '').toLowerCase())
  );
}
