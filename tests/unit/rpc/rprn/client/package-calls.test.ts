/**
 * The client's driver package calls (lib/rpc/rprn/client/package-calls.ts) against scripted
 * answers: the size probe of RpcGetPrinterDriverPackagePath as Windows (S_OK with the size) and as
 * a server that says ERROR_INSUFFICIENT_BUFFER answer it, a server without the method (Samba's
 * nca_s_op_rng_error), a hostile size, a short CORE_PRINTER_DRIVER array, and the MS-PAR-only
 * calls refused before anything is sent on \pipe\spoolss.
 */
import { MalformedPacketError, Win32Error } from '../../../../../lib/common/errors';
import { Win32ErrorCode } from '../../../../../lib/common/status/win32-error';
import { RpcClient } from '../../../../../lib/rpc/client/rpc-client';
import { FaultStatus } from '../../../../../lib/rpc/constants';
import { RprnClient, type RprnClientOptions } from '../../../../../lib/rpc/rprn/client/rprn-client';
import { Bytes } from '../../../../helpers/hex';
import { ScriptedPipe, bindAck, fault, response } from '../../client/scripted-pipe';

const CAB = '\\\\NTPRINT\\print$\\x64\\PCC\\hpcpkg.inf_amd64_d44420239174f116.cab';
const E_INSUFFICIENT_BUFFER = 0x8007007a;

type Answer = (request: { opnum: number; stub: Buffer }) => Buffer | 'op_rng';

async function client(answer: Answer, options: RprnClientOptions = {}) {
  const requests: { opnum: number; stub: Buffer }[] = [];
  const pipe = new ScriptedPipe((pdu, i) => {
    if (i === 0) return bindAck(1, 4280, 4280);
    const req = { opnum: pdu.readUInt16LE(22), stub: pdu.subarray(24) };
    requests.push(req);
    const out = answer(req);
    const callId = pdu.readUInt32LE(12);
    return out === 'op_rng' ? fault(callId, FaultStatus.NCA_S_OP_RNG_ERROR) : response(callId, 3, out);
  });
  const rpc = await RpcClient.bind(pipe, { uuid: '12345678-1234-abcd-ef00-0123456789ab', version: 1 });
  return { rprn: new RprnClient(rpc, options), requests };
}

/** cchDriverPackageCab: the request's last DWORD. */
const cchOf = (stub: Buffer): number => stub.readUInt32LE(stub.length - 4);

function pathAnswer(cch: number, status: number, required: number, text?: string): Buffer {
  const b = new Bytes();
  if (cch === 0) b.u32(0);
  else {
    const units = Buffer.alloc(cch * 2);
    if (text !== undefined) Buffer.from(`${text}\0`, 'utf16le').copy(units);
    b.u32(0x20000).u32(cch).raw(units).pad(4);
  }
  return b.u32(required).u32(status).build();
}

describe('RprnClient.packages.getPrinterDriverPackagePath', () => {
  const id = 'C:\\Windows\\System32\\DriverStore\\FileRepository\\hpcpkg.inf_amd64_d44420239174f116\\hpcpkg.inf';

  it('Windows: the NULL-buffer probe answers S_OK and the size; the second call brings the path', async () => {
    const { rprn, requests } = await client(({ stub }) => {
      const cch = cchOf(stub);
      return cch === 0 ? pathAnswer(0, 0, CAB.length + 1) : pathAnswer(cch, 0, CAB.length + 1, CAB);
    });
    expect(await rprn.packages.getPrinterDriverPackagePath('\\\\NTPRINT', 'Windows x64', undefined, id)).toBe(CAB);
    expect(requests.map((r) => [r.opnum, cchOf(r.stub)])).toEqual([
      [104, 0],
      [104, CAB.length + 1],
    ]);
  });

  it('a server that answers the probe ERROR_INSUFFICIENT_BUFFER is followed the same way', async () => {
    const { rprn } = await client(({ stub }) => {
      const cch = cchOf(stub);
      return cch < CAB.length + 1
        ? pathAnswer(cch, E_INSUFFICIENT_BUFFER, CAB.length + 1)
        : pathAnswer(cch, 0, CAB.length + 1, CAB);
    });
    expect(await rprn.packages.getPrinterDriverPackagePath('\\\\NTPRINT', 'Windows x64', undefined, id)).toBe(CAB);
  });

  it('an HRESULT error becomes the Win32Error it carries', async () => {
    const { rprn } = await client(() => pathAnswer(0, 0x80070002, 0));
    const err: unknown = await rprn.packages
      .getPrinterDriverPackagePath(undefined, 'Windows x64', undefined, '')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Win32Error);
    expect((err as Win32Error).win32).toBe(Win32ErrorCode.ERROR_FILE_NOT_FOUND);
    expect((err as Error).message).toMatch(/ERROR_FILE_NOT_FOUND \(0x80070002\)/);
  });

  it('a hostile size is refused before anything is allocated, a growing one after a few tries', async () => {
    const huge = await client(() => pathAnswer(0, 0, 0x40000000));
    await expect(
      huge.rprn.packages.getPrinterDriverPackagePath(undefined, 'Windows x64', undefined, id),
    ).rejects.toMatchObject({
      win32: Win32ErrorCode.ERROR_NOT_ENOUGH_MEMORY,
    });
    const growing = await client(({ stub }) => pathAnswer(cchOf(stub), E_INSUFFICIENT_BUFFER, cchOf(stub) + 10));
    await expect(
      growing.rprn.packages.getPrinterDriverPackagePath(undefined, 'Windows x64', undefined, id),
    ).rejects.toMatchObject({
      win32: Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER,
    });
    expect(growing.requests).toHaveLength(4);
  });

  it("a server without the method (Samba's nca_s_op_rng_error) is ERROR_NOT_SUPPORTED", async () => {
    const { rprn } = await client(() => 'op_rng');
    await expect(
      rprn.packages.getCorePrinterDrivers('\\\\SAMBA', 'Windows x64', ['{D20EA372-DD35-4950-9ED8-A6335AFE79F0}']),
    ).rejects.toMatchObject({
      win32: Win32ErrorCode.ERROR_NOT_SUPPORTED,
    });
  });
});

describe('RprnClient.packages: the rest', () => {
  it('getCorePrinterDrivers refuses an array that does not hold one record per GUID', async () => {
    const { rprn } = await client(() => new Bytes().u32(0).u32(0).build());
    await expect(
      rprn.packages.getCorePrinterDrivers('\\\\NTPRINT', 'Windows x64', ['{D20EA372-DD35-4950-9ED8-A6335AFE79F0}']),
    ).rejects.toThrow(MalformedPacketError);
  });

  it('the MS-PAR-only calls are refused on \\pipe\\spoolss before anything is sent', async () => {
    const { rprn, requests } = await client(() => Buffer.alloc(4));
    await expect(
      rprn.packages.corePrinterDriverInstalled(
        undefined,
        'Windows x64',
        '{D20EA372-DD35-4950-9ED8-A6335AFE79F5}',
        new Date(0),
        0n,
      ),
    ).rejects.toMatchObject({ win32: Win32ErrorCode.ERROR_NOT_SUPPORTED });
    await expect(rprn.packages.uploadPrinterDriverPackage(undefined, 'a.inf', 'Windows x64', 0)).rejects.toMatchObject({
      win32: Win32ErrorCode.ERROR_NOT_SUPPORTED,
    });
    await expect(rprn.packages.deletePrinterDriverPackage(undefined, 'a.inf', 'Windows x64')).rejects.toMatchObject({
      win32: Win32ErrorCode.ERROR_NOT_SUPPORTED,
    });
    expect(requests).toEqual([]);
  });
});
