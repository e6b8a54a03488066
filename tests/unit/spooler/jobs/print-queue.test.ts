import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Win32Error } from '../../../../lib/common/errors';
import { Win32ErrorCode } from '../../../../lib/common/status/win32-error';
import { AccessMask, JobControl, JobStatus } from '../../../../lib/spoolss/constants';
import { ADMIN, ALICE, BOB, createTestServer, type TestServer } from '../../../helpers/test-print-server';

async function expectWin32(p: Promise<unknown>, code: number): Promise<void> {
  await expect(p).rejects.toBeInstanceOf(Win32Error);
  await p.catch((e: unknown) => expect((e as Win32Error).win32).toBe(code));
}

describe.each([
  ['memory', false],
  ['state directory', true],
])('job queue (%s)', (_label, onDisk) => {
  let t: TestServer;
  let stateDir: string | undefined;
  beforeEach(async () => {
    stateDir = onDisk ? await fs.mkdtemp(path.join(os.tmpdir(), 'pp-state-')) : undefined;
    t = await createTestServer(stateDir !== undefined ? { stateDir } : {});
  });

  it('StartDocPrinter / WritePrinter / EndDocPrinter spool a job that EnumJobs and GetJob show', async () => {
    const h = await t.server.openPrinter(
      '\\\\NTPRINT\\HpColor',
      { desiredAccess: AccessMask.PRINTER_ACCESS_USE },
      ALICE,
    );
    const jobId = await t.server.startDocPrinter(h, { documentName: 'report.pdf' });
    expect((await t.server.getJob(h, jobId)).status & JobStatus.JOB_STATUS_SPOOLING).toBeTruthy();
    await t.server.startPagePrinter(h);
    expect(await t.server.writePrinter(h, Buffer.from('%!PS hello'))).toBe(10);
    await t.server.writePrinter(h, Buffer.from(' world'));
    await t.server.endPagePrinter(h);
    await t.server.endDocPrinter(h);
    const [job] = await t.server.enumJobs(h, 0, 10);
    expect(job).toMatchObject({
      jobId,
      documentName: 'report.pdf',
      userName: 'alice',
      size: 16,
      totalPages: 1,
      position: 1,
      status: 0,
    });
    expect((await t.server.queue.readData(jobId)).toString()).toBe('%!PS hello world');
    if (stateDir) {
      const files = await fs.readdir(path.join(stateDir, 'PRINTERS'));
      expect(files.sort()).toEqual([`${String(jobId).padStart(5, '0')}.SHD`, `${String(jobId).padStart(5, '0')}.SPL`]);
    }
    expect((await t.server.getPrinter(h)).jobCount).toBe(1);
  });

  it('WritePrinter without StartDocPrinter is ERROR_SPL_NO_STARTDOC; an unknown job ERROR_INVALID_PARAMETER', async () => {
    const h = await t.server.openPrinter('HpColor', { desiredAccess: 0 }, ALICE);
    await expectWin32(t.server.writePrinter(h, Buffer.from('x')), Win32ErrorCode.ERROR_SPL_NO_STARTDOC);
    await expectWin32(t.server.getJob(h, 42), Win32ErrorCode.ERROR_INVALID_PARAMETER);
  });

  it('SetJob: owners and administrators manage a job, other users are denied', async () => {
    const h = await t.server.openPrinter('HpColor', { desiredAccess: 0 }, ALICE);
    const jobId = await t.server.startDocPrinter(h, { documentName: 'a' });
    await t.server.endDocPrinter(h);
    const bob = await t.server.openPrinter('HpColor', { desiredAccess: 0 }, BOB);
    await expectWin32(t.server.setJob(bob, jobId, JobControl.JOB_CONTROL_PAUSE), Win32ErrorCode.ERROR_ACCESS_DENIED);
    await t.server.setJob(h, jobId, JobControl.JOB_CONTROL_PAUSE);
    expect((await t.server.getJob(h, jobId)).status & JobStatus.JOB_STATUS_PAUSED).toBeTruthy();
    const admin = await t.server.openPrinter('HpColor', { desiredAccess: 0 }, ADMIN);
    await t.server.setJob(admin, jobId, JobControl.JOB_CONTROL_RESUME);
    expect((await t.server.getJob(h, jobId)).status & JobStatus.JOB_STATUS_PAUSED).toBe(0);
    await expectWin32(t.server.setJob(h, jobId, 77), Win32ErrorCode.ERROR_INVALID_PARAMETER);
    await t.server.setJob(h, jobId, JobControl.JOB_CONTROL_DELETE);
    expect(await t.server.enumJobs(h, 0, 10)).toEqual([]);
  });

  it('a job deleted while spooling makes WritePrinter fail with ERROR_PRINT_CANCELLED; AbortPrinter drops the job', async () => {
    const h = await t.server.openPrinter('HpColor', { desiredAccess: 0 }, ALICE);
    const jobId = await t.server.startDocPrinter(h, { documentName: 'a' });
    await t.server.setJob(h, jobId, JobControl.JOB_CONTROL_CANCEL);
    await expectWin32(t.server.writePrinter(h, Buffer.from('x')), Win32ErrorCode.ERROR_PRINT_CANCELLED);
    await t.server.endDocPrinter(h);
    await t.server.startDocPrinter(h, { documentName: 'b' });
    await t.server.abortPrinter(h);
    expect(await t.server.enumJobs(h, 0, 10)).toEqual([]);
  });

  it('a user denied Print cannot start a document; SetPrinter needs ADMINISTER', async () => {
    t.server.setPrinterAcl('HpColor', [
      { type: 'allow', trustee: 'Everyone', permissions: ['Print'] },
      { type: 'deny', trustee: 'bob', permissions: ['Print'] },
    ]);
    await expectWin32(t.server.openPrinter('HpColor', { desiredAccess: 0 }, BOB), Win32ErrorCode.ERROR_ACCESS_DENIED);
    const h = await t.server.openPrinter('HpColor', { desiredAccess: 0 }, ALICE);
    await expectWin32(t.server.setPrinter(h, { command: 1 }), Win32ErrorCode.ERROR_ACCESS_DENIED);
  });
});
