/**
 * RpcCreatePrinterIC, RpcPlayGdiScriptOnPrinterIC, RpcDeletePrinterIC (opnums 40-42, [MS-RPRN]
 * 3.1.4.2.10-12) and RpcLogJobInfoForBranchOffice (opnum 116, 3.1.4.13.1), built by hand from the
 * IDL. EBranchOfficeJobEventType is a plain enum (2 bytes, as pidl's uint1632 in NDR20), repeated
 * as the union's tag; the union aligns its arm to 8 (the LONGLONGs of some arms).
 */
import { MalformedPacketError } from '../../../../../lib/common/errors';
import { decodeRequestStub } from '../../../../../lib/rpc/ndr/ndr-message';
import { RpcCreatePrinterIC } from '../../../../../lib/rpc/rprn/messages/create-printer-ic';
import { RpcDeletePrinterIC } from '../../../../../lib/rpc/rprn/messages/delete-printer-ic';
import { RpcLogJobInfoForBranchOffice } from '../../../../../lib/rpc/rprn/messages/log-job-info-for-branch-office';
import { RpcPlayGdiScriptOnPrinterIC } from '../../../../../lib/rpc/rprn/messages/play-gdi-script-on-printer-ic';
import { hex } from '../../../../helpers/hex';
import { expectRequest, expectResponse } from './message-fixture';

const H = hex('00000000a1a2a3a4b1b2b3b4c1c2c3c4d1d2d3d4');
const G = hex('00000000e1e2e3e4f1f2f3f4010203040a0b0c0d');

describe('printer information contexts', () => {
  it('RpcCreatePrinterIC request: an empty DEVMODE_CONTAINER', () => {
    expectRequest(
      RpcCreatePrinterIC,
      hex(`
      00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4   # hPrinter
      00000000 00000000                              # pDevModeContainer: cbBuf 0, NULL
      `),
      { hPrinter: H },
    );
  });
  it('RpcCreatePrinterIC response: the GDI_HANDLE', () => {
    expectResponse(RpcCreatePrinterIC, hex('00000000 e1e2e3e4 f1f2f3f4 01020304 0a0b0c0d 00000000'), {
      gdiHandle: G,
      status: 0,
    });
  });
  it('RpcPlayGdiScriptOnPrinterIC request: empty pIn, cOut 4', () => {
    expectRequest(
      RpcPlayGdiScriptOnPrinterIC,
      hex(`
      00000000 e1e2e3e4 f1f2f3f4 01020304 0a0b0c0d   # hPrinterIC
      00000000                                       # pIn: max_count 0
      00000000                                       # cIn 0
      04000000                                       # cOut 4
      00000000                                       # ul
      `),
      { gdiHandle: G, input: Buffer.alloc(0), cOut: 4, ul: 0 },
    );
  });
  it('RpcPlayGdiScriptOnPrinterIC response: a font count of 0', () => {
    expectResponse(RpcPlayGdiScriptOnPrinterIC, hex('04000000 00000000 00000000'), {
      output: Buffer.alloc(4),
      status: 0,
    });
  });
  it('RpcDeletePrinterIC: the handle in, a NULL handle out', () => {
    expectRequest(RpcDeletePrinterIC, G, { gdiHandle: G });
    expectResponse(RpcDeletePrinterIC, Buffer.alloc(24), { gdiHandle: Buffer.alloc(20), status: 0 });
  });
});

describe('RpcLogJobInfoForBranchOffice', () => {
  it('request: one kLogOfflineFileFull entry (smbtorture log_jobinfo)', () => {
    expectRequest(
      RpcLogJobInfoForBranchOffice,
      hex(`
      00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4   # hPrinter
      01000000                                       # conformant structure: max_count 1
      01000000                                       # cJobDataEntries 1 (8-aligned at 24)
      0000 0000                                      # (align 8)
      0500 0000 2a000000                             # eEventType kLogOfflineFileFull (u16), align 4, JobId 42
      0500 0000 00000000                             # union tag (u16), align 8
      00000200                                       # pMachineName: referent id
      04000000 00000000 04000000 61006200 63000000   # deferred "abc"
      `),
      { hPrinter: H, entries: [{ event: 'offlineFileFull', jobId: 42, machineName: 'abc' }] },
    );
  });
  it('request: a kLogJobPrinted entry and its LONGLONG', () => {
    expectRequest(
      RpcLogJobInfoForBranchOffice,
      hex(`
      00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4
      01000000 01000000 00000000
      0100 0000 07000000 0100 0000 00000000           # kLogJobPrinted, JobId 7, tag, align 8
      00000000                                       # Status
      00000200 00000000 00000000 00000000 00000000   # pDocumentName "d"; pUser/Machine/Printer/PortName NULL
      00100000 00000000                              # Size 4096 (at 72: 8-aligned already)
      03000000                                       # TotalPages 3
      02000000 00000000 02000000 64000000            # deferred "d"
      `),
      {
        hPrinter: H,
        entries: [
          {
            event: 'printed',
            jobId: 7,
            status: 0,
            documentName: 'd',
            userName: '',
            machineName: '',
            printerName: '',
            portName: '',
            size: 4096n,
            totalPages: 3,
          },
        ],
      },
      // NULL strings read as "" and are written back as empty strings, not NULL.
      { exact: false },
    );
  });
  it('an empty container decodes (the provider refuses it)', () => {
    expect(
      decodeRequestStub(
        RpcLogJobInfoForBranchOffice,
        hex('00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4 00000000 00000000'),
      ).entries,
    ).toEqual([]);
  });
  it('kInvalidJobState has no arm: malformed', () => {
    const bad = hex(`00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4 01000000 01000000 00000000
      0000 0000 07000000 0000 0000 00000000 00000000`);
    expect(() => decodeRequestStub(RpcLogJobInfoForBranchOffice, bad)).toThrow(MalformedPacketError);
  });
  it('a count larger than the stub is malformed before anything is allocated', () => {
    const bad = hex('00000000 a1a2a3a4 b1b2b3b4 c1c2c3c4 d1d2d3d4 ffffff0f ffffff0f');
    expect(() => decodeRequestStub(RpcLogJobInfoForBranchOffice, bad)).toThrow(MalformedPacketError);
  });
});
