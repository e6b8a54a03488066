/**
 * server.json `printerSecurity` seen by a real client: the NTPRINT fixture denies carol Print on
 * Marketing (share MktColor), so smbclient `print` there is refused with NT_STATUS_ACCESS_DENIED
 * while HpColor (Windows' default ACL) accepts her job, and alice may still print to Marketing.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSilentLogger } from '../../../lib/common/logger';
import { PrintServerHost } from '../../../lib/host/print-server-host';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { ALICE, run } from '../../helpers/rpc-stack';

jest.setTimeout(60000);

const CAROL = 'carol%C4rol!pw';

describeWithTools(['smbclient'], 'fixture printer ACLs over the printer share (smbclient print)', () => {
  let host: PrintServerHost;
  let state: string;
  let port: number;
  let file: string;
  beforeAll(async () => {
    state = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-acl-'));
    host = await PrintServerHost.create({ logger: createSilentLogger() });
    port = (await host.listen(0, '127.0.0.1')).port;
    file = path.join(state, 'memo.txt');
    await fs.writeFile(file, 'one page\f');
  });
  afterAll(async () => {
    await host.close();
    await fs.rm(state, { recursive: true, force: true });
  });

  const smbPrint = (share: string, user: string) =>
    run(TOOLS.smbclient, [`//127.0.0.1/${share}`, '-p', String(port), '-U', user, '-m', 'SMB3', '-c', `print ${file}`]);
  const jobsOf = (printer: string, user: string) =>
    host.printServer.queue.jobsFor(printer).filter((j) => j.userName.toLowerCase() === user).length;

  it('carol is refused on Marketing: NT_STATUS_ACCESS_DENIED and no job', async () => {
    const r = await smbPrint('MktColor', CAROL);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('NT_STATUS_ACCESS_DENIED');
    expect(jobsOf('Marketing', 'carol')).toBe(0);
  });

  it('carol prints to HpColor, alice to Marketing', async () => {
    const c = await smbPrint('HpColor', CAROL);
    expect({ code: c.code, stderr: c.stderr }).toMatchObject({ code: 0 });
    expect(jobsOf('HpColor', 'carol')).toBe(1);
    const a = await smbPrint('MktColor', ALICE);
    expect({ code: a.code, stderr: a.stderr }).toMatchObject({ code: 0 });
    expect(jobsOf('Marketing', 'alice')).toBe(1);
  });
});
