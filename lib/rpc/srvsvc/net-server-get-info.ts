/**
 * NetrServerGetInfo (opnum 21) — [MS-SRVS] 3.1.4.17, SERVER_INFO_100/101 2.2.4.40-41.
 *
 *   in:  [unique,string] ServerName; u32 Level
 *   out: LPSERVER_INFO: union tag u32 (= Level), unique ptr -> SERVER_INFO_n; u32 NET_API_STATUS
 *   SERVER_INFO_100 { u32 platform_id; name* }
 *   SERVER_INFO_101 { u32 platform_id; name*; u32 version_major; u32 version_minor; u32 type; comment* }
 */
import { Win32ErrorCode } from '../../common/status/win32-error';
import type { NdrReader } from '../ndr/ndr-reader';
import { NdrWriter } from '../ndr/ndr-writer';
import { PLATFORM_ID_NT, SERVER_VERSION_MAJOR, SERVER_VERSION_MINOR, ServerType } from './srvsvc-constants';

export interface NetServerGetInfoRequest {
  readonly serverName?: string;
  readonly level: number;
}

export function decodeNetServerGetInfoRequest(r: NdrReader): NetServerGetInfoRequest {
  const serverName = r.uniqueString('ServerName');
  const level = r.u32('Level');
  return { ...(serverName !== undefined && { serverName }), level };
}

export function netServerGetInfo(req: NetServerGetInfoRequest, serverName: string, comment: string): Buffer {
  const w = new NdrWriter();
  if (req.level !== 100 && req.level !== 101) {
    w.u32(req.level).u32(0).u32(Win32ErrorCode.ERROR_INVALID_LEVEL);
    return w.finish();
  }
  w.u32(req.level);
  w.pointer(
    req.level,
    (level) => {
      w.u32(PLATFORM_ID_NT);
      w.pointer(serverName, (v) => w.string(v), true);
      if (level === 101) {
        w.u32(SERVER_VERSION_MAJOR).u32(SERVER_VERSION_MINOR);
        w.u32(
          ServerType.SV_TYPE_WORKSTATION |
            ServerType.SV_TYPE_SERVER |
            ServerType.SV_TYPE_PRINTQ_SERVER |
            ServerType.SV_TYPE_NT |
            ServerType.SV_TYPE_SERVER_NT,
        );
        w.pointer(comment, (v) => w.string(v), true);
      }
    },
    false,
  );
  w.u32(Win32ErrorCode.ERROR_SUCCESS);
  return w.finish();
}
