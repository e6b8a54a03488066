/**
 * The default printer per local user (spooler-anchors §1.5, docs/spooler-decisions.md "Default
 * printer per user"): --default sets it, a user's first connection becomes it, deleting it
 * re-picks the first remaining connection (and the next added one then takes over), and each
 * local user has their own. Through addPrinterConnection / deletePrinterConnection against the
 * in-process server (HpColor and lab), and on the state file itself.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addPrinterConnection } from '../../../lib/client/add-printer-connection';
import { ClientState } from '../../../lib/client/client-state';
import {
  currentLocalUser,
  defaultAfterConnectionAdded,
  defaultsAfterConnectionRemoved,
  getDefaultPrinter,
  setDefaultPrinter,
} from '../../../lib/client/default-printer';
import { deletePrinterConnection } from '../../../lib/client/delete-printer-connection';
import type { PrintServerConnector } from '../../../lib/client/print-server-connection';
import { createLocalConnector } from '../../../lib/client/providers/local-connector';
import type { CliDeps } from '../../../lib/cli/cli-deps';
import { buildAddPrinterConnectionProgram, runProgram } from '../../../lib/cli/program';
import { Win32Error } from '../../../lib/common/errors';
import { createSilentLogger } from '../../../lib/common/logger';
import { createTestServer, type TestServer } from '../../helpers/test-print-server';

const HP = '\\\\NTPRINT\\HpColor';
const LAB = '\\\\NTPRINT\\lab';

describe('default printer per local user', () => {
  let t: TestServer;
  let sandbox: string;
  let clientRoot: string;
  let connector: PrintServerConnector;
  const credentials = { userName: 'alice', password: 'pw' };

  beforeEach(async () => {
    t = await createTestServer();
    sandbox = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-default-'));
    clientRoot = path.join(sandbox, 'root');
    connector = createLocalConnector({
      server: t.server,
      driverStore: t.driverStore,
      users: [{ name: 'alice', password: 'pw', groups: ['Users'] }],
    });
  });
  afterEach(() => fs.rm(sandbox, { recursive: true, force: true }));

  const add = (unc: string, localUser: string, setAsDefault = false) =>
    addPrinterConnection(unc, { clientRoot, connector, credentials, localUser, setAsDefault });
  const defaultOf = async (localUser: string): Promise<string | undefined> =>
    getDefaultPrinter(await ClientState.load(clientRoot), localUser)?.printer;

  it("a user's first connection becomes their default; the second does not take it", async () => {
    const first = await add(HP, 'marie');
    expect(first.defaultPrinter).toBe(HP);
    expect(first.defaultChange).toEqual({ localUser: 'marie', to: HP, origin: 'first-connection' });
    const second = await add(LAB, 'marie');
    expect(second.defaultPrinter).toBe(HP);
    expect(second.defaultChange).toBeUndefined();
    expect(await defaultOf('marie')).toBe(HP);
    // Persisted in the state file, next to the connections.
    const doc = JSON.parse(await fs.readFile(path.join(clientRoot, 'pointprint-client.json'), 'utf8')) as {
      defaultPrinters: unknown[];
    };
    expect(doc.defaultPrinters).toEqual([expect.objectContaining({ localUser: 'marie', printer: HP })]);
  });

  it('--default (setAsDefault) makes a later connection the default, chosen by the user', async () => {
    await add(HP, 'marie');
    const r = await add(LAB, 'marie', true);
    expect(r.defaultPrinter).toBe(LAB);
    expect(r.defaultChange).toEqual({ localUser: 'marie', from: HP, to: LAB, origin: 'user' });
    expect(getDefaultPrinter(await ClientState.load(clientRoot), 'marie')?.origin).toBe('user');
  });

  it('deleting the default re-picks the first remaining connection; the next one added then takes over', async () => {
    await add(HP, 'marie');
    await add(LAB, 'marie');
    const state = await ClientState.load(clientRoot);
    setDefaultPrinter(state, 'marie', LAB);
    await state.save();

    await deletePrinterConnection(LAB, { clientRoot });
    const after = getDefaultPrinter(await ClientState.load(clientRoot), 'marie');
    expect(after).toEqual(expect.objectContaining({ printer: HP, origin: 'repicked' }));

    // UserSelectedDefault = 0: the next connection the user adds becomes the default unasked.
    const again = await add(LAB, 'marie');
    expect(again.defaultPrinter).toBe(LAB);
    expect(again.defaultChange).toEqual({ localUser: 'marie', from: HP, to: LAB, origin: 'first-connection' });

    // Deleting a connection that is not the default leaves the default alone.
    await deletePrinterConnection(HP, { clientRoot });
    expect(await defaultOf('marie')).toBe(LAB);
    // The last one gone: no default at all.
    await deletePrinterConnection(LAB, { clientRoot });
    expect(await defaultOf('marie')).toBeUndefined();
    expect((await ClientState.load(clientRoot)).data.defaultPrinters).toEqual([]);
  });

  it('each local user has their own default; a deletion re-picks for every user who had it', async () => {
    await add(HP, 'marie');
    await add(LAB, 'paul', true);
    expect(await defaultOf('marie')).toBe(HP);
    expect(await defaultOf('paul')).toBe(LAB);
    // paul's --default does not touch marie's, nor the reverse.
    await add(LAB, 'marie', true);
    await add(HP, 'paul', true);
    expect(await defaultOf('marie')).toBe(LAB);
    expect(await defaultOf('paul')).toBe(HP);
    // A user who never added a connection has none.
    expect(await defaultOf('zoe')).toBeUndefined();

    await deletePrinterConnection(LAB, { clientRoot });
    expect(await defaultOf('marie')).toBe(HP);
    expect(await defaultOf('paul')).toBe(HP);
    expect(getDefaultPrinter(await ClientState.load(clientRoot), 'paul')?.origin).toBe('user');
  });

  it('the user name is case-sensitive (POSIX accounts); printer names are not', async () => {
    await add(HP, 'marie');
    await add(LAB, 'Marie');
    expect(await defaultOf('marie')).toBe(HP);
    expect(await defaultOf('Marie')).toBe(LAB);
    await deletePrinterConnection('\\\\ntprint\\HPCOLOR', { clientRoot });
    expect(await defaultOf('marie')).toBe(LAB);
  });
});

describe('default-printer functions on a ClientState', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-default-state-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  const connection = (name: string) => ({
    name,
    serverName: 'NTPRINT',
    printerName: name.split('\\').pop() ?? '',
    driverName: 'd',
    environment: 'Windows x64',
    addedAt: '2024-01-01T00:00:00.000Z',
    keys: [],
    copyFiles: [],
  });

  it('SetDefaultPrinter refuses a printer that is not a connection (ERROR_INVALID_PRINTER_NAME)', async () => {
    const state = await ClientState.load(dir);
    expect(() => setDefaultPrinter(state, 'marie', HP)).toThrow(Win32Error);
    expect(state.data.defaultPrinters).toEqual([]);
  });

  it('the re-pick follows the order of the connection list, not the alphabet', async () => {
    const state = await ClientState.load(dir);
    for (const n of ['\\\\S\\zeta', '\\\\S\\beta', '\\\\S\\alpha']) state.putConnection(connection(n));
    setDefaultPrinter(state, 'u', '\\\\S\\beta');
    state.removeConnection('\\\\S\\beta');
    expect(defaultsAfterConnectionRemoved(state, '\\\\S\\beta')).toEqual([
      { localUser: 'u', from: '\\\\S\\beta', to: '\\\\S\\zeta', origin: 'repicked' },
    ]);
    // A user-chosen default is kept when another connection is added.
    setDefaultPrinter(state, 'u', '\\\\S\\alpha');
    state.putConnection(connection('\\\\S\\gamma'));
    expect(defaultAfterConnectionAdded(state, 'u', '\\\\S\\gamma', false)).toBeUndefined();
    expect(getDefaultPrinter(state, 'u')?.printer).toBe('\\\\S\\alpha');
  });

  it('a state file written before default printers existed loads with none', async () => {
    await fs.writeFile(
      path.join(dir, 'pointprint-client.json'),
      JSON.stringify({ format: 'pointprint-client/1', config: {}, connections: [connection(HP)], drivers: [] }),
    );
    const state = await ClientState.load(dir);
    expect(state.data.defaultPrinters).toEqual([]);
    expect(getDefaultPrinter(state, 'marie')).toBeUndefined();
  });

  it('the local user defaults to $USER, then the process account', () => {
    expect(currentLocalUser({ USER: 'marie' })).toBe('marie');
    expect(currentLocalUser({})).toBe(os.userInfo().username);
  });
});

describe('addprinterconnection --default, --list (the CLI, NTPRINT fixture in process)', () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-default-cli-'));
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  async function cli(argv: string[]): Promise<{ out: string; err: string; code: number }> {
    const r = { out: '', err: '', code: 0 };
    const deps: CliDeps = {
      stdout: (s) => void (r.out += s),
      stderr: (s) => void (r.err += s),
      setExitCode: (c) => void (r.code = c),
      createLogger: () => createSilentLogger(),
    };
    await runProgram(buildAddPrinterConnectionProgram(deps), [...argv, '--client-root', root], deps);
    return r;
  }

  it('marks the local user default with * and names it in --json; --default moves it', async () => {
    const fixture = ['--fixture', 'registry-fixtures/NTPRINT', '-U', 'alice%Passw0rd!', '--local-user', 'marie'];
    expect((await cli(['\\\\NTPRINT\\HpColor', ...fixture])).out).toMatch(/now the default printer of marie/);
    expect((await cli(['\\\\NTPRINT\\MktColor', ...fixture])).out).not.toMatch(/default printer/);

    let list = await cli(['--list', '--local-user', 'marie']);
    expect(list.out).toMatch(/^\\\\NTPRINT\\HpColor\tdriver .*\t\*$/m);
    expect(list.out).toMatch(/^\\\\NTPRINT\\MktColor\tdriver [^*]*$/m);
    // Another local user has no default yet: nothing is marked.
    expect((await cli(['--list', '--local-user', 'paul'])).out).not.toContain('*');

    const moved = await cli(['\\\\NTPRINT\\MktColor', ...fixture, '--default', '--json']);
    expect((JSON.parse(moved.out) as { default: string }).default).toBe('\\\\NTPRINT\\MktColor');
    list = await cli(['--list', '--local-user', 'marie', '--json']);
    expect(JSON.parse(list.out)).toEqual(
      expect.objectContaining({ localUser: 'marie', default: '\\\\NTPRINT\\MktColor' }),
    );
    expect(
      (JSON.parse((await cli(['--list', '--local-user', 'paul', '--json'])).out) as { default: unknown }).default,
    ).toBeNull();

    const del = await cli(['--delete', '\\\\NTPRINT\\MktColor', '--local-user', 'marie']);
    expect(del.code).toBe(0);
    expect(del.out).toMatch(/Default printer of marie: \\\\NTPRINT\\HpColor\./);
  });
});
