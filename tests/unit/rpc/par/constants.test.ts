// MS-PAR's method table ([MS-PAR] 3.1.4) checked against itself and against the MS-RPRN opnums
// the spooler already serves (lib/rpc/rprn/opnums.ts, from [MS-RPRN] 3.1.4).
import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import {
  PAR_HRESULT_OPNUMS,
  PAR_MAX_OPNUM,
  PAR_RPRN_TWINS,
  ParError,
  ParOpnum,
  hresultFromWin32,
  parOpnumName,
  rprnTwin,
} from '../../../../lib/rpc/par/constants';
import { RprnOpnum } from '../../../../lib/rpc/rprn/opnums';

describe('[MS-PAR] 3.1.4 method table', () => {
  it('numbers the 75 methods 0..74 without gaps', () => {
    expect(Object.values(ParOpnum).sort((a, b) => a - b)).toEqual([...Array(PAR_MAX_OPNUM + 1).keys()]);
    expect(parOpnumName(38)).toBe('RpcAsyncEnumPrinters');
    expect(Object.keys(PAR_RPRN_TWINS)).toHaveLength(75);
  });

  it('names each twin RpcAsyncX -> RpcX, except where [MS-PAR] names the Ex or 2 method', () => {
    const renamed: Record<string, string> = {
      RpcAsyncOpenPrinter: 'RpcOpenPrinterEx',
      RpcAsyncAddPrinter: 'RpcAddPrinterEx',
      RpcAsyncGetPrinterDriver: 'RpcGetPrinterDriver2',
      RpcAsyncAddPrinterDriver: 'RpcAddPrinterDriverEx',
      RpcAsyncAddPort: 'RpcAddPortEx',
    };
    for (const [name, opnum] of Object.entries(ParOpnum)) {
      const twin = rprnTwin(opnum);
      if (twin === undefined) continue;
      expect(twin.rprn).toBe(renamed[name] ?? name.replace(/^RpcAsync/, 'Rpc'));
    }
  });

  it('agrees with the MS-RPRN opnums the spooler serves', () => {
    let checked = 0;
    for (const twin of Object.values(PAR_RPRN_TWINS)) {
      if (twin === undefined || !(twin.rprn in RprnOpnum)) continue;
      expect(twin.rprnOpnum).toBe(RprnOpnum[twin.rprn as keyof typeof RprnOpnum]);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(25);
  });

  it('has no twin for the notification and driver-package methods, which return HRESULTs', () => {
    for (const opnum of [58, 59, 60, 61, 62, 63, 65, 67]) expect(rprnTwin(opnum)).toBeUndefined();
    expect([...PAR_HRESULT_OPNUMS].every((o) => o >= 58 && o <= 67)).toBe(true);
    expect(rprnTwin(75)).toBeUndefined();
    expect(rprnTwin(-1)).toBeUndefined();
  });

  it('PAR-specific errors', () => {
    expect(ParError.FAULT_OBJECT_UUID).toBe(0x1c010017);
    expect(ParError.SCHEDULE_JOB).toBe(3004);
    expect(hresultFromWin32(Win32ErrorCode.ERROR_ACCESS_DENIED)).toBe(0x80070005);
    expect(ParError.E_INVALIDARG).toBe(0x80070057);
    expect(hresultFromWin32(0)).toBe(0);
  });
});
