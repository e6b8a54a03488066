/**
 * SetPrinterDataEx keeps the bytes it is given, as Windows does, and every reader sees them: our
 * RprnClient sets values whose decoded form would encode differently (smbtorture's empty
 * REG_MULTI_SZ of 4 bytes, a REG_SZ without its NUL), then reads them back with
 * GetPrinterDataEx and EnumPrinterDataEx over \pipe\spoolss (in process, real NTPRINT server),
 * and finds the same bytes in the exported registry.
 */
import { RegType, decodeRegData, encodeRegData, type RegValue } from '../../../lib/common/reg-value';
import { MSRPC_UUID_RPRN } from '../../../lib/rpc/constants';
import { RpcClient } from '../../../lib/rpc/client/rpc-client';
import { RprnClient } from '../../../lib/rpc/rprn/client/rprn-client';
import { exportRegFile } from '../../../lib/registry/reg-file';
import { AccessMask } from '../../../lib/spoolss/constants';
import {
  ALICE_USER,
  spoolssTransport,
  startInMemorySpooler,
  type InMemorySpooler,
} from '../../helpers/in-memory-spooler';

const ADMIN_USER = { ...ALICE_USER, userName: 'admin', groups: ['Administrators'], isAdministrator: true };

describe('printer data bytes over \\pipe\\spoolss', () => {
  let spooler: InMemorySpooler;
  beforeAll(async () => {
    spooler = await startInMemorySpooler();
  });
  afterAll(() => spooler.close());

  it('SetPrinterDataEx data reads back byte for byte (GetPrinterDataEx, EnumPrinterDataEx, the .reg)', async () => {
    const rpc = await RpcClient.bind(spoolssTransport(spooler, ADMIN_USER), {
      uuid: MSRPC_UUID_RPRN.uuid,
      version: 1,
    });
    const rprn = new RprnClient(rpc, { serverName: 'NTPRINT' });
    const h = await rprn.openPrinterEx('\\\\NTPRINT\\HpColor', AccessMask.PRINTER_ALL_ACCESS);
    const values: RegValue[] = [
      { ...decodeRegData(RegType.REG_MULTI_SZ, Buffer.alloc(4)), name: 'empty list' },
      { ...decodeRegData(RegType.REG_SZ, Buffer.from('dog', 'utf16le')), name: 'no nul' },
      { ...decodeRegData(RegType.REG_SZ, Buffer.alloc(0)), name: 'no bytes' },
    ];
    for (const v of values) await rprn.setPrinterDataEx(h, 'torturedataex', v);
    for (const v of values) {
      const back = await rprn.getPrinterDataEx(h, 'torturedataex', v.name);
      expect(encodeRegData(back)).toEqual(encodeRegData(v));
    }
    expect(encodeRegData(await rprn.getPrinterDataEx(h, 'torturedataex', 'empty list'))).toEqual(Buffer.alloc(4));
    const listed = await rprn.enumPrinterDataEx(h, 'torturedataex');
    expect(listed.map((v) => [v.name, encodeRegData(v).toString('hex')])).toEqual(
      values.map((v) => [v.name, encodeRegData(v).toString('hex')]),
    );
    const reg = exportRegFile(spooler.server.registry).toString('utf16le');
    expect(reg).toContain('"empty list"=hex(7):00,00,00,00');
    expect(reg).toContain('"no bytes"=hex(1):\r\n');
    await rprn.closePrinter(h);
    await rpc.close();
  });
});
