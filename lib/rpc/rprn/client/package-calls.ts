/**
 * The client side of the driver package calls: MS-RPRN's RpcGetCorePrinterDrivers (3.1.4.4.9) and
 * RpcGetPrinterDriverPackagePath (3.1.4.4.10), on either interface, and MS-PAR's package
 * administration calls (3.1.4.2.7, .8, .10, .12), which \pipe\spoolss does not offer
 * (ERROR_NOT_SUPPORTED before anything is sent). They return HRESULTs: one that carries a Win32
 * error becomes Win32Error(code), any other Win32Error(ERROR_INVALID_FUNCTION) naming it.
 *
 * The package path follows 3.1.4.4.10's size probe: a NULL buffer first (Windows answers S_OK or
 * ERROR_INSUFFICIENT_BUFFER with pcchRequiredSize, <352>), then a buffer of that size; a size that
 * keeps growing or is hostile is refused (client-stub.ts).
 *
 * A server without the calls (Samba answers 102 and 104 with nca_s_op_rng_error) gives
 * Win32Error(ERROR_NOT_SUPPORTED): the client then has no package path and copies file by file.
 */
import { MalformedPacketError, RpcFaultError, Win32Error } from '../../../common/errors';
import { dateToFiletime } from '../../../common/binary/filetime';
import type { Logger } from '../../../common/logger';
import { hresultFromWin32, S_OK, win32FromHresult } from '../../../common/status/hresult';
import { Win32ErrorCode, win32ErrorName } from '../../../common/status/win32-error';
import type { CorePrinterDriver } from '../../../spoolss/types';
import { FaultStatus } from '../../constants';
import type { AnyNdrMessage, NdrMessage } from '../../ndr/ndr-message';
import { PAR_ONLY_MESSAGES as P } from '../../par/messages';
import { RPRN_MESSAGES as M } from '../messages';
import { guidOfCoreDriver, wcharsText } from '../messages/package-parameters';
import { corePrinterDriverFromRecord } from '../structures/core-printer-driver';
import { MAX_CLIENT_BUFFER, type RprnClientStub } from './client-stub';

const MAX_ATTEMPTS = 4;
/** The longest INF path an upload answer may ask room for (characters). */
const UPLOAD_DEST_CHARS = 520;

export class RprnPackageCalls {
  constructor(
    private readonly stub: RprnClientStub,
    private readonly log: Logger,
  ) {}

  async getCorePrinterDrivers(
    serverName: string | undefined,
    environment: string,
    coreDriverGuids: readonly string[],
  ): Promise<CorePrinterDriver[]> {
    const res = await this.call(M.RpcGetCorePrinterDrivers, {
      server: serverName,
      environment,
      coreDriverDependencies: coreDriverGuids,
      count: coreDriverGuids.length,
    });
    checkHresult(M.RpcGetCorePrinterDrivers, res.status);
    if (res.corePrinterDrivers.length !== coreDriverGuids.length)
      throw new MalformedPacketError(
        `RpcGetCorePrinterDrivers: ${res.corePrinterDrivers.length} records for ${coreDriverGuids.length} asked`,
        { field: 'pCorePrinterDrivers' },
      );
    return res.corePrinterDrivers.map(corePrinterDriverFromRecord);
  }

  async getPrinterDriverPackagePath(
    serverName: string | undefined,
    environment: string,
    language: string | undefined,
    packageId: string,
  ): Promise<string> {
    let cch = 0;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const res = await this.call(M.RpcGetPrinterDriverPackagePath, {
        server: serverName,
        environment,
        language,
        packageId,
        driverPackageCab: { buffer: cch === 0 ? undefined : Buffer.alloc(cch * 2), cch },
      });
      const probe = cch === 0 && res.status === S_OK;
      const tooSmall = res.status === hresultFromWin32(Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER);
      if ((probe || tooSmall) && res.requiredSize > cch) {
        cch = this.grow(M.RpcGetPrinterDriverPackagePath, res.requiredSize);
        continue;
      }
      checkHresult(M.RpcGetPrinterDriverPackagePath, res.status, packageId);
      const path = res.driverPackageCab === undefined ? '' : wcharsText(res.driverPackageCab);
      if (path === '')
        throw new Win32Error(
          Win32ErrorCode.ERROR_INVALID_DATA,
          `RpcGetPrinterDriverPackagePath(${packageId}): no path`,
        );
      return path;
    }
    throw new Win32Error(
      Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER,
      'RpcGetPrinterDriverPackagePath: the needed size kept changing',
    );
  }

  async corePrinterDriverInstalled(
    serverName: string | undefined,
    environment: string,
    coreDriverGuid: string,
    driverDate: Date,
    driverVersion: bigint,
  ): Promise<boolean> {
    const res = await this.call(this.par(P.RpcAsyncCorePrinterDriverInstalled), {
      server: serverName,
      environment,
      coreDriverGuid: guidOfCoreDriver(coreDriverGuid),
      driverDate: dateToFiletime(driverDate),
      driverVersion,
    });
    checkHresult(P.RpcAsyncCorePrinterDriverInstalled, res.status, coreDriverGuid);
    return res.driverInstalled !== 0;
  }

  async uploadPrinterDriverPackage(
    serverName: string | undefined,
    infPath: string,
    environment: string,
    flags: number,
  ): Promise<string> {
    const res = await this.call(this.par(P.RpcAsyncUploadPrinterDriverPackage), {
      server: serverName,
      infPath,
      environment,
      flags,
      destInfPath: { buffer: Buffer.alloc(UPLOAD_DEST_CHARS * 2), cch: UPLOAD_DEST_CHARS },
    });
    checkHresult(P.RpcAsyncUploadPrinterDriverPackage, res.status, infPath);
    return res.destInfPath === undefined ? '' : wcharsText(res.destInfPath);
  }

  async installPrinterDriverFromPackage(
    serverName: string | undefined,
    infPath: string | undefined,
    driverName: string,
    environment: string,
    flags: number,
  ): Promise<void> {
    const message = this.par(P.RpcAsyncInstallPrinterDriverFromPackage);
    const res = await this.call(message, { server: serverName, infPath, driverName, environment, flags });
    checkHresult(message, res.status, driverName);
  }

  async deletePrinterDriverPackage(
    serverName: string | undefined,
    infPath: string,
    environment: string,
  ): Promise<void> {
    const message = this.par(P.RpcAsyncDeletePrinterDriverPackage);
    checkHresult(message, (await this.call(message, { server: serverName, infPath, environment })).status, infPath);
  }

  /** One call; a server that does not have the method (nca_s_op_rng_error) is ERROR_NOT_SUPPORTED. */
  private async call<Req, Res>(message: NdrMessage<Req, Res>, request: Req): Promise<Res> {
    try {
      return await this.stub.call(message, request);
    } catch (err) {
      if (err instanceof RpcFaultError && err.status === FaultStatus.NCA_S_OP_RNG_ERROR)
        throw new Win32Error(Win32ErrorCode.ERROR_NOT_SUPPORTED, `the server does not offer ${message.name}`, {
          cause: err,
        });
      throw err;
    }
  }

  /** A PAR-only message, refused before sending when the interface is MS-RPRN. */
  private par<T extends AnyNdrMessage>(message: T): T {
    if (!this.stub.offers(message))
      throw new Win32Error(
        Win32ErrorCode.ERROR_NOT_SUPPORTED,
        `${message.name} is an MS-PAR method: \\pipe\\spoolss has no such call`,
      );
    return message;
  }

  private grow(message: { readonly name: string }, cch: number): number {
    if (cch * 2 > MAX_CLIENT_BUFFER)
      throw new Win32Error(
        Win32ErrorCode.ERROR_NOT_ENOUGH_MEMORY,
        `${message.name}: the server asks for ${cch} characters`,
      );
    this.log.debug('size probe', { op: message.name, cch });
    return cch;
  }
}

/** A failed HRESULT -> Win32Error: the Win32 code it carries, or ERROR_INVALID_FUNCTION naming it. */
export function checkHresult(message: { readonly name: string }, hresult: number, subject?: string): void {
  if (hresult === S_OK) return;
  const win32 = win32FromHresult(hresult);
  const hex = `0x${hresult.toString(16).padStart(8, '0')}`;
  const what = win32 === undefined ? `HRESULT ${hex}` : `${win32ErrorName(win32)} (${hex})`;
  throw new Win32Error(
    win32 ?? Win32ErrorCode.ERROR_INVALID_FUNCTION,
    `${message.name}${subject !== undefined ? `(${subject})` : ''}: ${what}`,
  );
}
