/**
 * The client's administration calls (lib/rpc/rprn/client/admin-calls.ts) against scripted
 * answers: each goes under its MS-RPRN opnum (or MS-PAR's), its request decodes with the
 * server's own message description to what was asked, DeleteForm's bytes match a hand-built stub,
 * and a WERROR becomes Win32Error.
 */
import { Win32Error } from '../../../../../lib/common/errors';
import { Win32ErrorCode } from '../../../../../lib/common/status/win32-error';
import { RpcClient } from '../../../../../lib/rpc/client/rpc-client';
import { decodeRequestStub } from '../../../../../lib/rpc/ndr/ndr-message';
import { PAR_OPNUMS } from '../../../../../lib/rpc/par/par-opnums';
import { RprnClient, type RprnClientOptions } from '../../../../../lib/rpc/rprn/client/rprn-client';
import { RPRN_MESSAGES as M } from '../../../../../lib/rpc/rprn/messages';
import { Bytes } from '../../../../helpers/hex';
import { ScriptedPipe, bindAck, response } from '../../client/scripted-pipe';

const HANDLE = Buffer.from('00000000' + '11'.repeat(16), 'hex');
const statusOnly = (status: number): Buffer => new Bytes().u32(status).build();

async function client(answer: (req: { opnum: number; stub: Buffer }) => Buffer, options: RprnClientOptions = {}) {
  const requests: { opnum: number; stub: Buffer }[] = [];
  const pipe = new ScriptedPipe((pdu, i) => {
    if (i === 0) return bindAck(1, 4280, 4280);
    const req = { opnum: pdu.readUInt16LE(22), stub: pdu.subarray(24) };
    requests.push(req);
    return response(pdu.readUInt32LE(12), 3, answer(req));
  });
  const rpc = await RpcClient.bind(pipe, { uuid: '12345078-1234-abcd-ef00-0123456789ab', version: 1 });
  return { rprn: new RprnClient(rpc, options), requests };
}

const CLIENT = {
  size: 28,
  machineName: '\\\\CLIENT',
  userName: 'admin',
  buildNum: 26100,
  majorVersion: 10,
  minorVersion: 0,
  processorArchitecture: 9,
};

describe('RprnClient.admin', () => {
  it('addPrinterEx: opnum 70, PRINTER_INFO_2 level 2 and SPLCLIENT_INFO_1; the answer is the handle', async () => {
    const { rprn, requests } = await client(() => new Bytes().raw(HANDLE).u32(0).build());
    const h = await rprn.admin.addPrinterEx(
      '\\\\NTPRINT',
      'Lab',
      {
        driverName: 'HP Color LaserJet 4500 PCL',
        portNames: ['IP_10.0.0.15', 'IP_10.0.0.16'],
        shareName: 'Lab',
        attributes: 8,
      },
      CLIENT,
    );
    expect(h).toEqual(HANDLE);
    const [req] = requests;
    expect(req?.opnum).toBe(70);
    const decoded = decodeRequestStub(M.RpcAddPrinterEx, req?.stub ?? Buffer.alloc(0));
    expect(decoded.name).toBe('\\\\NTPRINT');
    expect(decoded.printerContainer.level).toBe(2);
    expect(decoded.printerContainer.info).toMatchObject({
      pPrinterName: 'Lab',
      pShareName: 'Lab',
      pPortName: 'IP_10.0.0.15,IP_10.0.0.16',
      pDriverName: 'HP Color LaserJet 4500 PCL',
      Attributes: 8,
    });
    expect(decoded.devMode).toBeUndefined();
    expect(decoded.securityDescriptor).toBeUndefined();
    expect(decoded.clientInfo).toMatchObject({ level: 1, info: { pUserName: 'admin', dwBuildNum: 26100 } });
  });

  it('addPrinterEx over MS-PAR is RpcAsyncAddPrinter (opnum 1); a WERROR becomes Win32Error', async () => {
    const { rprn, requests } = await client(() => new Bytes().raw(Buffer.alloc(20)).u32(0x705).build(), {
      opnums: PAR_OPNUMS,
    });
    const err: unknown = await rprn.admin
      .addPrinterEx(undefined, 'Lab', { driverName: 'Nope', portNames: ['LPT1:'] }, CLIENT)
      .catch((e: unknown) => e);
    expect(requests[0]?.opnum).toBe(1);
    expect(err).toBeInstanceOf(Win32Error);
    expect((err as Win32Error).win32).toBe(Win32ErrorCode.ERROR_UNKNOWN_PRINTER_DRIVER);
    expect((err as Error).message).toBe('RpcAddPrinterEx(Lab): ERROR_UNKNOWN_PRINTER_DRIVER');
  });

  it('deleteForm: opnum 31, the handle and the form name as a conformant varying string', async () => {
    const { rprn, requests } = await client(() => statusOnly(0));
    await rprn.admin.deleteForm(HANDLE, 'Lab');
    const name = 'Lab'.length + 1;
    const expected = new Bytes().raw(HANDLE).u32(name).u32(0).u32(name).utf16z('Lab').pad(4).build();
    expect(requests[0]?.opnum).toBe(31);
    expect(requests[0]?.stub.subarray(0, expected.length)).toEqual(expected);
  });

  it('addForm: opnum 30, FORM_INFO_1 in a level-1 container', async () => {
    const { rprn, requests } = await client(() => statusOnly(0));
    const area = { left: 5000, top: 5000, right: 95000, bottom: 145000 };
    await rprn.admin.addForm(HANDLE, {
      flags: 0,
      name: 'Lab label',
      width: 100000,
      height: 150000,
      imageableArea: area,
    });
    expect(requests[0]?.opnum).toBe(30);
    const decoded = decodeRequestStub(M.RpcAddForm, requests[0]?.stub ?? Buffer.alloc(0));
    expect(decoded.formContainer).toEqual({
      level: 1,
      info: { Flags: 0, pName: 'Lab label', cx: 100000, cy: 150000, ...area },
    });
  });

  it('deletePrinterDriverEx: opnum 84 with the flags and version; ERROR_PRINTER_DRIVER_IN_USE is thrown', async () => {
    const { rprn, requests } = await client(() => statusOnly(Win32ErrorCode.ERROR_PRINTER_DRIVER_IN_USE));
    const err: unknown = await rprn.admin
      .deletePrinterDriverEx('\\\\NTPRINT', 'Windows x64', 'HP Color LaserJet 4500 PCL', 2, 3)
      .catch((e: unknown) => e);
    expect((err as Win32Error).win32).toBe(3001);
    expect(requests[0]?.opnum).toBe(84);
    expect(decodeRequestStub(M.RpcDeletePrinterDriverEx, requests[0]?.stub ?? Buffer.alloc(0))).toEqual({
      name: '\\\\NTPRINT',
      environment: 'Windows x64',
      driverName: 'HP Color LaserJet 4500 PCL',
      deleteFlag: 2,
      versionNum: 3,
    });
  });

  it('deletePrinter: opnum 6, the handle alone', async () => {
    const { rprn, requests } = await client(() => statusOnly(0));
    await rprn.admin.deletePrinter(HANDLE);
    expect(requests[0]).toEqual({ opnum: 6, stub: HANDLE });
  });
});
