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
    expect(await files.readShadow(12)).toEqual({ kind: 'ok', job: JOB });
    await files.remove(12);
    expect(await fs.readdir(path.join(stateDir, 'PRINTERS'))).toEqual([]);
    expect(await files.dataSize(12)).toBeUndefined();
  });

  it('lists the job ids in the folder and removes the temporary files a crash left', async () => {
    const files = await SpoolFiles.open(stateDir);
    const dir = path.join(stateDir, 'PRINTERS');
    const names = ['00003.SPL', '00001.SHD', '00002.SHD', '00002.SHD.0123456789ab.tmp', '00004.SHD.tmp', 'notes.txt'];
    for (const n of [...names, '00005.SHD.corrupt-truncated']) await fs.writeFile(path.join(dir, n), '');
    expect(await files.jobIds()).toEqual([1, 2, 3]);
    expect((await fs.readdir(dir)).sort()).toEqual([
      '00001.SHD',
      '00002.SHD',
      '00003.SPL',
      '00005.SHD.corrupt-truncated',
      'notes.txt',
    ]);
  });

  it('a shadow file that is not one of ours reads as damaged, with the reason and what could be read', async () => {
    const files = await SpoolFiles.open(stateDir);
    await fs.writeFile(path.join(stateDir, 'PRINTERS', '00004.SHD'), '{"jobId":"4"}');
    await fs.writeFile(path.join(stateDir, 'PRINTERS', '00005.SHD'), '{cut');
    await fs.writeFile(path.join(stateDir, 'PRINTERS', '00007.SHD'), '');
    expect(await files.readShadow(4)).toEqual({ kind: 'damaged', reason: 'missing-fields', salvaged: {} });
    expect(await files.readShadow(5)).toEqual({ kind: 'damaged', reason: 'truncated', salvaged: {} });
    expect(await files.readShadow(6)).toEqual({ kind: 'missing' });
    expect(await files.readShadow(7)).toEqual({ kind: 'damaged', reason: 'empty', salvaged: {} });
  });

  it('a shadow cut short still gives the fields written before the cut (recovery fields first)', async () => {
    const files = await SpoolFiles.open(stateDir);
    await files.saveShadow(JOB);
    const file = path.join(stateDir, 'PRINTERS', '00012.SHD');
    const text = await fs.readFile(file, 'utf8');
    // Cut inside the user name: everything before it is salvaged, the half line is not.
    await fs.writeFile(file, text.slice(0, text.indexOf('"alice"') + 3));
    expect(await files.readShadow(12)).toEqual({
      kind: 'damaged',
      reason: 'truncated',
      salvaged: { jobId: 12, printerName: 'HpColor', status: 0, size: 5, documentName: 'report.pdf' },
    });
  });

  it('remembers the next job id; a damaged spooler-state.json is kept aside, not ignored', async () => {
    const files = await SpoolFiles.open(stateDir);
    expect(files.readState()).toEqual({ kind: 'none' });
    await files.saveNextJobId(42);
    expect((await SpoolFiles.open(stateDir)).readState()).toEqual({ kind: 'ok', nextJobId: 42 });
    await fs.writeFile(path.join(stateDir, 'spooler-state.json'), '{"nextJobId": 4');
    expect((await SpoolFiles.open(stateDir)).readState()).toEqual({
      kind: 'damaged',
      reason: 'truncated',
      quarantinedAs: 'spooler-state.json.corrupt-truncated',
    });
    expect(await fs.readFile(path.join(stateDir, 'spooler-state.json.corrupt-truncated'), 'utf8')).toBe(
      '{"nextJobId": 4',
    );
  });

  it('concurrent saves of the state never share a temporary file: no ENOENT, the last state wins', async () => {
    const files = await SpoolFiles.open(stateDir);
    const saves = Array.from({ length: 50 }, (_, i) => files.saveNextJobId(i + 1));
    await expect(Promise.all(saves)).resolves.toBeDefined();
    expect(JSON.parse(await fs.readFile(path.join(stateDir, 'spooler-state.json'), 'utf8'))).toEqual({
      nextJobId: 50,
    });
    expect(await fs.readdir(stateDir)).toEqual(expect.not.arrayContaining([expect.stringMatching(/\.tmp$/)]));
  });

  it('refuses to write once closed, after the writes in flight are done', async () => {
    const files = await SpoolFiles.open(stateDir);
    await files.createData(3);
    const inFlight = files.appendData(3, Buffer.from('data'));
    await files.close();
    await expect(inFlight).resolves.toBeUndefined();
    expect((await files.readData(3)).toString()).toBe('data');
    await expect(files.appendData(3, Buffer.from('late'))).rejects.toThrow(/stopping/);
  });
});
