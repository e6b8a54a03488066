/**
 * LsarOpenPolicy (opnum 6, [MS-LSAD] 3.1.4.4.2) and LsarOpenPolicy2 (opnum 44, 3.1.4.4.1).
 *
 *   request:  SystemName: OpenPolicy [in, unique] wchar_t* (one u16 character; referent id then
 *               the character), OpenPolicy2 [in, unique, string] wchar_t*
 *             [in] PLSAPR_OBJECT_ATTRIBUTES ObjectAttributes (a [ref] pointer: the structure at once)
 *               { u32 Length; [unique] u8* RootDirectory; [unique] PSTRING ObjectName;
 *                 u32 Attributes; [unique] PLSAPR_SECURITY_DESCRIPTOR SecurityDescriptor;
 *                 [unique] PSECURITY_QUALITY_OF_SERVICE SecurityQualityOfService }
 *               then the deferred pointees: u8 | STRING { u16 Length; u16 MaximumLength;
 *               [unique, size_is(MaximumLength), length_is(Length)] char* } |
 *               LSAPR_SECURITY_DESCRIPTOR { u32 Length; [unique, size_is(Length)] u8* } |
 *               SECURITY_QUALITY_OF_SERVICE { u32 Length; u16 ImpersonationLevel;
 *               u8 ContextTrackingMode; u8 EffectiveOnly }
 *             [in] ACCESS_MASK DesiredAccess
 *   response: LSAPR_HANDLE PolicyHandle (20) | NTSTATUS
 */
import type { NdrReader } from '../../ndr/ndr-reader';
import type { NdrWriter } from '../../ndr/ndr-writer';
import { ndrMessage } from '../../ndr/ndr-message';
import { contextHandle, dword, type NdrParam } from '../../ndr/ndr-params';

export interface ObjectAttributes {
  /** [MS-LSAD] 3.1.4.4.1: the server ignores ObjectAttributes except that RootDirectory must be NULL. */
  readonly rootDirectory: boolean;
}

function readObjectAttributes(r: NdrReader): ObjectAttributes {
  r.u32('ObjectAttributes.Length');
  const rootDirectory = r.pointer(() => r.u8('RootDirectory'), true, 'RootDirectory');
  r.pointer(
    () => {
      r.u16('ObjectName.Length');
      r.u16('ObjectName.MaximumLength');
      r.pointer(() => r.conformantVaryingBytes('ObjectName.Buffer'), true, 'ObjectName.Buffer');
    },
    true,
    'ObjectName',
  );
  r.u32('ObjectAttributes.Attributes');
  r.pointer(
    () => {
      r.u32('SecurityDescriptor.Length');
      r.pointer(() => r.conformantBytes('SecurityDescriptor'), true, 'SecurityDescriptor.SecurityDescriptor');
    },
    true,
    'SecurityDescriptor',
  );
  r.pointer(
    () => {
      r.u32('SecurityQualityOfService.Length');
      r.u16('ImpersonationLevel');
      r.u8('ContextTrackingMode');
      r.u8('EffectiveOnly');
    },
    true,
    'SecurityQualityOfService',
  );
  r.flushDeferred();
  return { rootDirectory };
}

/** A client's attributes: everything NULL but the quality of service, as Windows' LsaOpenPolicy sends. */
function writeObjectAttributes(w: NdrWriter): void {
  w.u32(24);
  w.u32(0).u32(0).u32(0).u32(0);
  w.pointer({}, () => w.u32(12).u16(2).u8(1).u8(0), true);
  w.flushDeferred();
}

const objectAttributes: NdrParam<ObjectAttributes> = {
  read: readObjectAttributes,
  write: (w) => writeObjectAttributes(w),
};

/** OpenPolicy's SystemName: a pointer to one wide character (the IDL's quirk). */
const systemNameChar: NdrParam<number | undefined> = {
  read(r) {
    let c: number | undefined;
    r.pointer(() => (c = r.u16('SystemName')), false, 'SystemName');
    return c;
  },
  write(w, v) {
    w.pointer(v, (c) => w.u16(c), false);
  },
};

const systemNameString: NdrParam<string | undefined> = {
  read: (r) => r.uniqueString('SystemName'),
  write: (w, v) => void w.uniqueString(v),
};

const response = { handle: contextHandle('PolicyHandle'), status: dword('NTSTATUS') };

export const LsarOpenPolicy = ndrMessage(
  'LsarOpenPolicy',
  { systemName: systemNameChar, objectAttributes, desiredAccess: dword('DesiredAccess') },
  response,
);

export const LsarOpenPolicy2 = ndrMessage(
  'LsarOpenPolicy2',
  { systemName: systemNameString, objectAttributes, desiredAccess: dword('DesiredAccess') },
  response,
);
