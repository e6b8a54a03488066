/**
 * SetPrinter level 3 with a descriptor that does not carry every part, sent by impacket
 * (impacket-setprinter-sd.py): an owner-only descriptor sets the owner, and rpcclient
 * `getprinter X 3` then shows the new owner with the printer's old group and DACL; a DACL-only
 * one replaces the ACEs and keeps that owner.
 */
import path from 'node:path';
import { createSilentLogger } from '../../../lib/common/logger';
import { PrintServerHost } from '../../../lib/host/print-server-host';
import { machineSid } from '../../../lib/spooler/handles/printer-security-descriptor';
import { describeWithTools, TOOLS } from '../../helpers/interop-tools';
import { ADMIN, rpcclient, run } from '../../helpers/rpc-stack';
import { sdBytes } from '../../helpers/sd-bytes';

jest.setTimeout(60000);

/** rpcclient's "Owner SID", "Group SID" and the ACE lines of a descriptor dump. */
function shown(out: string): { owner?: string; group?: string; aces: string[] } {
  return {
    owner: /Owner SID:\s+(S-[\d-]+)/.exec(out)?.[1],
    group: /Group SID:\s+(S-[\d-]+)/.exec(out)?.[1],
    aces: [...out.matchAll(/(type: .*|Permissions: .*|SID: S-[\d-]+)/g)].map((m) => m[1] ?? ''),
  };
}

describeWithTools(['rpcclient', 'python3'], 'SetPrinter level 3 with a partial security descriptor', () => {
  let host: PrintServerHost;
  let port: number;
  beforeAll(async () => {
    host = await PrintServerHost.create({ logger: createSilentLogger() });
    port = (await host.listen(0, '127.0.0.1')).port;
  });
  afterAll(async () => {
    await host.close();
  });

  const setSd = async (printer: string, sd: Buffer): Promise<number> => {
    const r = await run(TOOLS.python3, [
      path.join(__dirname, 'impacket-setprinter-sd.py'),
      String(port),
      'admin',
      'Adm1n!pass',
      printer,
      sd.toString('hex'),
    ]);
    expect(r.stderr).toBe('');
    return (JSON.parse(r.stdout) as { status: number }).status;
  };
  const getPrinter3 = async (printer: string): Promise<ReturnType<typeof shown>> => {
    const r = await rpcclient(port, ADMIN, `getprinter ${printer} 3`);
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
    return shown(r.stdout);
  };

  it('an owner-only descriptor: rpcclient shows the new owner, the old group and the old DACL', async () => {
    const before = await getPrinter3('Marketing');
    expect(before.aces.length).toBeGreaterThan(0);
    const bob = `${machineSid('NTPRINT')}-1001`;
    expect(await setSd('Marketing', sdBytes({ owner: bob }))).toBe(0);
    const after = await getPrinter3('Marketing');
    expect(after).toEqual({ owner: bob, group: before.group, aces: before.aces });
    expect(before.owner).not.toBe(bob);
  });

  it('then a DACL-only descriptor replaces the ACEs and keeps that owner', async () => {
    const owner = (await getPrinter3('Marketing')).owner;
    const dacl = [
      { type: 0, flags: 0, mask: 0x000f000c, sid: 'S-1-5-32-544' },
      { type: 0, flags: 0, mask: 0x00020008, sid: 'S-1-1-0' },
    ];
    expect(await setSd('Marketing', sdBytes({ dacl }))).toBe(0);
    const after = await getPrinter3('Marketing');
    expect(after.owner).toBe(owner);
    expect(after.aces.filter((l) => l.startsWith('SID:'))).toEqual(['SID: S-1-5-32-544', 'SID: S-1-1-0']);
  });
});
