import { NtStatusError } from '../../../../lib/common/errors';
import { NtStatus } from '../../../../lib/common/status/ntstatus';
import type { FileId } from '../../../../lib/smb2/messages/common';
import type { ResponseMember } from '../../../../lib/smb2/server/compound';
import { assembleResponse, memberEnd, newCompound, resolveFileId } from '../../../../lib/smb2/server/compound';
import type { Session } from '../../../../lib/smb2/server/session';
import { newSession } from './server-fixtures';

const RELATED: FileId = { persistent: 0xffffffffffffffffn, volatile: 0xffffffffffffffffn };

function statusOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof NtStatusError ? err.status : -1;
  }
  return undefined;
}

describe('compound members ([MS-SMB2] 3.3.5.2.7)', () => {
  it('accepts a NextCommand that is 8-aligned, past a header and inside the payload', () => {
    const payload = Buffer.alloc(200);
    expect(memberEnd(payload, 0, 0)).toBe(200);
    expect(memberEnd(payload, 0, 72)).toBe(72);
    expect(memberEnd(payload, 72, 128)).toBe(200);
    expect(memberEnd(payload, 0, 70)).toBeUndefined();
    expect(memberEnd(payload, 0, 56)).toBeUndefined();
    expect(memberEnd(payload, 72, 136)).toBeUndefined();
  });

  it('resolves the all-ones FileId to the previous member and inherits its failure (3.3.5.2.7.2)', () => {
    const plain = { persistent: 5n, volatile: 5n };
    expect(resolveFileId(plain, undefined)).toBe(plain);
    expect(statusOf(() => resolveFileId(RELATED, undefined))).toBe(NtStatus.STATUS_FILE_CLOSED);
    const compound = newCompound();
    expect(statusOf(() => resolveFileId(RELATED, compound))).toBe(NtStatus.STATUS_INVALID_HANDLE);
    compound.fileId = plain;
    expect(resolveFileId(RELATED, compound)).toBe(plain);
    compound.previousHadFileId = true;
    compound.failedStatus = NtStatus.STATUS_OBJECT_NAME_NOT_FOUND;
    expect(statusOf(() => resolveFileId(RELATED, compound))).toBe(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND);
    // A failure of a member without a FileId (ECHO) is not inherited.
    compound.previousHadFileId = false;
    expect(resolveFileId(RELATED, compound)).toBe(plain);
  });

  it('sends a lone member as is, signed and hashed', () => {
    const bytes = Buffer.alloc(73, 1);
    const signed: Buffer[] = [];
    const sent: Buffer[] = [];
    const session = newSession(1n);
    const out = assembleResponse([{ bytes, signer: session, afterSend: (m) => sent.push(m) }], (s, m) => {
      expect(s).toBe(session);
      signed.push(m);
    });
    expect(out).toBe(bytes);
    expect(signed).toEqual([bytes]);
    expect(sent[0]).toBe(bytes);
  });

  it('pads every member but the last to 8 bytes, chains NextCommand and signs each with its padding', () => {
    const a = Buffer.alloc(70, 0xaa);
    const b = Buffer.alloc(64, 0xbb);
    const c = Buffer.alloc(75, 0xcc);
    const signedLengths: number[] = [];
    const sign = (_s: Session, m: Buffer): void => {
      signedLengths.push(m.length);
    };
    const session = newSession(1n);
    const members: ResponseMember[] = [
      { bytes: a, signer: session, afterSend: undefined },
      { bytes: b, signer: undefined, afterSend: undefined },
      { bytes: c, signer: session, afterSend: undefined },
    ];
    const out = assembleResponse(members, sign);
    expect(out.length).toBe(72 + 64 + 75);
    expect(out.readUInt32LE(20)).toBe(72);
    expect(out.subarray(70, 72)).toEqual(Buffer.alloc(2));
    expect(out.readUInt32LE(72 + 20)).toBe(64);
    expect(out.subarray(136)).toEqual(c);
    expect(signedLengths).toEqual([72, 75]);
  });
});
