/**
 * `pointprint export --state DIR OUTDIR`: a server's state as a fixture folder — `server.json`
 * and `registry.reg` as regedit writes it — that `pointprint serve --fixture OUTDIR` starts from.
 * A fixture can so be built by administering a server and exporting it. The state folder is
 * itself a fixture folder: the registry the spooler writes after each change (`DIR/registry.reg`,
 * printers' ACLs in it) and the settings the host keeps (`DIR/server.json`,
 * lib/host/state-fixture-keeper.ts). The registry is read and written with the spooler's own
 * encoder, so an export of an export's server is the same bytes. Exit 2 when DIR holds no server
 * state or OUTDIR already holds a fixture (without --force); `--json` prints what was written.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { loadFixture, SERVER_SETTINGS_FILE } from '../../spooler/fixture';
import { STATE_LOCK_FILE } from '../../host/state-folder';
import { REGISTRY_FILE, stateFixtureDir, writeFixtureFolder } from '../../host/fixture-export';
import { STATE_FIXTURE_INTERVAL_MS } from '../../host/state-fixture-keeper';
import { copyDriverStore, isStateDriverStore, STATE_DRIVERS_DIR } from '../../host/state-drivers-store';
import { PRINTERS_KEY } from '../../registry/registry-key';
import type { CliDeps } from '../cli-deps';
import { CliError } from '../failure';

interface ExportOptions {
  state?: string;
  force?: boolean;
  json?: boolean;
}

export interface ExportResult {
  readonly outDir: string;
  readonly serverName: string;
  readonly printers: readonly string[];
  readonly files: readonly string[];
  /** The pid of the server running on the state folder, when one is. */
  readonly runningPid?: number;
}

/** The pid of a live server holding the state folder's lock, if any. */
async function runningServer(stateDir: string): Promise<number | undefined> {
  try {
    const lock = JSON.parse(await readFile(path.join(stateDir, STATE_LOCK_FILE), 'utf8')) as { pid?: unknown };
    if (typeof lock.pid !== 'number') return undefined;
    process.kill(lock.pid, 0);
    return lock.pid;
  } catch {
    return undefined;
  }
}

export async function exportState(stateDir: string, outDir: string, force: boolean): Promise<ExportResult> {
  const from = stateFixtureDir(stateDir);
  if (!existsSync(path.join(from, SERVER_SETTINGS_FILE)))
    throw new CliError(
      `${stateDir} holds no server state (${path.join(from, SERVER_SETTINGS_FILE)} is missing)`,
      `give the folder a server ran with: pointprint serve --state ${stateDir}`,
    );
  const out = path.resolve(outDir);
  if (out === from || out.startsWith(`${path.resolve(stateDir)}${path.sep}`))
    throw new CliError(`${outDir} is inside the state folder`, 'export to a folder outside it');
  if (!force && existsSync(path.join(out, SERVER_SETTINGS_FILE)))
    throw new CliError(
      `${outDir} already holds a fixture (${SERVER_SETTINGS_FILE})`,
      'choose another folder, or --force',
    );
  const fixture = await loadFixture(from);
  const { settings } = fixture;
  // The state's own drivers store (what administrators uploaded and installed) goes with it.
  const ownStore = isStateDriverStore(from, fixture.driversRoot);
  const driversRoot = ownStore ? path.join(out, STATE_DRIVERS_DIR) : fixture.driversRoot;
  if (ownStore) {
    await mkdir(out, { recursive: true });
    await rm(driversRoot, { recursive: true, force: true });
    await copyDriverStore(fixture.driversRoot, driversRoot);
  }
  await writeFixtureFolder(out, {
    settings,
    registry: fixture.registry,
    driversRoot,
    ...(settings.keytab !== undefined && { keytabFile: path.resolve(fixture.dir, settings.keytab) }),
  });
  const pid = await runningServer(stateDir);
  return {
    outDir: out,
    serverName: settings.serverName,
    printers: fixture.registry.getKey(PRINTERS_KEY)?.subkeyNames() ?? [],
    files: [SERVER_SETTINGS_FILE, REGISTRY_FILE, ...(ownStore ? [`${STATE_DRIVERS_DIR}/`] : [])],
    ...(pid !== undefined && { runningPid: pid }),
  };
}

export function registerExportCommand(program: Command, deps: Pick<CliDeps, 'stdout' | 'stderr'>): void {
  program
    .command('export')
    .description("write a server's state (its settings and registry) as a fixture folder")
    .argument('<outdir>', 'the fixture folder to write (server.json, registry.reg)')
    .requiredOption('--state <dir>', 'the state folder of the server (pointprint serve --state DIR)')
    .option('--force', 'replace the fixture OUTDIR already holds')
    .option('--json', 'print what was written as JSON')
    .action(async (outDir: string, opts: ExportOptions) => {
      const result = await exportState(opts.state ?? '', outDir, opts.force === true);
      if (opts.json) {
        deps.stdout(`${JSON.stringify(result)}\n`);
        return;
      }
      deps.stdout(
        `exported ${result.serverName} (${result.printers.length} printer(s): ${result.printers.join(', ')}) ` +
          `to ${result.outDir}: ${result.files.join(', ')}\n`,
      );
      if (result.runningPid !== undefined)
        deps.stderr(
          `note: the server is running (pid ${result.runningPid}); this is its state as saved in ` +
            `${stateFixtureDir(opts.state ?? '')} (its registry after each change, its settings every ${STATE_FIXTURE_INTERVAL_MS / 1000} s)\n`,
        );
    });
}
