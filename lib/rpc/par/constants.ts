/**
 * MS-PAR (IRemoteWinspool) — [MS-PAR] 1.9 and 3.1 (interface and object UUIDs), 2.1 (transport
 * and authentication level), 3.1.4 (the method table and each method's MS-RPRN counterpart), with
 * the errors Windows gives that are particular to this interface.
 *
 * Each RpcAsync* method with a counterpart takes its MS-RPRN twin's parameters, marshalled the
 * same way (the explicit binding handle hRemoteBinding is not on the wire): Samba forwards them to
 * its spoolss stubs (iremotewinspool_util.c, srv_iremotewinspool.c) and its torture suite compares
 * the answers byte for byte. So a server dispatches PAR opnum N to the operation of
 * PAR_RPRN_TWINS[N].rprnOpnum. The twin opnums are [MS-RPRN] 3.1.4's.
 */
import { reverseLookup } from '../../common/constants';
import { hresultFromWin32 } from '../../common/status/hresult';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { FaultStatus, type SyntaxId } from '../constants';

/** [MS-PAR] 1.9: IRemoteWinspool 76F03F96-CDFD-44FC-A22C-64950A001209 version 1.0. */
export const IREMOTEWINSPOOL_SYNTAX: SyntaxId = { uuid: '76f03f96-cdfd-44fc-a22c-64950a001209', major: 1, minor: 0 };

/** [MS-PAR] 3.1: every call MUST carry this object UUID; the server rejects all others. */
export const IREMOTEWINSPOOL_OBJECT_UUID = '9940ca8e-512f-4c58-88a9-61098d6896bd';

/** [MS-PAR] 3.1.4: the methods in opnum order. */
export const ParOpnum = {
  RpcAsyncOpenPrinter: 0,
  RpcAsyncAddPrinter: 1,
  RpcAsyncSetJob: 2,
  RpcAsyncGetJob: 3,
  RpcAsyncEnumJobs: 4,
  RpcAsyncAddJob: 5,
  RpcAsyncScheduleJob: 6,
  RpcAsyncDeletePrinter: 7,
  RpcAsyncSetPrinter: 8,
  RpcAsyncGetPrinter: 9,
  RpcAsyncStartDocPrinter: 10,
  RpcAsyncStartPagePrinter: 11,
  RpcAsyncWritePrinter: 12,
  RpcAsyncEndPagePrinter: 13,
  RpcAsyncEndDocPrinter: 14,
  RpcAsyncAbortPrinter: 15,
  RpcAsyncGetPrinterData: 16,
  RpcAsyncGetPrinterDataEx: 17,
  RpcAsyncSetPrinterData: 18,
  RpcAsyncSetPrinterDataEx: 19,
  RpcAsyncClosePrinter: 20,
  RpcAsyncAddForm: 21,
  RpcAsyncDeleteForm: 22,
  RpcAsyncGetForm: 23,
  RpcAsyncSetForm: 24,
  RpcAsyncEnumForms: 25,
  RpcAsyncGetPrinterDriver: 26,
  RpcAsyncEnumPrinterData: 27,
  RpcAsyncEnumPrinterDataEx: 28,
  RpcAsyncEnumPrinterKey: 29,
  RpcAsyncDeletePrinterData: 30,
  RpcAsyncDeletePrinterDataEx: 31,
  RpcAsyncDeletePrinterKey: 32,
  RpcAsyncXcvData: 33,
  RpcAsyncSendRecvBidiData: 34,
  RpcAsyncCreatePrinterIC: 35,
  RpcAsyncPlayGdiScriptOnPrinterIC: 36,
  RpcAsyncDeletePrinterIC: 37,
  RpcAsyncEnumPrinters: 38,
  RpcAsyncAddPrinterDriver: 39,
  RpcAsyncEnumPrinterDrivers: 40,
  RpcAsyncGetPrinterDriverDirectory: 41,
  RpcAsyncDeletePrinterDriver: 42,
  RpcAsyncDeletePrinterDriverEx: 43,
  RpcAsyncAddPrintProcessor: 44,
  RpcAsyncEnumPrintProcessors: 45,
  RpcAsyncGetPrintProcessorDirectory: 46,
  RpcAsyncEnumPorts: 47,
  RpcAsyncEnumMonitors: 48,
  RpcAsyncAddPort: 49,
  RpcAsyncSetPort: 50,
  RpcAsyncAddMonitor: 51,
  RpcAsyncDeleteMonitor: 52,
  RpcAsyncDeletePrintProcessor: 53,
  RpcAsyncEnumPrintProcessorDatatypes: 54,
  RpcAsyncAddPerMachineConnection: 55,
  RpcAsyncDeletePerMachineConnection: 56,
  RpcAsyncEnumPerMachineConnections: 57,
  RpcSyncRegisterForRemoteNotifications: 58,
  RpcSyncUnRegisterForRemoteNotifications: 59,
  RpcSyncRefreshRemoteNotifications: 60,
  RpcAsyncGetRemoteNotifications: 61,
  RpcAsyncInstallPrinterDriverFromPackage: 62,
  RpcAsyncUploadPrinterDriverPackage: 63,
  RpcAsyncGetCorePrinterDrivers: 64,
  RpcAsyncCorePrinterDriverInstalled: 65,
  RpcAsyncGetPrinterDriverPackagePath: 66,
  RpcAsyncDeletePrinterDriverPackage: 67,
  RpcAsyncReadPrinter: 68,
  RpcAsyncResetPrinter: 69,
  RpcAsyncGetJobNamedPropertyValue: 70,
  RpcAsyncSetJobNamedProperty: 71,
  RpcAsyncDeleteJobNamedProperty: 72,
  RpcAsyncEnumJobNamedProperties: 73,
  RpcAsyncLogJobInfoForBranchOffice: 74,
} as const;
export type ParOpnum = (typeof ParOpnum)[keyof typeof ParOpnum];
export const parOpnumName = reverseLookup(ParOpnum);

/** The highest opnum of [MS-PAR] 3.1.4; above it, nca_s_op_rng_error. */
export const PAR_MAX_OPNUM = 74;

export interface RprnTwin {
  /** The [MS-RPRN] method named as the counterpart in [MS-PAR] 3.1.4.x. */
  readonly rprn: string;
  /** Its [MS-RPRN] 3.1.4 opnum. */
  readonly rprnOpnum: number;
}

/** Each PAR opnum's MS-RPRN twin; undefined for the methods MS-RPRN has no counterpart of. */
export const PAR_RPRN_TWINS: Readonly<Record<ParOpnum, RprnTwin | undefined>> = {
  0: { rprn: 'RpcOpenPrinterEx', rprnOpnum: 69 }, // RpcAsyncOpenPrinter
  1: { rprn: 'RpcAddPrinterEx', rprnOpnum: 70 }, // RpcAsyncAddPrinter
  2: { rprn: 'RpcSetJob', rprnOpnum: 2 }, // RpcAsyncSetJob
  3: { rprn: 'RpcGetJob', rprnOpnum: 3 }, // RpcAsyncGetJob
  4: { rprn: 'RpcEnumJobs', rprnOpnum: 4 }, // RpcAsyncEnumJobs
  5: { rprn: 'RpcAddJob', rprnOpnum: 24 }, // RpcAsyncAddJob
  6: { rprn: 'RpcScheduleJob', rprnOpnum: 25 }, // RpcAsyncScheduleJob
  7: { rprn: 'RpcDeletePrinter', rprnOpnum: 6 }, // RpcAsyncDeletePrinter
  8: { rprn: 'RpcSetPrinter', rprnOpnum: 7 }, // RpcAsyncSetPrinter
  9: { rprn: 'RpcGetPrinter', rprnOpnum: 8 }, // RpcAsyncGetPrinter
  10: { rprn: 'RpcStartDocPrinter', rprnOpnum: 17 }, // RpcAsyncStartDocPrinter
  11: { rprn: 'RpcStartPagePrinter', rprnOpnum: 18 }, // RpcAsyncStartPagePrinter
  12: { rprn: 'RpcWritePrinter', rprnOpnum: 19 }, // RpcAsyncWritePrinter
  13: { rprn: 'RpcEndPagePrinter', rprnOpnum: 20 }, // RpcAsyncEndPagePrinter
  14: { rprn: 'RpcEndDocPrinter', rprnOpnum: 23 }, // RpcAsyncEndDocPrinter
  15: { rprn: 'RpcAbortPrinter', rprnOpnum: 21 }, // RpcAsyncAbortPrinter
  16: { rprn: 'RpcGetPrinterData', rprnOpnum: 26 }, // RpcAsyncGetPrinterData
  17: { rprn: 'RpcGetPrinterDataEx', rprnOpnum: 78 }, // RpcAsyncGetPrinterDataEx
  18: { rprn: 'RpcSetPrinterData', rprnOpnum: 27 }, // RpcAsyncSetPrinterData
  19: { rprn: 'RpcSetPrinterDataEx', rprnOpnum: 77 }, // RpcAsyncSetPrinterDataEx
  20: { rprn: 'RpcClosePrinter', rprnOpnum: 29 }, // RpcAsyncClosePrinter
  21: { rprn: 'RpcAddForm', rprnOpnum: 30 }, // RpcAsyncAddForm
  22: { rprn: 'RpcDeleteForm', rprnOpnum: 31 }, // RpcAsyncDeleteForm
  23: { rprn: 'RpcGetForm', rprnOpnum: 32 }, // RpcAsyncGetForm
  24: { rprn: 'RpcSetForm', rprnOpnum: 33 }, // RpcAsyncSetForm
  25: { rprn: 'RpcEnumForms', rprnOpnum: 34 }, // RpcAsyncEnumForms
  26: { rprn: 'RpcGetPrinterDriver2', rprnOpnum: 53 }, // RpcAsyncGetPrinterDriver
  27: { rprn: 'RpcEnumPrinterData', rprnOpnum: 72 }, // RpcAsyncEnumPrinterData
  28: { rprn: 'RpcEnumPrinterDataEx', rprnOpnum: 79 }, // RpcAsyncEnumPrinterDataEx
  29: { rprn: 'RpcEnumPrinterKey', rprnOpnum: 80 }, // RpcAsyncEnumPrinterKey
  30: { rprn: 'RpcDeletePrinterData', rprnOpnum: 73 }, // RpcAsyncDeletePrinterData
  31: { rprn: 'RpcDeletePrinterDataEx', rprnOpnum: 81 }, // RpcAsyncDeletePrinterDataEx
  32: { rprn: 'RpcDeletePrinterKey', rprnOpnum: 82 }, // RpcAsyncDeletePrinterKey
  33: { rprn: 'RpcXcvData', rprnOpnum: 88 }, // RpcAsyncXcvData
  34: { rprn: 'RpcSendRecvBidiData', rprnOpnum: 97 }, // RpcAsyncSendRecvBidiData
  35: { rprn: 'RpcCreatePrinterIC', rprnOpnum: 40 }, // RpcAsyncCreatePrinterIC
  36: { rprn: 'RpcPlayGdiScriptOnPrinterIC', rprnOpnum: 41 }, // RpcAsyncPlayGdiScriptOnPrinterIC
  37: { rprn: 'RpcDeletePrinterIC', rprnOpnum: 42 }, // RpcAsyncDeletePrinterIC
  38: { rprn: 'RpcEnumPrinters', rprnOpnum: 0 }, // RpcAsyncEnumPrinters
  39: { rprn: 'RpcAddPrinterDriverEx', rprnOpnum: 89 }, // RpcAsyncAddPrinterDriver
  40: { rprn: 'RpcEnumPrinterDrivers', rprnOpnum: 10 }, // RpcAsyncEnumPrinterDrivers
  41: { rprn: 'RpcGetPrinterDriverDirectory', rprnOpnum: 12 }, // RpcAsyncGetPrinterDriverDirectory
  42: { rprn: 'RpcDeletePrinterDriver', rprnOpnum: 13 }, // RpcAsyncDeletePrinterDriver
  43: { rprn: 'RpcDeletePrinterDriverEx', rprnOpnum: 84 }, // RpcAsyncDeletePrinterDriverEx
  44: { rprn: 'RpcAddPrintProcessor', rprnOpnum: 14 }, // RpcAsyncAddPrintProcessor
  45: { rprn: 'RpcEnumPrintProcessors', rprnOpnum: 15 }, // RpcAsyncEnumPrintProcessors
  46: { rprn: 'RpcGetPrintProcessorDirectory', rprnOpnum: 16 }, // RpcAsyncGetPrintProcessorDirectory
  47: { rprn: 'RpcEnumPorts', rprnOpnum: 35 }, // RpcAsyncEnumPorts
  48: { rprn: 'RpcEnumMonitors', rprnOpnum: 36 }, // RpcAsyncEnumMonitors
  49: { rprn: 'RpcAddPortEx', rprnOpnum: 61 }, // RpcAsyncAddPort
  50: { rprn: 'RpcSetPort', rprnOpnum: 71 }, // RpcAsyncSetPort
  51: { rprn: 'RpcAddMonitor', rprnOpnum: 46 }, // RpcAsyncAddMonitor
  52: { rprn: 'RpcDeleteMonitor', rprnOpnum: 47 }, // RpcAsyncDeleteMonitor
  53: { rprn: 'RpcDeletePrintProcessor', rprnOpnum: 48 }, // RpcAsyncDeletePrintProcessor
  54: { rprn: 'RpcEnumPrintProcessorDatatypes', rprnOpnum: 51 }, // RpcAsyncEnumPrintProcessorDatatypes
  55: { rprn: 'RpcAddPerMachineConnection', rprnOpnum: 85 }, // RpcAsyncAddPerMachineConnection
  56: { rprn: 'RpcDeletePerMachineConnection', rprnOpnum: 86 }, // RpcAsyncDeletePerMachineConnection
  57: { rprn: 'RpcEnumPerMachineConnections', rprnOpnum: 87 }, // RpcAsyncEnumPerMachineConnections
  58: undefined, // RpcSyncRegisterForRemoteNotifications: PAR only
  59: undefined, // RpcSyncUnRegisterForRemoteNotifications: PAR only
  60: undefined, // RpcSyncRefreshRemoteNotifications: PAR only
  61: undefined, // RpcAsyncGetRemoteNotifications: PAR only
  62: undefined, // RpcAsyncInstallPrinterDriverFromPackage: PAR only
  63: undefined, // RpcAsyncUploadPrinterDriverPackage: PAR only
  64: { rprn: 'RpcGetCorePrinterDrivers', rprnOpnum: 102 }, // RpcAsyncGetCorePrinterDrivers
  65: undefined, // RpcAsyncCorePrinterDriverInstalled: PAR only
  66: { rprn: 'RpcGetPrinterDriverPackagePath', rprnOpnum: 104 }, // RpcAsyncGetPrinterDriverPackagePath
  67: undefined, // RpcAsyncDeletePrinterDriverPackage: PAR only
  68: { rprn: 'RpcReadPrinter', rprnOpnum: 22 }, // RpcAsyncReadPrinter
  69: { rprn: 'RpcResetPrinter', rprnOpnum: 52 }, // RpcAsyncResetPrinter
  70: { rprn: 'RpcGetJobNamedPropertyValue', rprnOpnum: 110 }, // RpcAsyncGetJobNamedPropertyValue
  71: { rprn: 'RpcSetJobNamedProperty', rprnOpnum: 111 }, // RpcAsyncSetJobNamedProperty
  72: { rprn: 'RpcDeleteJobNamedProperty', rprnOpnum: 112 }, // RpcAsyncDeleteJobNamedProperty
  73: { rprn: 'RpcEnumJobNamedProperties', rprnOpnum: 113 }, // RpcAsyncEnumJobNamedProperties
  74: { rprn: 'RpcLogJobInfoForBranchOffice', rprnOpnum: 116 }, // RpcAsyncLogJobInfoForBranchOffice
};

export function rprnTwin(parOpnum: number): RprnTwin | undefined {
  return Object.prototype.hasOwnProperty.call(PAR_RPRN_TWINS, parOpnum)
    ? PAR_RPRN_TWINS[parOpnum as ParOpnum]
    : undefined;
}

/** Opnums whose return value is an HRESULT ([MS-PAR] 3.1.4.2.7-12, 3.1.4.9); the others return a Win32 DWORD. */
export const PAR_HRESULT_OPNUMS: ReadonlySet<number> = new Set([58, 59, 60, 61, 62, 63, 64, 65, 66, 67]);

/** HRESULT_FROM_WIN32 ([MS-ERREF] 2.1.2): how the HRESULT methods report a Win32 error. */
export { hresultFromWin32 } from '../../common/status/hresult';

/** Errors particular to IRemoteWinspool, as Windows gives them. */
export const ParError = {
  /**
   * Fault for a call without the object UUID, or with another one ([MS-PAR] 3.1): the runtime
   * finds no manager for the object's type (C706 nca_s_unsupported_type, which a Windows client
   * reports as RPC_S_UNSUPPORTED_TYPE 1732, [MS-RPCE] 3.1.1.5.5). Samba's iremotewinspool server
   * sends the same.
   */
  FAULT_OBJECT_UUID: FaultStatus.NCA_S_UNSUPPORTED_TYPE,
  /**
   * Fault for a call on a context below RPC_C_AUTHN_LEVEL_PKT_PRIVACY ([MS-PAR] 2.1, CVE-2021-1678
   * hardening, KB4599464): RPC_S_ACCESS_DENIED. UNCONFIRMED by a capture; Windows clients report the
   * mismatch as 0x0000011B.
   */
  FAULT_AUTHN_LEVEL: FaultStatus.NCA_S_FAULT_ACCESS_DENIED,
  /** A PAR context handle used from MS-RPRN, or the reverse (strict_context_handle, [MS-PAR] 3.1.4). */
  FAULT_CONTEXT_MISMATCH: FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH,
  /**
   * RpcAsyncOpenPrinter with SPLCLIENT_INFO_1.dwBuildNum below this: ERROR_ACCESS_DENIED (Samba's
   * torture test_AsyncOpenPrinterValidateBuildNumber, against Windows Server 2016: builds before
   * Windows Vista / Server 2008 are refused).
   */
  MIN_CLIENT_BUILD: 6000,
  OLD_CLIENT_BUILD: Win32ErrorCode.ERROR_ACCESS_DENIED,
  /** RpcAsyncAddJob always returns it ([MS-PAR] 3.1.4.7.4). */
  ADD_JOB: Win32ErrorCode.ERROR_INVALID_PARAMETER,
  /** RpcAsyncScheduleJob always returns it ([MS-PAR] 3.1.4.7.5). */
  SCHEDULE_JOB: Win32ErrorCode.ERROR_SPL_NO_ADDJOB,
  /** HRESULT methods: E_INVALIDARG and E_ACCESSDENIED as Samba's torture saw them from Windows. */
  E_INVALIDARG: hresultFromWin32(Win32ErrorCode.ERROR_INVALID_PARAMETER),
  E_ACCESSDENIED: hresultFromWin32(Win32ErrorCode.ERROR_ACCESS_DENIED),
} as const;
