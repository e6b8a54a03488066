/**
 * AddPrinterConnection over SMB2 against a print server that lies (tests/helpers/hostile-server):
 * crafted CopyFiles keys in its registry and a server-side module (its own evil.dll, and a
 * poisoned mscms.dll) that sends TargetDir `..\..\..\tmp\x`, absolute, drive and UNC targets,
 * SourceDirs on other servers and over-long paths; file names with `..` or drive letters; 5000
 * files; oversized strings; a Module the client does not have.
 *
 * Whatever it says: nothing is written outside <client root>\System32\spool\drivers, no code it
 * names is run on the client, each refusal is reported, and the legitimate keys still download.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addPrinterConnection, type AddPrinterConnectionResult } from '../../../lib/client/add-printer-connection';
import { CLIENT_STATE_FILE, ClientState } from '../../../lib/client/client-state';
import type { ClientFlowEvent } from '../../../lib/client/flow-events';
import { createRemoteConnector } from '../../../lib/client/providers/remote-connector';
import { ModuleRegistry } from '../../../lib/point-and-print/module-registry';
import { DEFAULT_POINT_AND_PRINT_POLICY } from '../../../lib/point-and-print/policy';
import { DRIVERS_STORE, listTree, startCraftedServer, type RunningFixture } from '../../helpers/hostile-server';

jest.setTimeout(120000);

const MANY = Array.from({ length: 5000 }, (_, i) => `f${String(i).padStart(4, '0')}.dat`);
const LONG_NAME = `${'N'.repeat(40000)}.txt`;
const LONG_STRING = 'S'.repeat(100000);
const LONG_DIRECTORY = 'D'.repeat(300);
const HOSTILE_KEYS = {
  ICM: { Directory: 'Color', Files: ['Hpclrlsr.icm'], Module: 'mscms.dll' },
  Climb: { Directory: 'Climb', Files: ['payload.txt'], Module: 'mscms.dll' },
  Absolute: { Directory: 'Absolute', Files: ['payload.txt'], Module: 'mscms.dll' },
  Unc: { Directory: 'Unc', Files: ['payload.txt'], Module: 'mscms.dll' },
  Drive: { Directory: 'Drive', Files: ['payload.txt'], Module: 'mscms.dll' },
  Elsewhere: { Directory: 'Elsewhere', Files: ['payload.txt'], Module: 'mscms.dll' },
  LongPath: { Directory: 'LongPath', Files: ['payload.txt'], Module: 'mscms.dll' },
  ClimbDirectory: { Directory: '..\\..\\..\\tmp\\x', Files: ['payload.txt'] },
  DriveDirectory: { Directory: 'C:\\Windows\\System32', Files: ['payload.txt'] },
  UncDirectory: { Directory: '\\\\evil\\share', Files: ['payload.txt'] },
  BadFiles: { Directory: 'BadFiles', Files: ['..\\..\\..\\evil.txt', 'C:\\evil.txt', 'good.txt'] },
  Oversized: { Directory: 'Oversized', Files: [LONG_NAME, 'ok.txt'], Comment: LONG_STRING },
  LongDirectory: { Directory: LONG_DIRECTORY, Files: ['payload.txt'] },
  Foreign: { Directory: 'Foreign', Files: ['foreign.txt'], Module: 'evil.dll' },
} as const;

const PAYLOADS: Record<string, string> = {
  'Climb/payload.txt': 'climb',
  'Absolute/payload.txt': 'absolute',
  'Unc/payload.txt': 'unc',
  'Drive/payload.txt': 'drive',
  'Elsewhere/payload.txt': 'elsewhere',
  'LongPath/payload.txt': 'longpath',
  'BadFiles/good.txt': 'good',
  'Oversized/ok.txt': 'ok',
  'Foreign/foreign.txt': 'foreign',
};
for (const f of MANY) PAYLOADS[`Many/${f}`] = f;

describe('AddPrinterConnection against a hostile print server', () => {
  let hostile: RunningFixture;
  let sandbox: string;

  beforeAll(async () => {
    hostile = await startCraftedServer({
      printers: {
        Hostile: { copyFiles: HOSTILE_KEYS },
        PoisonedIcm: { copyFiles: { ICM: HOSTILE_KEYS.ICM } },
        Crowded: { copyFiles: { Many: { Directory: 'Many', Files: MANY } } },
      },
      files: PAYLOADS,
    });
  });
  afterAll(async () => {
    await hostile?.close();
  });
  beforeEach(async () => {
    // The client root is one folder of a sandbox: anything written beside it is an escape.
    sandbox = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-hostile-client-'));
  });
  afterEach(async () => {
    if (sandbox) await fs.rm(sandbox, { recursive: true, force: true });
  });

  const connect = async (
    printer: string,
    policy = DEFAULT_POINT_AND_PRINT_POLICY,
  ): Promise<{ root: string; result: AddPrinterConnectionResult; events: ClientFlowEvent[] }> => {
    const root = path.join(sandbox, 'root');
    const events: ClientFlowEvent[] = [];
    const result = await addPrinterConnection(`\\\\127.0.0.1\\${printer}`, {
      clientRoot: root,
      connector: createRemoteConnector({ address: { host: hostile.server.host, port: hostile.server.port } }),
      credentials: { userName: 'alice', password: 'Passw0rd!' },
      // The client's own modules: the built-in mscms.dll, nothing the server names.
      modules: ModuleRegistry.withBuiltins(),
      policy,
      onEvent: (e) => events.push(e),
    });
    return { root, result, events };
  };

  /** Everything the run left in the sandbox, outside spool\drivers and the client's state file. */
  const outsideDrivers = async (): Promise<string[]> =>
    (await listTree(sandbox)).filter(
      (p) =>
        !['root/', 'root/System32/', 'root/System32/spool/', `root/${CLIENT_STATE_FILE}`].includes(p) &&
        !p.startsWith('root/System32/spool/drivers/'),
    );

  const warningsFor = (result: AddPrinterConnectionResult, key: string): string[] =>
    result.warnings.filter((w) => w.startsWith(`CopyFiles\\${key}:`) || w.startsWith(`CopyFiles\\${key} `));

  it('refuses every hostile key with its reason, writes only below spool\\drivers and downloads the rest', async () => {
    const { root, result, events } = await connect('Hostile', {
      ...DEFAULT_POINT_AND_PRINT_POLICY,
      copyFilesPolicy: 2,
    });
    const drivers = path.join(root, 'System32', 'spool', 'drivers');

    expect(await outsideDrivers()).toEqual([]);
    expect(await fs.stat(path.join(os.tmpdir(), 'x')).catch(() => undefined)).toBeUndefined();
    for (const f of result.files) expect(f.startsWith(drivers + path.sep)).toBe(true);

    // The legitimate keys: the profile, the plain file beside an oversized name.
    expect(await fs.readFile(path.join(drivers, 'color', 'Hpclrlsr.icm'))).toEqual(
      await fs.readFile(path.join(DRIVERS_STORE, 'color', 'Hpclrlsr.icm')),
    );
    expect(await fs.readFile(path.join(drivers, 'Oversized', 'ok.txt'), 'utf8')).toBe('ok');
    const record = (await ClientState.load(root)).findConnection('\\\\127.0.0.1\\Hostile');
    expect(record?.copyFiles.map((c) => c.keyName).sort()).toEqual(['CopyFiles\\ICM', 'CopyFiles\\Oversized']);

    // What was refused, and why.
    expect(warningsFor(result, 'Climb')).toEqual([expect.stringMatching(/TargetDir "\.\.\\\.\.\\\.\.\\tmp\\x".*\.\./)]);
    expect(warningsFor(result, 'Absolute')).toEqual([
      expect.stringMatching(/TargetDir "C:\\Windows\\System32" names a drive/),
    ]);
    expect(warningsFor(result, 'Drive')).toEqual([
      expect.stringMatching(/TargetDir "D:\\pointprint-evil" names a drive/),
    ]);
    expect(warningsFor(result, 'Unc')).toEqual([expect.stringMatching(/SourceDir "\\\\evil\\share"/)]);
    expect(warningsFor(result, 'Elsewhere')).toEqual([
      expect.stringMatching(/SourceDir "\\\\EVIL\\PRINT\$\\Elsewhere" names another server/),
    ]);
    // The server's own module overran its buffer: the server refused the key, the client says so.
    expect(result.warnings).toContainEqual(expect.stringMatching(/EnumPrinterDataEx\(CopyFiles\\LongPath\) failed/));
    expect(warningsFor(result, 'ClimbDirectory')).toContainEqual(expect.stringMatching(/CF004/));
    expect(warningsFor(result, 'DriveDirectory')).toContainEqual(expect.stringMatching(/CF004/));
    expect(warningsFor(result, 'UncDirectory')).toContainEqual(expect.stringMatching(/CF004/));
    expect(warningsFor(result, 'BadFiles')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/CF003 "\.\.\\\.\.\\\.\.\\evil\.txt" leaves its directory/),
        expect.stringMatching(/CF003 "C:\\evil\.txt" leaves its directory/),
        expect.stringMatching(/skipped: the key is not usable/),
      ]),
    );
    expect(warningsFor(result, 'LongDirectory')).toContainEqual(expect.stringMatching(/CF017/));
    expect(warningsFor(result, 'Oversized')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/CF014 unknown value "Comment"/),
        expect.stringMatching(new RegExp(`^CopyFiles\\\\Oversized: N{40000}\\.txt not downloaded: `)),
      ]),
    );
    expect(warningsFor(result, 'Foreign')).toEqual([
      expect.stringMatching(/module "evil\.dll" is not installed on this machine/),
    ]);
    expect(warningsFor(result, 'ICM')).toEqual([]);

    // No code the server named ran on the client: evil.dll was never called with the client flag,
    // and every client-side module call went to the client's own mscms.dll.
    expect(await fs.readdir(hostile.markerDir)).toEqual([]);
    const clientCalls = events.filter((e) => e.kind === 'GenerateCopyFilePaths' && e.side === 'client');
    expect(clientCalls.map((e) => (e.kind === 'GenerateCopyFilePaths' ? e.module : undefined)).sort()).toEqual([
      'mscms.dll',
    ]);
    // The flow finished.
    expect(events.at(-2)).toMatchObject({ kind: 'state', action: 'connection-recorded' });
  });

  it('downloads a key of 5000 files, every one below spool\\drivers', async () => {
    const { root, result } = await connect('Crowded', { ...DEFAULT_POINT_AND_PRINT_POLICY, copyFilesPolicy: 2 });
    expect(result.warnings).toEqual([]);
    expect(await outsideDrivers()).toEqual([]);
    const many = path.join(root, 'System32', 'spool', 'drivers', 'Many');
    // No temporary file is left beside them.
    expect((await fs.readdir(many)).sort()).toEqual(MANY);
    expect(await fs.readFile(path.join(many, 'f4999.dat'), 'utf8')).toBe('f4999.dat');
    expect((await ClientState.load(root)).findConnection('\\\\127.0.0.1\\Crowded')?.copyFiles[0]?.files).toEqual(MANY);
  }, 300000);

  it('under the default policy, refuses the TargetDir a poisoned mscms.dll on the server sends for CopyFiles\\ICM', async () => {
    const { root, result } = await connect('PoisonedIcm');
    expect(await outsideDrivers()).toEqual([]);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^CopyFiles\\ICM skipped: TargetDir "\.\.\\\.\.\\\.\.\\tmp\\x"/),
    ]);
    expect(await fs.readdir(path.join(root, 'System32', 'spool', 'drivers', 'color'))).toEqual([]);
    expect(await fs.readdir(hostile.markerDir)).toEqual([]);
    // The driver itself still installs: a refused key does not fail the connection.
    expect((await ClientState.load(root)).findConnection('\\\\127.0.0.1\\PoisonedIcm')?.copyFiles).toEqual([]);
  });
});
