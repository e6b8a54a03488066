/**
 * OpenLocalMachine (opnum 2) — [MS-RRP] 3.1.5.2.
 *
 *   request:  [in, unique] PREGISTRY_SERVER_NAME ServerName (a pointer to one wchar_t: referent id,
 *             u16; ignored) | REGSAM samDesired
 *   response: RPC_HKEY phKey (20) | error_status_t (a Win32 error)
 */
import { ndrMessage } from '../../ndr/ndr-message';
import { contextHandle, dword, type NdrParam } from '../../ndr/ndr-params';

const serverName: NdrParam<number | undefined> = {
  read(r) {
    let c: number | undefined;
    r.pointer(() => (c = r.u16('ServerName')), false, 'ServerName');
    return c;
  },
  write(w, v) {
    w.pointer(v, (c) => w.u16(c), false);
  },
};

export const OpenLocalMachine = ndrMessage(
  'OpenLocalMachine',
  { serverName, samDesired: dword('samDesired') },
  { handle: contextHandle('phKey'), status: dword('error_status_t') },
);
