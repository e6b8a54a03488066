/**
 * IRemoteWinspool over the real PrintServer (in memory): the same MS-RPRN operations under MS-PAR's
 * opnums ([MS-PAR] 3.1.4), the object UUID every call must carry (3.1), RpcAsyncOpenPrinter's
 * build check, RpcAsyncAddJob/RpcAsyncScheduleJob's fixed errors (3.1.4.7.4-5), and handles that
 * belong to their interface's table (strict_context_handle).
 */
import type { AuthenticatedUser } from '../../../../lib/common/identity';
import { createSilentLogger } from '../../../../lib/common/logger';
import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { FaultStatus, RpcAuthnLevel } from '../../../../lib/rpc/constants';
import { IREMOTEWINSPOOL_OBJECT_UUID, ParOpnum } from '../../../../lib/rpc/par/constants';
import { parInterface } from '../../../../lib/rpc/par/par-interface';
import { PAR_OPNUMS } from '../../../../lib/rpc/par/par-opnums';
import { RPRN_MESSAGES } from '../../../../lib/rpc/rprn/messages';
import { RprnOpnum } from '../../../../lib/rpc/rprn/opnums';
import { rprnInterface } from '../../../../lib/rpc/rprn/rprn-interface';
import type { RpcInterfaceInstance } from '../../../../lib/rpc/server/rpc-interface';
import { createTestServer, type TestServer } from '../../../helpers/test-print-server';
import { Bytes } from '../../../helpers/hex';

const ALICE: AuthenticatedUser = {
  userName: 'alice',
  domain: 'NTPRINT',
  groups: ['Users'],
  isAdministrator: false,
  isGuest: false,
  isAnonymous: false,
};

function openStub(build: number): Buffer {
  return new Bytes()
    .u32(0x20000)
    .ndrString('\\\\NTPRINT\\HpColor')
    .pad(4)
    .u32(0) // pDatatype NULL
    .u32(0)
    .u32(0) // DEVMODE_CONTAINER { 0, NULL }
    .u32(8) // PRINTER_ACCESS_USE
    .u32(1)
    .u32(1)
    .u32(0x20004) // SPLCLIENT_CONTAINER level 1, tag 1, referent
    .u32(28)
    .u32(0x20008)
    .u32(0x2000c)
    .u32(build)
    .u32(10)
    .u32(0)
    .u16(9) // SPLCLIENT_INFO_1
    .ndrString('PPCLIENT')
    .ndrString('alice')
    .build();
}

describe('IRemoteWinspool', () => {
  let t: TestServer;
  let par: RpcInterfaceInstance;
  let rprn: RpcInterfaceInstance;
  beforeEach(async () => {
    t = await createTestServer();
    const options = { provider: t.server, serverName: 'NTPRINT', logger: createSilentLogger() };
    par = parInterface(options).instantiate();
    rprn = rprnInterface(options).instantiate();
  });

  const call = (iface: RpcInterfaceInstance, opnum: number, stub: Buffer, objectUuid?: string) =>
    iface.call(opnum, stub, {
      callId: 2,
      opnum,
      contextId: 0,
      ...(objectUuid !== undefined && { objectUuid }),
      caller: ALICE,
      authLevel: RpcAuthnLevel.RPC_C_AUTHN_LEVEL_PKT_PRIVACY,
      transport: 'ncacn_ip_tcp',
    });
  const parCall = (opnum: number, stub: Buffer) => call(par, opnum, stub, IREMOTEWINSPOOL_OBJECT_UUID);

  it('numbers the MS-RPRN messages as [MS-PAR] 3.1.4 does', () => {
    expect(PAR_OPNUMS.message(ParOpnum.RpcAsyncOpenPrinter)).toBe(RPRN_MESSAGES.RpcOpenPrinterEx);
    expect(PAR_OPNUMS.message(ParOpnum.RpcAsyncGetPrinterDriver)).toBe(RPRN_MESSAGES.RpcGetPrinterDriver2);
    expect(PAR_OPNUMS.message(ParOpnum.RpcAsyncEnumPrinterDataEx)).toBe(RPRN_MESSAGES.RpcEnumPrinterDataEx);
    expect(PAR_OPNUMS.message(ParOpnum.RpcAsyncAddPrinterDriver)).toBe(RPRN_MESSAGES.RpcAddPrinterDriverEx);
    expect(PAR_OPNUMS.message(ParOpnum.RpcAsyncAddJob)).toBe(RPRN_MESSAGES.RpcAddJob);
  });

  it.each([
    ['no object UUID', undefined],
    ['the nil UUID', '00000000-0000-0000-0000-000000000000'],
    ["MS-RPRN's interface UUID", '12345678-1234-abcd-ef00-0123456789ab'],
  ])('faults nca_s_unsupported_type for %s', async (_what, objectUuid) => {
    await expect(call(par, ParOpnum.RpcAsyncOpenPrinter, openStub(22631), objectUuid)).rejects.toMatchObject({
      status: FaultStatus.NCA_S_UNSUPPORTED_TYPE,
    });
  });

  it('RpcAsyncOpenPrinter: a Windows 2000 build is refused with ERROR_ACCESS_DENIED, Windows 11 opens', async () => {
    const old = await parCall(ParOpnum.RpcAsyncOpenPrinter, openStub(2195));
    expect(old).toEqual(new Bytes().raw(Buffer.alloc(20)).u32(Win32ErrorCode.ERROR_ACCESS_DENIED).build());
    const ok = await parCall(ParOpnum.RpcAsyncOpenPrinter, openStub(22631));
    expect(ok.readUInt32LE(20)).toBe(0);
    expect(ok.subarray(4, 20).equals(Buffer.alloc(16))).toBe(false);
  });

  it('RpcAsyncAddJob and RpcAsyncScheduleJob fail as [MS-PAR] says; so do their MS-RPRN twins', async () => {
    const h = (await parCall(ParOpnum.RpcAsyncOpenPrinter, openStub(22631))).subarray(0, 20);
    const addJob = new Bytes().raw(h).u32(1).u32(0).u32(0).build();
    expect(await parCall(ParOpnum.RpcAsyncAddJob, addJob)).toEqual(
      new Bytes().u32(0).u32(0).u32(Win32ErrorCode.ERROR_INVALID_PARAMETER).build(),
    );
    const schedule = new Bytes().raw(h).u32(3).build();
    expect(await parCall(ParOpnum.RpcAsyncScheduleJob, schedule)).toEqual(
      new Bytes().u32(Win32ErrorCode.ERROR_SPL_NO_ADDJOB).build(),
    );
    // The same handle is not MS-RPRN's: strict_context_handle.
    await expect(call(rprn, RprnOpnum.RpcScheduleJob, schedule)).rejects.toMatchObject({
      status: FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH,
    });
    const rh = (await call(rprn, RprnOpnum.RpcOpenPrinterEx, openStub(22631))).subarray(0, 20);
    expect(await call(rprn, RprnOpnum.RpcScheduleJob, new Bytes().raw(rh).u32(3).build())).toEqual(
      new Bytes().u32(Win32ErrorCode.ERROR_SPL_NO_ADDJOB).build(),
    );
  });

  it('faults nca_s_op_rng_error beyond its methods and for the calls it does not serve', async () => {
    await expect(parCall(75, Buffer.alloc(0))).rejects.toMatchObject({ status: FaultStatus.NCA_S_OP_RNG_ERROR });
    await expect(parCall(ParOpnum.RpcAsyncAddMonitor, Buffer.alloc(0))).rejects.toMatchObject({
      status: FaultStatus.NCA_S_OP_RNG_ERROR,
    });
  });
});
