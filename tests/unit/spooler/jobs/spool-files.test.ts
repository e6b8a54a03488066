import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PrintJob } from '../../../../lib/spooler/jobs/print-job';
import { SpoolFiles } from '../../../../lib/spooler/jobs/spool-files';

const JOB: PrintJob = {
  jobId: 12,
  printerName: 'HpColor',
  userName: 'alice',
  machineName: 'WS01',
  documentName: 'report.pdf',
  datatype: 'RAW',
  printProcessor: 'winprint',
  driverName: 'HP Color LaserJet 4500 PCL 6',
  status: 0,
  priority: 1,
  totalPages: 2,
  pagesPrinted: 0,
  size: 5,
  submitted: new Date(Date.UTC(2025, 0, 6, 9, 0)),
};

describe('SpoolFiles', () => {
  let stateDir: string;
  beforeEach(async () => {
    stateDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-spool-'));
  });
  afterEach(async () => {
    await fs.rm(stateDir, { recursive: true, force: true });
  });

  it('keeps a job as 00012.SPL and 00012.SHD; the shadow reads back with its date', async () => {
    const files = await SpoolFiles.open(stateDir);
    await files.createData(12);
    await files.appendData(12, Buffer.from('hel'));
    await files.appendData(12, Buffer.from('lo'));
    await files.syncData(12);
    await files.saveShadow(JOB, true);
    expect((await fs.readdir(path.join(stateDir, 'PRINTERS'))).sort()).toEqual(['00012.SHD', '00012.SPL']);
    expect((await files.readData(12)).toString()).toBe('hello');
    expect(await files.dataSize(12)).toBe(5);
    expect(await files.readShadow(12)).toEqual(JOB);
    await files.remove(12);
    expect(await fs.readdir(path.join(stateDir, 'PRINTERS'))).toEqual([]);
    expect(await files.dataSize(12)).toBeUndefined();
  });

  it('lists the job ids in the folder and removes the temporary files a crash left', async () => {
    const files = await SpoolFiles.open(stateDir);
    const dir = path.join(stateDir, 'PRINTERS');
    for (const n of ['00003.SPL', '00001.SHD', '00002.SHD.tmp', 'notes.txt']) await fs.writeFile(path.join(dir, n), '');
    expect(await files.jobIds()).toEqual([1, 2, 3]);
    expect((await fs.readdir(dir)).sort()).toEqual(['00001.SHD', '00003.SPL', 'notes.txt']);
  });

  it('a shadow file that is not one of ours reads as none', async () => {
    const files = await SpoolFiles.open(stateDir);
    await fs.writeFile(path.join(stateDir, 'PRINTERS', '00004.SHD'), '{"jobId":"4"}');
    await fs.writeFile(path.join(stateDir, 'PRINTERS', '00005.SHD'), '{cut');
    expect(await files.readShadow(4)).toBeUndefined();
    expect(await files.readShadow(5)).toBeUndefined();
  });

  it('remembers the next job id', async () => {
    const files = await SpoolFiles.open(stateDir);
    expect(await files.readNextJobId()).toBeUndefined();
    await files.saveNextJobId(42);
    expect(await (await SpoolFiles.open(stateDir)).readNextJobId()).toBe(42);
  });
});
