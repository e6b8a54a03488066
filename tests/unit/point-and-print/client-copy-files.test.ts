import { createSilentLogger } from '../../../lib/common/logger';
import { regMultiSz, regSz, type RegValue } from '../../../lib/common/reg-value';
import {
  clientModuleInput,
  planClientCopyFiles,
  type ClientCopyFilesContext,
} from '../../../lib/point-and-print/client-copy-files';
import { CopyFileFlag, CopyFilesPolicy } from '../../../lib/point-and-print/constants';
import type { CopyFilesClientEvent } from '../../../lib/point-and-print/copy-files-events';
import type { GenerateCopyFilePathsInput, PointAndPrintModule } from '../../../lib/point-and-print/module';
import { ModuleRegistry } from '../../../lib/point-and-print/module-registry';
import { DEFAULT_POINT_AND_PRINT_POLICY } from '../../../lib/point-and-print/policy';

const DRIVERS = 'C:\\Windows\\System32\\spool\\drivers';
const CLIENT = {
  size: 28,
  machineName: '\\\\MYCLIENT',
  userName: 'alice',
  buildNum: 26100,
  majorVersion: 10,
  minorVersion: 0,
  processorArchitecture: 9,
};
const ICM = [regSz('Directory', 'Color'), regMultiSz('Files', ['Hpclrlsr.icm']), regSz('Module', 'mscms.dll')];
const SENT = [regSz('SourceDir', '\\\\NTPRINT\\PRINT$\\Color'), regSz('TargetDir', 'Color')];

const seen: GenerateCopyFilePathsInput[] = [];
const rewriting = (name: string, out: (i: GenerateCopyFilePathsInput) => Partial<GenerateCopyFilePathsInput>) =>
  ({
    name,
    generateCopyFilePaths: (i) => {
      seen.push(i);
      return { status: 0, sourceDir: i.sourceDir, targetDir: i.targetDir, ...out(i) };
    },
  }) satisfies PointAndPrintModule;

function plan(keyName: string, values: RegValue[], over: Partial<ClientCopyFilesContext> = {}) {
  const events: CopyFilesClientEvent[] = [];
  const modules = ModuleRegistry.withBuiltins();
  modules.register(rewriting('outside.dll', () => ({ targetDir: 'C:\\Windows\\Temp' })));
  modules.register(rewriting('other.dll', () => ({ sourceDir: '\\\\OTHER\\PRINT$\\x' })));
  modules.register(rewriting('sub.dll', (i) => ({ targetDir: `${i.targetDir}\\x64\\` })));
  modules.register({ name: 'deny.dll', generateCopyFilePaths: (i) => ({ ...i, status: 5 }) });
  const result = planClientCopyFiles(keyName, values, {
    printerUnc: '\\\\NTPRINT\\HpColor',
    serverName: 'NTPRINT',
    clientInfo: CLIENT,
    policy: { ...DEFAULT_POINT_AND_PRINT_POLICY, copyFilesPolicy: CopyFilesPolicy.ALL },
    modules,
    driversDirectory: DRIVERS,
    logger: createSilentLogger(),
    report: (e) => events.push(e),
    ...over,
  });
  return { result, events };
}

const warnings = (events: CopyFilesClientEvent[]) => events.flatMap((e) => (e.kind === 'warning' ? [e.message] : []));

describe('the client side of CopyFiles', () => {
  beforeEach(() => seen.splice(0));

  it('calls its own module with the full client TargetDir and COPYFILE_FLAG_CLIENT_SPOOLER', () => {
    expect(
      clientModuleInput({
        printerUnc: '\\\\NTPRINT\\HpColor',
        serverName: 'NTPRINT',
        directory: 'Color',
        clientInfo: CLIENT,
        paths: { sourceDir: '\\\\NTPRINT\\PRINT$\\Color', targetDir: 'Color' },
        driversDirectory: DRIVERS,
      }),
    ).toEqual({
      printerName: '\\\\NTPRINT\\HpColor',
      directory: 'Color',
      clientInfo: { size: 28, buildNum: 26100, majorVersion: 10, minorVersion: 0, processorArchitecture: 9 },
      level: 1,
      sourceDir: '\\\\NTPRINT\\PRINT$\\Color',
      sourceDirSize: 260,
      targetDir: `${DRIVERS}\\Color`,
      targetDirSize: 260,
      flags: CopyFileFlag.COPYFILE_FLAG_CLIENT_SPOOLER,
    });
  });

  it('plans the seed key: policy decision, then the module call, with the paths the server sent', async () => {
    const { result, events } = plan('CopyFiles\\ICM', [...ICM, ...SENT], { policy: DEFAULT_POINT_AND_PRINT_POLICY });
    await expect(result).resolves.toMatchObject({
      key: { keyName: 'CopyFiles\\ICM', directory: 'Color', files: ['Hpclrlsr.icm'], module: 'mscms.dll' },
      module: { name: 'mscms.dll' },
      sourceDir: '\\\\NTPRINT\\PRINT$\\Color',
      targetDir: `${DRIVERS}\\Color`,
      relativeTarget: 'Color',
    });
    expect(events.map((e) => e.kind)).toEqual(['policy', 'GenerateCopyFilePaths']);
    expect(events[1]).toMatchObject({ side: 'client', module: 'mscms.dll', status: 0 });
  });

  it('derives SourceDir/TargetDir as a Windows server would when the server (Samba) sent none, and says so', async () => {
    const { result, events } = plan('CopyFiles\\ICM', ICM);
    await expect(result).resolves.toMatchObject({ sourceDir: '\\\\NTPRINT\\PRINT$\\Color', relativeTarget: 'Color' });
    expect(events[1]).toEqual({
      kind: 'copyfiles-paths',
      key: 'CopyFiles\\ICM',
      sourceDir: '\\\\NTPRINT\\PRINT$\\Color',
      targetDir: 'Color',
      derived: true,
    });
  });

  it.each([
    ['only one of the two values', [...ICM, SENT[0]!], /the server sent only one of SourceDir and TargetDir/],
    [
      'SourceDir on another server',
      [...ICM, regSz('SourceDir', '\\\\EVIL\\x'), SENT[1]!],
      /SourceDir "\\\\EVIL\\x" names another server than NTPRINT/,
    ],
    [
      'TargetDir climbing',
      [...ICM, SENT[0]!, regSz('TargetDir', '..\\..\\tmp')],
      /TargetDir "\.\.\\\.\.\\tmp" contains "\.\."/,
    ],
    [
      'a Module the client does not have',
      [...ICM.slice(0, 2), regSz('Module', 'evil.dll'), ...SENT],
      /module "evil\.dll" is not installed on this machine/,
    ],
    [
      'a failing module',
      [...ICM.slice(0, 2), regSz('Module', 'deny.dll'), ...SENT],
      /GenerateCopyFilePaths returned 5 \(the module returned ERROR_ACCESS_DENIED\)/,
    ],
    [
      "the module's SourceDir elsewhere",
      [...ICM.slice(0, 2), regSz('Module', 'other.dll'), ...SENT],
      /the module's SourceDir "\\\\OTHER\\PRINT\$\\x" names another server/,
    ],
    [
      "the module's TargetDir outside spool\\drivers",
      [...ICM.slice(0, 2), regSz('Module', 'outside.dll'), ...SENT],
      /TargetDir "C:\\Windows\\Temp" refused: refused path "C:\\Windows\\Temp": not below/,
    ],
  ])('skips a key with %s, with the reason', async (_what, values, reason) => {
    const { result, events } = plan('CopyFiles\\ICM', values);
    await expect(result).resolves.toBeUndefined();
    expect(warnings(events)).toEqual([expect.stringMatching(reason)]);
    expect(events.at(-1)).toMatchObject({ kind: 'warning', key: 'CopyFiles\\ICM' });
  });

  it('refuses under its policy before any module runs', async () => {
    const { result, events } = plan('CopyFiles\\Fonts', [...ICM.slice(0, 2), regSz('Module', 'sub.dll'), ...SENT], {
      policy: DEFAULT_POINT_AND_PRINT_POLICY,
    });
    await expect(result).resolves.toBeUndefined();
    expect(events).toEqual([
      expect.objectContaining({ kind: 'policy', subject: 'CopyFiles\\Fonts', allowed: false }),
      expect.objectContaining({
        kind: 'warning',
        message: expect.stringMatching(/skipped by policy: CopyFilesPolicy 1/) as unknown,
      }),
    ]);
    expect(seen).toEqual([]);
  });

  it("reports the key's problems, and skips a key that is not usable", async () => {
    const { result, events } = plan('CopyFiles\\Bad', [
      regSz('Directory', 'Bad'),
      regMultiSz('Files', ['..\\x']),
      regSz('Note', 'n'),
    ]);
    await expect(result).resolves.toBeUndefined();
    expect(warnings(events)).toEqual([
      expect.stringMatching(/^CopyFiles\\Bad: CF014 unknown value "Note"/),
      expect.stringMatching(/^CopyFiles\\Bad: CF003 "\.\.\\x" leaves its directory/),
      'CopyFiles\\Bad skipped: the key is not usable',
    ]);
  });

  it("accepts a module's TargetDir below spool\\drivers, trailing separator and all", async () => {
    const { result } = plan('CopyFiles\\ICM', [...ICM.slice(0, 2), regSz('Module', 'sub.dll'), ...SENT]);
    await expect(result).resolves.toMatchObject({
      targetDir: `${DRIVERS}\\Color\\x64\\`,
      relativeTarget: 'Color\\x64',
    });
  });
});
