/**
 * RpcAddPerMachineConnection, RpcDeletePerMachineConnection, RpcEnumPerMachineConnections (opnums
 * 85-87), [MS-RPRN] 3.1.4.2.19-21, built by hand from the IDL.
 */
import { RpcAddPerMachineConnection } from '../../../../../lib/rpc/rprn/messages/add-per-machine-connection';
import { RpcDeletePerMachineConnection } from '../../../../../lib/rpc/rprn/messages/delete-per-machine-connection';
import { RpcEnumPerMachineConnections } from '../../../../../lib/rpc/rprn/messages/enum-per-machine-connections';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

describe('per-machine connections', () => {
  it('RpcAddPerMachineConnection request: server, printer, print server, provider', () => {
    expectRequest(
      RpcAddPerMachineConnection,
      hex(`
      00000200 03000000 00000000 03000000 5c005c00 0000   # pServer (unique) "\\\\"... max 3: "\\\\" + NUL
      0000                                                # align 4
      02000000 00000000 02000000 66000000                 # pPrinterName "f"
      01000000 00000000 01000000 0000                     # pPrintServer ""
      0000                                                # align 4
      01000000 00000000 01000000 0000                     # pProvider ""
      `),
      { server: '\\\\', printerName: 'f', printServer: '', provider: '' },
    );
  });
  it('RpcDeletePerMachineConnection request: a NULL server', () => {
    expectRequest(
      RpcDeletePerMachineConnection,
      hex(`
      00000000                                            # pServer NULL
      02000000 00000000 02000000 66000000                 # pPrinterName "f"
      `),
      { printerName: 'f' },
    );
  });
  it('RpcEnumPerMachineConnections: the size probe and its answer', () => {
    expectRequest(RpcEnumPerMachineConnections, hex('00000000 00000000 00000000'), {
      buffer: { buffer: undefined, cbBuf: 0 },
    });
    expectResponse(
      RpcEnumPerMachineConnections,
      hex(`
      00000000                                            # pPrinterEnum NULL
      18000000 00000000                                   # pcbNeeded 24, pcReturned 0
      7a000000                                            # ERROR_INSUFFICIENT_BUFFER
      `),
      { needed: 24, returned: 0, status: 122 },
    );
  });
});
