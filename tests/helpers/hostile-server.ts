/**
 * Print servers that lie, for the client's defences: a fixture folder written in a temp dir
 * (server.json, registry.json in the JSON fixture format, a drivers store) served by our real
 * SMB2 print server (startFixtureServer). Values a real server would refuse to store are put in
 * its registry as they are; values the server makes up itself (SourceDir/TargetDir) come from
 * the server's own Point-and-Print module, the way a malicious Windows server would send them:
 * `modules/evil.js` is mapped to `evil.dll` and also replaces the server's `mscms.dll`.
 *
 * evil.js answers GenerateCopyFilePaths(COPYFILE_FLAG_SERVER_SPOOLER) by the key's Directory:
 *   Climb      TargetDir ..\..\..\tmp\x                  Absolute  TargetDir C:\Windows\System32
 *   Unc        SourceDir/TargetDir \\evil\share          Drive     TargetDir D:\pointprint-evil
 *   Elsewhere  SourceDir \\EVIL\PRINT$\Elsewhere          LongPath  a SourceDir of 4000 characters
 *   anything else: the paths unchanged (a well-behaved module); but on printer PoisonedIcm every
 *   key (its CopyFiles\ICM, Directory Color) gets Climb's TargetDir.
 * Called with COPYFILE_FLAG_CLIENT_SPOOLER (it never should be: a client loads its own modules
 * only) it leaves a marker file in `markerDir`.
 */
import { promises as fs } from 'node:fs';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import path from 'node:path';
import tmp from 'tmp';
import { findPackageRoot } from '../../lib/spooler/fixture';
import { startFixtureServer, type FixtureServer } from '../../lib/testing/fixture-server';

export const REPO_ROOT = findPackageRoot();
export const NTPRINT_DIR = path.join(REPO_ROOT, 'registry-fixtures', 'NTPRINT');
export const DRIVERS_STORE = path.join(REPO_ROOT, 'drivers-store');
export const PRINTERS_KEY = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Printers';

export type JsonValue = string | number | readonly string[] | Readonly<Record<string, unknown>>;

export interface CopyFilesKeySpec {
  /** Values as the JSON fixture format writes them (strings -> REG_SZ, arrays -> REG_MULTI_SZ). */
  readonly [valueName: string]: JsonValue;
}

export interface PrinterSpec {
  /** CopyFiles\<component> -> values. */
  readonly copyFiles: Readonly<Record<string, CopyFilesKeySpec>>;
}

export interface FixtureSpec {
  readonly serverName?: string;
  /** Printer name (also its share name) -> its queue-specific files; each gets HpColor's driver and settings. */
  readonly printers: Readonly<Record<string, PrinterSpec>>;
  /** Files added to the drivers store (a copy of drivers-store/x64 and color): relative POSIX path -> content. */
  readonly files?: Readonly<Record<string, Buffer | string>>;
  /** `{ "modules": { ... } }` entries: DLL name -> JS source, written under modules/. */
  readonly modules?: Readonly<Record<string, string>>;
}

export interface WrittenFixture {
  readonly dir: string;
  readonly driversDir: string;
  /** The modules config, when modules were given. */
  readonly modulesConfig?: string;
}

/**
 * Writes a fixture folder into `dir`: NTPRINT's registry with its printers replaced by `spec.printers`
 * (HpColor's values under new names, CopyFiles keys as given), a drivers store, a modules config.
 */
export async function writeFixture(dir: string, spec: FixtureSpec): Promise<WrittenFixture> {
  const base = JSON.parse(await fs.readFile(path.join(NTPRINT_DIR, 'registry.json'), 'utf8')) as {
    keys: Record<string, Record<string, JsonValue>>;
  };
  const keys: Record<string, Record<string, JsonValue>> = {};
  const hpColor = `${PRINTERS_KEY}\\HpColor`;
  for (const [k, v] of Object.entries(base.keys)) {
    if (!k.startsWith(`${PRINTERS_KEY}\\`)) keys[k] = v;
  }
  for (const [printer, p] of Object.entries(spec.printers)) {
    const key = `${PRINTERS_KEY}\\${printer}`;
    const values = base.keys[hpColor];
    if (!values) throw new Error('NTPRINT registry.json has no HpColor');
    keys[key] = { ...values, Name: printer, 'Share Name': printer };
    for (const sub of ['PrinterDriverData', 'DsSpooler']) {
      const v = base.keys[`${hpColor}\\${sub}`];
      if (v) keys[`${key}\\${sub}`] = v;
    }
    keys[`${key}\\CopyFiles`] = {};
    for (const [component, values] of Object.entries(p.copyFiles)) keys[`${key}\\CopyFiles\\${component}`] = values;
  }
  await fs.writeFile(
    path.join(dir, 'registry.json'),
    JSON.stringify({ format: 'pointprint-registry/1', keys }, null, 1),
  );
  const server = JSON.parse(await fs.readFile(path.join(NTPRINT_DIR, 'server.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  await fs.writeFile(
    path.join(dir, 'server.json'),
    JSON.stringify({
      ...server,
      serverName: spec.serverName ?? 'EVILPS',
      registry: 'registry.json',
      drivers: 'drivers',
    }),
  );
  const driversDir = path.join(dir, 'drivers');
  await fs.cp(path.join(DRIVERS_STORE, 'x64'), path.join(driversDir, 'x64'), { recursive: true });
  await fs.cp(path.join(DRIVERS_STORE, 'color'), path.join(driversDir, 'color'), { recursive: true });
  for (const [rel, content] of Object.entries(spec.files ?? {})) {
    const file = path.join(driversDir, ...rel.split('/'));
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
  if (!spec.modules) return { dir, driversDir };
  const modulesDir = path.join(dir, 'modules');
  await fs.mkdir(modulesDir);
  const config: Record<string, string> = {};
  for (const [dll, source] of Object.entries(spec.modules)) {
    const file = `${dll.replace(/\.dll$/i, '')}.js`;
    await fs.writeFile(path.join(modulesDir, file), source);
    config[dll] = `./${file}`;
  }
  const modulesConfig = path.join(modulesDir, 'modules.json');
  await fs.writeFile(modulesConfig, JSON.stringify({ modules: config }));
  return { dir, driversDir, modulesConfig };
}

/**
 * The server-side module of a malicious print server (see the header). CommonJS, as the module
 * registry loads it; its marker directory is read from markers.json beside it.
 */
export const EVIL_MODULE_SOURCE = String.raw`'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { markerDir } = require('./markers.json');
const COPYFILE_FLAG_SERVER_SPOOLER = 0x2;
const HOSTILE = {
  Climb: () => ({ targetDir: '..\\..\\..\\tmp\\x' }),
  Absolute: () => ({ targetDir: 'C:\\Windows\\System32' }),
  Unc: () => ({ sourceDir: '\\\\evil\\share', targetDir: '\\\\evil\\share' }),
  Drive: () => ({ targetDir: 'D:\\pointprint-evil' }),
  Elsewhere: () => ({ sourceDir: '\\\\EVIL\\PRINT$\\Elsewhere' }),
  LongPath: (input) => ({ sourceDir: input.sourceDir + '\\' + 'A'.repeat(4000) }),
};
function mark(name) {
  fs.writeFileSync(path.join(markerDir, name.replace(/[\\/:]/g, '_')), '');
}
module.exports = {
  generateCopyFilePaths(input) {
    if (!(input.flags & COPYFILE_FLAG_SERVER_SPOOLER)) mark('client-called-' + input.directory);
    // A poisoned colour-profile module: the one key the default client policy lets through.
    const hostile = input.printerName === 'PoisonedIcm' ? HOSTILE.Climb : HOSTILE[input.directory];
    const changed = hostile ? hostile(input) : {};
    return {
      status: 0,
      sourceDir: changed.sourceDir === undefined ? input.sourceDir : changed.sourceDir,
      targetDir: changed.targetDir === undefined ? input.targetDir : changed.targetDir,
    };
  },
  spoolerCopyFileEvent(printerName, key, event) {
    mark('event-' + event + '-' + key);
    return true;
  },
};
`;

export interface RunningFixture {
  readonly server: FixtureServer;
  readonly fixture: WrittenFixture;
  /** Where evil.js leaves its markers. */
  readonly markerDir: string;
  close(): Promise<void>;
}

/** Writes `spec` (plus the evil module as evil.dll and mscms.dll) and serves it on 127.0.0.1:0. */
export async function startCraftedServer(spec: FixtureSpec, options: { evil?: boolean } = {}): Promise<RunningFixture> {
  const dir = tmp.dirSync({ unsafeCleanup: true, prefix: 'pointprint-hostile-' });
  const markerDir = path.join(dir.name, 'markers');
  await fs.mkdir(markerDir);
  const evil = options.evil ?? true;
  const modules = evil
    ? { ...spec.modules, 'evil.dll': EVIL_MODULE_SOURCE, 'mscms.dll': EVIL_MODULE_SOURCE }
    : spec.modules;
  const fixtureDir = path.join(dir.name, 'fixture');
  await fs.mkdir(fixtureDir);
  const fixture = await writeFixture(fixtureDir, { ...spec, ...(modules && { modules }) });
  if (fixture.modulesConfig !== undefined) {
    await fs.writeFile(path.join(path.dirname(fixture.modulesConfig), 'markers.json'), JSON.stringify({ markerDir }));
  }
  let server: FixtureServer;
  try {
    server = await startFixtureServer({
      fixture: fixture.dir,
      ...(fixture.modulesConfig !== undefined && { modulesConfig: fixture.modulesConfig }),
    });
  } catch (err) {
    dir.removeCallback();
    throw err;
  }
  return {
    server,
    fixture,
    markerDir,
    close: async () => {
      try {
        await server.close();
      } finally {
        dir.removeCallback();
      }
    },
  };
}

/** Every file and directory below `dir` (relative POSIX paths, directories with a trailing /). */
export async function listTree(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string, rel: string): Promise<void> => {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        out.push(`${r}/`);
        await walk(path.join(d, e.name), r);
      } else out.push(r);
    }
  };
  await walk(dir, '');
  return out.sort();
}

export interface CuttingProxy {
  readonly host: string;
  readonly port: number;
  /** Server-to-client bytes after which every connection is cut; undefined: never. */
  cutAfter: number | undefined;
  /** How many connections were cut. */
  readonly cuts: number;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a server that drops the connection (both directions, at once) once
 * `cutAfter` bytes went from the server to the client: a server that dies mid-download.
 */
export async function startCuttingProxy(target: { host: string; port: number }): Promise<CuttingProxy> {
  const sockets = new Set<Socket>();
  const state = { cutAfter: undefined as number | undefined, cuts: 0 };
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    let sent = 0;
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      const limit = state.cutAfter;
      if (limit !== undefined && sent + chunk.length >= limit) {
        client.write(chunk.subarray(0, Math.max(0, limit - sent)));
        sent = limit;
        state.cuts += 1;
        drop();
        return;
      }
      sent += chunk.length;
      client.write(chunk);
    });
    for (const s of [client, upstream]) {
      s.on('error', drop);
      s.on('close', () => {
        sockets.delete(s);
        drop();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port: address.port,
    get cutAfter() {
      return state.cutAfter;
    },
    set cutAfter(n: number | undefined) {
      state.cutAfter = n;
    },
    get cuts() {
      return state.cuts;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
