/**
 * NetrShareEnum (opnum 15; NetShareEnumAll on the client) — [MS-SRVS] 3.1.4.8, structures 2.2.4.
 *
 *   in:  [unique,string] ServerName; [in,out] SHARE_ENUM_STRUCT InfoStruct
 *        { u32 Level; union tag u32; unique ptr -> SHARE_INFO_n_CONTAINER { u32 EntriesRead;
 *          unique ptr -> [size_is(EntriesRead)] SHARE_INFO_n[] } };
 *        u32 PreferedMaximumLength; [unique] u32* ResumeHandle
 *   out: InfoStruct; u32 TotalEntries; [unique] u32* ResumeHandle; u32 NET_API_STATUS
 *
 * SHARE_INFO_0 { netname* }, SHARE_INFO_1 { netname*, u32 type, remark* },
 * SHARE_INFO_2 { netname*, type, remark*, permissions, max_uses, current_uses, path*, passwd* }.
 * Level 2 carries local paths: administrators only, as on Windows.
 */
import { Win32ErrorCode } from '../../common/status/win32-error';
import type { NdrReader } from '../ndr/ndr-reader';
import { NdrWriter } from '../ndr/ndr-writer';

export interface ShareEntry {
  readonly name: string;
  readonly type: number;
  readonly comment: string;
}

export interface NetShareEnumRequest {
  readonly serverName?: string;
  readonly level: number;
  readonly preferredMaximumLength: number;
  readonly resumeHandle?: number;
}

export function decodeNetShareEnumRequest(r: NdrReader): NetShareEnumRequest {
  const serverName = r.uniqueString('ServerName');
  const level = r.u32('InfoStruct.Level');
  r.unionTag(level, 'InfoStruct.ShareInfo');
  // The client sends an empty container (EntriesRead 0, NULL buffer); its content is ignored.
  r.pointer(
    () => {
      const n = r.u32('EntriesRead');
      r.pointer(() => skipShareArray(r, level, n), true, 'Buffer');
    },
    true,
    'container',
  );
  r.flushDeferred();
  const preferredMaximumLength = r.u32('PreferedMaximumLength');
  let resumeHandle: number | undefined;
  r.pointer(() => (resumeHandle = r.u32('ResumeHandle')), false, 'ResumeHandle');
  return {
    ...(serverName !== undefined && { serverName }),
    level,
    preferredMaximumLength,
    ...(resumeHandle !== undefined && { resumeHandle }),
  };
}

function skipShareArray(r: NdrReader, level: number, _n: number): void {
  const count = r.maxCount(4, 'Buffer');
  const str = (): void => void r.pointer(() => r.string('netname'), true);
  for (let i = 0; i < count; i++) {
    str();
    if (level === 0) continue;
    r.u32('type');
    str();
    if (level === 1) continue;
    r.u32('permissions');
    r.u32('max_uses');
    r.u32('current_uses');
    str();
    str();
  }
}

export function encodeNetShareEnumResponse(
  level: number,
  shares: readonly ShareEntry[],
  status: number,
  resumeHandle: number | undefined,
): Buffer {
  const w = new NdrWriter();
  const ok = status === Win32ErrorCode.ERROR_SUCCESS;
  w.u32(level).u32(level);
  const list = ok ? shares : undefined;
  w.pointer(
    list,
    (entries) => {
      w.u32(entries.length);
      w.pointer(entries.length > 0 ? entries : undefined, (arr) => writeShareArray(w, level, arr), true);
    },
    true,
  );
  w.flushDeferred();
  w.u32(ok ? shares.length : 0);
  w.pointer(resumeHandle, (v) => w.u32(v), false);
  w.u32(status);
  return w.finish();
}

function writeShareArray(w: NdrWriter, level: number, entries: readonly ShareEntry[]): void {
  w.u32(entries.length);
  for (const s of entries) {
    w.pointer(s.name, (v) => w.string(v), true);
    if (level === 0) continue;
    w.u32(s.type);
    w.pointer(s.comment, (v) => w.string(v), true);
    if (level === 1) continue;
    w.u32(0); // shi2_permissions: ignored by servers in user-level security
    w.u32(0xffffffff); // shi2_max_uses: unlimited
    w.u32(0); // shi2_current_uses
    w.pointer('', (v) => w.string(v), true); // shi2_path: no local path exposed
    w.pointer(undefined, (v: string) => w.string(v), true); // shi2_passwd: NULL
  }
}

export function netShareEnum(
  req: NetShareEnumRequest,
  shares: readonly ShareEntry[],
  isAdministrator: boolean,
): Buffer {
  if (req.level !== 0 && req.level !== 1 && req.level !== 2) {
    return encodeNetShareEnumResponse(req.level, [], Win32ErrorCode.ERROR_INVALID_LEVEL, req.resumeHandle);
  }
  if (req.level === 2 && !isAdministrator) {
    return encodeNetShareEnumResponse(req.level, [], Win32ErrorCode.ERROR_ACCESS_DENIED, req.resumeHandle);
  }
  // Everything fits in one answer: the resume handle comes back as 0 (enumeration complete).
  return encodeNetShareEnumResponse(
    req.level,
    shares,
    Win32ErrorCode.ERROR_SUCCESS,
    req.resumeHandle === undefined ? undefined : 0,
  );
}
