/**
 * RpcXcvData (opnum 88), [MS-RPRN] 3.1.4.6.5, and the port calls RpcAddPort, RpcConfigurePort and
 * RpcDeletePort (37-39), built by hand from the IDL.
 */
import { RpcFaultError } from '../../../../../lib/common/errors';
import { decodeRequestStub } from '../../../../../lib/rpc/ndr/ndr-message';
import { RpcAddPort } from '../../../../../lib/rpc/rprn/messages/add-port';
import { RpcDeletePort } from '../../../../../lib/rpc/rprn/messages/delete-port';
import { RpcXcvData } from '../../../../../lib/rpc/rprn/messages/xcv-data';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

const HANDLE = hex('00000000a1a2a3a4b1b2b3b4c1c2c3c4d1d2d3d4');

describe('RpcXcvData', () => {
  it('request: the command, the input bytes with their count, cbOutputData and pdwStatus', () => {
    expectRequest(
      RpcXcvData,
      hex(`
      00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4   # hXcv
      0b000000 00000000 0b000000                     # pszDataName: max_count 11, offset 0, actual 11
      44006500 6c006500 74006500 50006f00 72007400 0000   # "DeletePort" + NUL
      0000                                           # pad to 4
      06000000 4c005000 5400                         # pInputData: max_count 6, "LPT" (no NUL)
      0000                                           # pad to 4
      06000000                                       # cbInputData 6
      00010000                                       # cbOutputData 256
      00000000                                       # pdwStatus 0
      `),
      {
        hXcv: HANDLE,
        dataName: 'DeletePort',
        inputData: Buffer.from('LPT', 'utf16le'),
        cbOutputData: 256,
        dwStatus: 0,
      },
    );
  });

  it('request: a cbInputData that disagrees with the array is nca_s_fault_ndr', () => {
    const bytes = hex(`
      00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4
      02000000 00000000 02000000 41000000            # "A" + NUL
      02000000 4100 0000                             # pInputData: max_count 2, pad
      09000000 00000000 00000000                     # cbInputData 9 (wrong), cbOutputData, pdwStatus
      `);
    expect(() => decodeRequestStub(RpcXcvData, bytes)).toThrow(RpcFaultError);
  });

  it('response: pOutputData (cbOutputData bytes), pcbOutputNeeded, pdwStatus and the status', () => {
    expectResponse(
      RpcXcvData,
      hex(`
      08000000 6c006f00 63006100                     # pOutputData: max_count 8, "loca"
      1a000000                                       # pcbOutputNeeded 26
      7a000000                                       # pdwStatus ERROR_INSUFFICIENT_BUFFER
      00000000                                       # status ERROR_SUCCESS
      `),
      { outputData: Buffer.from('loca', 'utf16le'), cbOutputNeeded: 26, dwStatus: 122, status: 0 },
    );
  });
});

describe('RpcAddPort and RpcDeletePort', () => {
  it('AddPort: server name, hWnd (4 bytes) and the monitor', () => {
    expectRequest(
      RpcAddPort,
      hex(`
      00000200                                       # pName: referent id
      04000000 00000000 04000000 5c005c00 41000000   # "\\\\A" + NUL
      00000000                                       # hWnd 0
      04000000 00000000 04000000 66006f00 6f000000   # pMonitorName "foo" + NUL
      `),
      { name: '\\\\A', hWnd: 0, monitorName: 'foo' },
    );
  });

  it('DeletePort: NULL server name and the port', () => {
    expectRequest(
      RpcDeletePort,
      hex(`
      00000000                                       # pName NULL
      00000000                                       # hWnd 0
      06000000 00000000 06000000 4c005000 54003100 3a000000  # "LPT1:" + NUL
      `),
      { name: undefined, hWnd: 0, portName: 'LPT1:' },
      { exact: true },
    );
    expectResponse(RpcDeletePort, hex('32000000  # ERROR_NOT_SUPPORTED'), { status: 50 });
  });
});
