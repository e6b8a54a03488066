/**
 * HRESULTs that carry a Win32 error — [MS-ERREF] 2.1.2 (HRESULT_FROM_WIN32): facility
 * FACILITY_WIN32 (7) with the severity bit, S_OK for ERROR_SUCCESS. The package calls of MS-RPRN
 * (3.1.4.4.9, 3.1.4.4.10) and of MS-PAR (3.1.4.2.7-12) return them instead of a WERROR.
 */
export const S_OK = 0;

export function hresultFromWin32(win32: number): number {
  return win32 === 0 ? S_OK : (0x80070000 | (win32 & 0xffff)) >>> 0;
}

/** The Win32 error inside an HRESULT_FROM_WIN32 value; undefined for any other HRESULT. */
export function win32FromHresult(hresult: number): number | undefined {
  if (hresult === S_OK) return 0;
  return (hresult & 0xffff0000) >>> 0 === 0x80070000 ? hresult & 0xffff : undefined;
}
