/**
 * ResetPrinter ([MS-RPRN] 3.1.4.2.13): the datatype and DEVMODE a printer handle's next documents
 * use, checked against the print processor's datatypes and the DEVMODE's own sizes.
 */
import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { AccessMask } from '../../../../lib/spoolss/constants';
import { defaultDevMode } from '../../../../lib/spooler/printers/default-devmode';
import {
  ADMIN,
  ALICE,
  createTestServer,
  expectWin32,
  openPrinter,
  type TestServer,
} from '../../../helpers/test-print-server';

describe('ResetPrinter', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await createTestServer();
  });
  afterEach(() => t.server.close());

  async function datatypeOfNextJob(h: Awaited<ReturnType<typeof openPrinter>>): Promise<string> {
    const jobId = await t.server.startDocPrinter(h, { documentName: 'doc' });
    const job = await t.server.getJob(h, jobId);
    await t.server.endDocPrinter(h);
    return job.datatype;
  }

  it("sets the handle's datatype for the documents it starts next, and NULL gives back the printer's", async () => {
    const h = await openPrinter(t.server, 'HpColor', ALICE);
    expect(await datatypeOfNextJob(h)).toBe('RAW');
    await t.server.resetPrinter(h, 'text', defaultDevMode('HpColor'));
    expect(await datatypeOfNextJob(h)).toBe('text');
    // Another handle keeps its own defaults.
    expect(await datatypeOfNextJob(await openPrinter(t.server, 'HpColor', ALICE))).toBe('RAW');
    await t.server.resetPrinter(h, undefined, undefined);
    expect(await datatypeOfNextJob(h)).toBe('RAW');
  });

  it('refuses a datatype the print processor lacks, a DEVMODE whose sizes lie, and a server handle', async () => {
    const h = await openPrinter(t.server, 'HpColor', ALICE);
    await expectWin32(t.server.resetPrinter(h, 'PCL6', undefined), Win32ErrorCode.ERROR_INVALID_DATATYPE);
    const dm = defaultDevMode('HpColor');
    dm.writeUInt16LE(300, 68);
    await expectWin32(t.server.resetPrinter(h, 'RAW', dm), Win32ErrorCode.ERROR_INVALID_PARAMETER);
    await expectWin32(t.server.resetPrinter(h, 'RAW', Buffer.alloc(10)), Win32ErrorCode.ERROR_INVALID_PARAMETER);
    const server = await openPrinter(t.server, '', ADMIN, AccessMask.SERVER_ACCESS_ADMINISTER);
    await expectWin32(t.server.resetPrinter(server, 'RAW', undefined), Win32ErrorCode.ERROR_INVALID_HANDLE);
  });
});
