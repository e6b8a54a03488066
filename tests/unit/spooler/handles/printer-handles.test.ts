import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { AccessMask } from '../../../../lib/spoolss/constants';
import {
  ADMIN,
  ALICE,
  BOB,
  createTestServer,
  expectWin32,
  openPrinter as open,
  type TestServer,
} from '../../../helpers/test-print-server';

describe('OpenPrinter: names, access and handles', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });

  it('opens \\\\SERVER, \\\\SERVER\\printer, a share name and a bare name', async () => {
    const server = await t.server.openPrinter(
      '\\\\NTPRINT',
      { desiredAccess: AccessMask.SERVER_ACCESS_ENUMERATE },
      ALICE,
    );
    expect(server.kind).toBe('server');
    expect((await open(t.server, '\\\\NTPRINT\\HpColor', ALICE)).printerName).toBe('HpColor');
    const byShare = await open(t.server, '\\\\ntprint\\lab', ALICE);
    expect(byShare.printerName).toBe('LabPrinter');
    expect(byShare.serverName).toBe('ntprint');
    expect((await open(t.server, 'hpcolor', ALICE)).printerName).toBe('HpColor');
    expect((await open(t.server, '\\\\127.0.0.1\\HpColor', ALICE)).serverName).toBe('127.0.0.1');
  });

  it('refuses unknown printers and other servers with ERROR_INVALID_PRINTER_NAME', async () => {
    await expectWin32(open(t.server, '\\\\NTPRINT\\Nope', ALICE), Win32ErrorCode.ERROR_INVALID_PRINTER_NAME);
    await expectWin32(open(t.server, '\\\\OTHER\\HpColor', ALICE), Win32ErrorCode.ERROR_INVALID_PRINTER_NAME);
    await expectWin32(open(t.server, '\\\\NTPRINT\\HpColor,Job 99', ALICE), Win32ErrorCode.ERROR_INVALID_PRINTER_NAME);
  });

  it('grants from DesiredAccess, MAXIMUM_ALLOWED and the caller', async () => {
    expect((await open(t.server, 'HpColor', ALICE, 0)).grantedAccess).toBe(AccessMask.PRINTER_ACCESS_USE);
    const max = await open(t.server, 'HpColor', ALICE, AccessMask.MAXIMUM_ALLOWED);
    expect(max.grantedAccess & AccessMask.PRINTER_ACCESS_ADMINISTER).toBe(0);
    expect(max.grantedAccess & AccessMask.PRINTER_ACCESS_USE).toBe(AccessMask.PRINTER_ACCESS_USE);
    const adminMax = await open(t.server, 'HpColor', ADMIN, AccessMask.MAXIMUM_ALLOWED);
    expect(adminMax.grantedAccess & AccessMask.PRINTER_ALL_ACCESS).toBe(AccessMask.PRINTER_ALL_ACCESS);
    await expectWin32(
      open(t.server, 'HpColor', ALICE, AccessMask.PRINTER_ALL_ACCESS),
      Win32ErrorCode.ERROR_ACCESS_DENIED,
    );
    await expectWin32(
      t.server.openPrinter('\\\\NTPRINT', { desiredAccess: AccessMask.SERVER_ACCESS_ADMINISTER }, ALICE),
      Win32ErrorCode.ERROR_ACCESS_DENIED,
    );
    const generic = await open(t.server, 'HpColor', ALICE, AccessMask.GENERIC_READ);
    expect(generic.grantedAccess).toBe(AccessMask.PRINTER_READ);
  });

  it('closes handles; a closed handle is ERROR_INVALID_HANDLE', async () => {
    const h = await open(t.server, 'HpColor', ALICE);
    await t.server.closePrinter(h);
    await expectWin32(t.server.getPrinter(h), Win32ErrorCode.ERROR_INVALID_HANDLE);
  });

  it('opens a job by "printer,Job N": its owner may administer it, another user may not', async () => {
    const h = await open(t.server, 'HpColor', ALICE);
    const jobId = await t.server.startDocPrinter(h, { documentName: 'doc' });
    const administer = { desiredAccess: AccessMask.JOB_ACCESS_ADMINISTER };
    const job = await t.server.openPrinter(`\\\\NTPRINT\\HpColor,Job ${jobId}`, administer, ALICE);
    expect([job.kind, job.printerName]).toEqual(['job', 'HpColor']);
    await expectWin32(
      t.server.openPrinter(`HpColor,Job ${jobId}`, administer, BOB),
      Win32ErrorCode.ERROR_ACCESS_DENIED,
    );
    await expectWin32(open(t.server, `LabPrinter,Job ${jobId}`, ALICE), Win32ErrorCode.ERROR_INVALID_PRINTER_NAME);
    expect(t.server.openHandleCount).toBe(2);
    await t.server.closePrinter(job);
    expect(t.server.openHandleCount).toBe(1);
  });
});
