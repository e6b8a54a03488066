/**
 * `pointprint export --state DIR OUTDIR`: a server administered and stopped is exported as a
 * fixture folder; a server started from that folder and exported again gives the same
 * registry.reg byte for byte and the same server.json, with the changes made while it ran
 * (a printer's registry value, a printer's ACL: its `Security` value, the ACLs' one place).
 * The state folder is itself a fixture: the spooler's registry.reg (its one writer) and the
 * host's server.json.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { regSz } from '../../../lib/common/reg-value';
import { buildPointprintProgram } from '../../../lib/cli/program';
import { PrintServerHost } from '../../../lib/host/print-server-host';
import { PRINTERS_KEY } from '../../../lib/registry/registry-key';
import { PrinterPermission } from '../../../lib/spooler/handles/printer-security';
import { createSilentLogger } from '../../../lib/common/logger';
import { REGISTRY_FILE } from '../../../lib/host/fixture-export';
import { StateFixtureKeeper } from '../../../lib/host/state-fixture-keeper';
import { Registry } from '../../../lib/registry/registry-key';
import { existsSync, statSync } from 'node:fs';
import { runCli } from '../../helpers/run-cli';

jest.setTimeout(60_000);

describe('pointprint export', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'pointprint-export-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const exportTo = (state: string, out: string, ...extra: string[]) =>
    runCli(buildPointprintProgram, ['export', '--state', state, out, ...extra]);

  it('exports what changed while the server ran, and re-imports to the same bytes', async () => {
    const stateA = path.join(root, 'stateA');
    const first = await PrintServerHost.create({ stateDir: stateA });
    first.printServer.registry.getKey(`${PRINTERS_KEY}\\HpColor`)?.setValue(regSz('Location', 'Moved to floor 3'));
    first.printServer.setPrinterAcl('HpColor', [
      { type: 'allow', trustee: 'Everyone', permissions: [PrinterPermission.PRINT] },
      { type: 'deny', trustee: 'alice', permissions: [PrinterPermission.PRINT] },
    ]);
    await first.close();

    const out1 = path.join(root, 'export1');
    const r1 = await exportTo(stateA, out1, '--json');
    expect(r1.code).toBe(0);
    expect(JSON.parse(r1.out)).toMatchObject({
      serverName: 'NTPRINT',
      files: ['server.json', 'registry.reg', 'drivers/'],
    });
    // The state's drivers store (what administrators wrote into PRINT$) goes with the export.
    expect(existsSync(path.join(out1, 'drivers', 'color', 'Hpclrlsr.icm'))).toBe(true);
    const reg1 = readFileSync(path.join(out1, 'registry.reg'));
    expect(reg1.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe])); // regedit 5.00: UTF-16LE with a BOM
    expect(reg1.toString('utf16le')).toContain('"Location"="Moved to floor 3"');
    // The ACL is in the registry, not in server.json.
    expect(reg1.toString('utf16le')).toMatch(
      /\[HKEY_LOCAL_MACHINE\\[^\]]*\\Printers\\HpColor\][^[]*"Security"=hex:01,00,04,80/,
    );
    const json1 = JSON.parse(readFileSync(path.join(out1, 'server.json'), 'utf8')) as Record<string, unknown>;
    expect(json1).not.toHaveProperty('printerSecurity');
    // What the export wrote is the registry the spooler keeps in the state folder, byte for byte.
    expect(reg1.equals(readFileSync(path.join(stateA, 'registry.reg')))).toBe(true);

    const stateB = path.join(root, 'stateB');
    const second = await PrintServerHost.create({ fixtureDir: out1, stateDir: stateB });
    // Read back from the descriptor, in its canonical order (deny first).
    expect(second.printServer.security.get('HpColor')).toEqual([
      { type: 'deny', trustee: 'alice', permissions: [PrinterPermission.PRINT] },
      { type: 'allow', trustee: 'Everyone', permissions: [PrinterPermission.PRINT] },
    ]);
    await second.close();
    const out2 = path.join(root, 'export2');
    expect((await exportTo(stateB, out2)).code).toBe(0);
    expect(readFileSync(path.join(out2, 'registry.reg')).equals(reg1)).toBe(true);
    expect(readFileSync(path.join(out2, 'server.json'), 'utf8')).toBe(
      readFileSync(path.join(out1, 'server.json'), 'utf8'),
    );
  });

  it('says what to do, with exit 2, for a folder without state and for an OUTDIR that holds a fixture', async () => {
    const none = await exportTo(path.join(root, 'nothing'), path.join(root, 'out'));
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/holds no server state .*pointprint serve --state/);
    expect(none.err.trim().split('\n')).toHaveLength(1);

    const state = path.join(root, 'state');
    await (await PrintServerHost.create({ stateDir: state })).close();
    const out = path.join(root, 'out');
    expect((await exportTo(state, out)).code).toBe(0);
    const again = await exportTo(state, out, '--json');
    expect(again.code).toBe(2);
    expect(JSON.parse(again.out)).toMatchObject({ error: { hint: 'choose another folder, or --force' } });
    expect((await exportTo(state, out, '--force')).code).toBe(0);
    expect((await exportTo(state, path.join(state, 'inside'))).code).toBe(2);
  });

  it('a running server keeps the state folder a fixture: the spooler writes registry.reg, the host server.json only', async () => {
    const state = path.join(root, 'running');
    const host = await PrintServerHost.create({ stateDir: state });
    try {
      const reg = path.join(state, REGISTRY_FILE);
      expect(existsSync(path.join(state, 'server.json'))).toBe(true);
      expect(readFileSync(reg).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
      host.printServer.setPrinterAcl('HpColor', [
        { type: 'allow', trustee: 'Everyone', permissions: [PrinterPermission.PRINT] },
      ]);
      await host.printServer.whenSaved();
      const out = path.join(root, 'while-running');
      expect((await exportTo(state, out)).code).toBe(0);
      expect(readFileSync(path.join(out, REGISTRY_FILE)).equals(readFileSync(reg))).toBe(true);
    } finally {
      await host.close();
    }
  });

  it('the keeper writes server.json when it changes, and never the registry', async () => {
    const first = await PrintServerHost.create({ stateDir: path.join(root, 'probe') });
    let settings = first.settings;
    await first.close();
    const kept = path.join(root, 'kept');
    const keeper = new StateFixtureKeeper(
      kept,
      () => ({ settings, registry: new Registry(), driversRoot: root }),
      createSilentLogger(),
      20,
    );
    await keeper.save();
    const file = path.join(kept, 'server.json');
    const written = statSync(file).mtimeMs;
    keeper.start();
    await new Promise((r) => setTimeout(r, 80));
    expect(statSync(file).mtimeMs).toBe(written);
    settings = { ...settings, comment: 'changed' };
    await keeper.stop();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ comment: 'changed', registry: 'registry.reg' });
    expect(existsSync(path.join(kept, REGISTRY_FILE))).toBe(false);
  });
});
