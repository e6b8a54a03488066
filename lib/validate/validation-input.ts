/**
 * What the validator reads: a registry (the server's printers and their CopyFiles keys) and,
 * optionally, a way to look files up in the drivers store behind PRINT$ and a way to say where a
 * key or value was written. Inputs come from .reg files, fixture folders or a live server;
 * the validator itself only sees this interface.
 */
import path from 'node:path';
import fs from 'fs-extra';
import { ConfigError, PathEscapeError } from '../common/errors';
import { DriverStore } from '../drivers/driver-store';
import { parseRegFileToRegistry } from '../registry/reg-file';
import { loadFixture, loadRegistryFile } from '../spooler/fixture';
import type { Registry } from '../registry/registry-key';
import { createRegFileLocator } from './reg-file-locator';
import type { RegFileLocator } from './reg-file-locator';

/** A file or directory found in the store: its Windows relative path in on-disk case. */
export interface StoreEntry {
  readonly path: string;
  readonly isDirectory: boolean;
}

/** Looks a Windows relative path up under PRINT$ the way Windows would (case-insensitively). */
export type FileLookup = (windowsPath: string) => Promise<StoreEntry | undefined>;

export interface ValidationInput {
  /** What the user named: a .reg file, a fixture folder, \\server\printer. */
  readonly label: string;
  readonly kind: 'reg-file' | 'fixture' | 'live-server';
  readonly registry: Registry;
  /** The server name previews put in SourceDir (`\\<server>\PRINT$\...`). */
  readonly serverName: string;
  readonly lookup?: FileLookup;
  /** The drivers store itself, when the input has one: driver packages are read from it. */
  readonly driverStore?: DriverStore;
  /** False when the lookup only finds files (a share read file by file): Directory is then not checked on its own. */
  readonly lookupsDirectories?: boolean;
  readonly locator?: RegFileLocator;
  /** Keys a live server would not give (their checks could not run): each is a CF112 finding. */
  readonly unreadableKeys?: readonly UnreadableKey[];
}

export interface UnreadableKey {
  readonly printer: string;
  /** Relative to the printer's key: `CopyFiles\ICM`. */
  readonly key: string;
  readonly reason: string;
}

/** An input that cannot be read at all (exit code 2). */
export class InputError extends ConfigError {
  override readonly code = 'ERR_VALIDATE_INPUT';
}

export async function loadRegFileInput(file: string, serverName: string): Promise<ValidationInput> {
  let data: Buffer;
  try {
    data = await fs.readFile(file);
  } catch (err) {
    throw new InputError(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  let registry: Registry;
  try {
    registry = parseRegFileToRegistry(data, file);
  } catch (err) {
    throw new InputError(`cannot parse ${file}: ${(err as Error).message}`, { cause: err });
  }
  return { label: file, kind: 'reg-file', registry, serverName, locator: createRegFileLocator(data, file) };
}

/** A lookup over a drivers store directory (DriverStore: case-insensitive, confined to its root). */
export async function openStoreLookup(root: string): Promise<FileLookup> {
  return storeLookup(await openDriverStore(root));
}

export async function openDriverStore(root: string): Promise<DriverStore> {
  try {
    return await DriverStore.open(root);
  } catch (err) {
    throw new InputError(`cannot open the drivers store ${root}: ${(err as Error).message}`, { cause: err });
  }
}

/** The store, and a lookup over it, as an input carries them. */
export async function storeInput(root: string): Promise<Pick<ValidationInput, 'lookup' | 'driverStore'>> {
  const driverStore = await openDriverStore(root);
  return { driverStore, lookup: storeLookup(driverStore) };
}

function storeLookup(store: DriverStore): FileLookup {
  return async (windowsPath) => {
    try {
      const entry = await store.resolve(windowsPath);
      return entry && { path: entry.path, isDirectory: entry.isDirectory };
    } catch (err) {
      // A name the store refuses cannot be found by a client either; the key rules report why.
      if (err instanceof PathEscapeError) return undefined;
      throw err;
    }
  };
}

/** A fixture folder (server.json + registry.reg/.json + its drivers store); `drivers` overrides its store. */
export async function loadFixtureInput(dir: string, drivers?: string): Promise<ValidationInput> {
  let fixture;
  try {
    fixture = await loadFixture(dir);
  } catch (err) {
    throw new InputError(`cannot load the fixture ${dir}: ${(err as Error).message}`, { cause: err });
  }
  let locator: RegFileLocator | undefined;
  if (/\.reg$/i.test(fixture.registryFile)) {
    // Named as the user named the folder, so output and SARIF stay relative when the input was.
    const shown = path.join(dir, path.relative(fixture.dir, fixture.registryFile));
    locator = createRegFileLocator(await fs.readFile(fixture.registryFile), shown);
  }
  return {
    label: dir,
    kind: 'fixture',
    registry: fixture.registry,
    serverName: fixture.settings.serverName,
    ...(await storeInput(drivers ?? fixture.driversRoot)),
    ...(locator && { locator }),
  };
}

/** A registry in the JSON fixture format on its own. */
export async function loadRegistryJsonInput(file: string, serverName: string): Promise<ValidationInput> {
  try {
    return { label: file, kind: 'reg-file', registry: await loadRegistryFile(file), serverName };
  } catch (err) {
    throw new InputError(`cannot load ${file}: ${(err as Error).message}`, { cause: err });
  }
}

export interface LoadInputOptions {
  /** The PRINT$ tree to check files against (all inputs; a fixture's own store otherwise). */
  readonly drivers?: string;
  /** The server name for .reg inputs (fixtures have their own). */
  readonly serverName: string;
  /** Reads `\\\\SERVER\\printer` (see live-server-input.ts); undefined when no connector is available. */
  readonly readLiveServer?: (unc: string) => Promise<ValidationInput>;
}

/**
 * One command-line input: a .reg file, a registry .json file, a fixture folder, or a live server
 * (`\\server\printer`, through `readLiveServer` when the caller has a connector).
 */
export async function loadInput(spec: string, options: LoadInputOptions): Promise<ValidationInput> {
  if (/^(\\\\|\/\/)/.test(spec)) {
    if (!options.readLiveServer) {
      throw new InputError(
        `${spec}: reading a live server needs the remote client, which this build does not have (export the printer key with regedit and validate the .reg file)`,
      );
    }
    return options.readLiveServer(spec);
  }
  let stat;
  try {
    stat = await fs.stat(spec);
  } catch (err) {
    throw new InputError(`cannot read ${spec}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err });
  }
  if (stat.isDirectory()) return loadFixtureInput(spec, options.drivers);
  const input = /\.json$/i.test(spec)
    ? await loadRegistryJsonInput(spec, options.serverName)
    : await loadRegFileInput(spec, options.serverName);
  return options.drivers === undefined ? input : { ...input, ...(await storeInput(options.drivers)) };
}
