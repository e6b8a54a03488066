/**
 * The client side of RpcXcvData ([MS-RPRN] 3.1.4.6.5), the call through which PowerShell's
 * Add-PrinterPort and the monitors' UI DLLs administer ports, on an `,XcvMonitor <monitor>` or
 * `,XcvPort <port>` handle opened with RpcOpenPrinterEx. The method's own status is thrown as
 * Win32Error(code); the monitor's answer (pdwStatus) is returned with its output.
 */
import { RPRN_MESSAGES as M } from '../messages';
import type { RprnHandle } from '../messages/parameters';
import type { XcvDataResult } from '../../../spoolss/print-provider';
import { check, type RprnClientStub } from './client-stub';

export class RprnPortCalls {
  constructor(private readonly stub: RprnClientStub) {}

  async xcvData(h: RprnHandle, dataName: string, input: Buffer, cbOutputData: number): Promise<XcvDataResult> {
    const res = await this.stub.call(M.RpcXcvData, { hXcv: h, dataName, inputData: input, cbOutputData, dwStatus: 0 });
    check(M.RpcXcvData, res.status, dataName);
    return { status: res.dwStatus, output: res.outputData, needed: res.cbOutputNeeded };
  }
}
