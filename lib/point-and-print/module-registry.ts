/**
 * The module registry: maps a CopyFiles `Module` value (a DLL file name, case-insensitive) to a
 * Point-and-Print module — the built-ins plus user modules loaded from JS files named in a config
 * file. It stands for the DLLs resident on one machine: the server and the client each have their
 * own, and a client never loads anything because a server named it — only what its own config maps
 * (the Point and Print DLLs page: the Module DLL is not copied to the client, it must already be there).
 *
 * Config file (JSON), paths relative to the config file:
 *   { "modules": { "pathshift.dll": "./examples/modules/pathshift.js" } }
 * A module file is CommonJS and exports (or `default`-exports) an object with
 * `generateCopyFilePaths(input)` and optionally `spoolerCopyFileEvent(printerName, key, event)`.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import fs from 'fs-extra';
import { ConfigError } from '../common/errors';
import type { Logger } from '../common/logger';
import { createSilentLogger } from '../common/logger';
import { Win32ErrorCode } from '../common/status/win32-error';
import type { CopyFileEvent } from './constants';
import { mscmsModule } from './mscms-module';
import type { GenerateCopyFilePathsInput, GenerateCopyFilePathsResult, PointAndPrintModule } from './module';
import { isBareDllFileName } from './windows-names';

export type ModuleLoadResult =
  | { readonly ok: true; readonly module?: PointAndPrintModule }
  | { readonly ok: false; readonly status: number; readonly error: string };

export class ModuleRegistry {
  private readonly modules = new Map<string, PointAndPrintModule>();

  /** A registry with the modules every Windows machine has: `mscms.dll`. */
  static withBuiltins(): ModuleRegistry {
    const registry = new ModuleRegistry();
    registry.register(mscmsModule);
    return registry;
  }

  /** Adds (or replaces) the module for `module.name`. */
  register(module: PointAndPrintModule): void {
    if (!isBareDllFileName(module.name)) {
      throw new ConfigError(`module name "${module.name}" must be a bare DLL file name such as mscms.dll`);
    }
    this.modules.set(module.name.toLowerCase(), module);
  }

  /** Module value from the registry (must be a bare DLL file name; a path returns undefined and the caller refuses the key). Case-insensitive. */
  get(moduleValue: string): PointAndPrintModule | undefined {
    if (!isBareDllFileName(moduleValue)) return undefined;
    return this.modules.get(moduleValue.toLowerCase());
  }

  /**
   * What LoadLibrary would give a spooler for a key's Module value: no value => no module (ok);
   * a name this machine maps => the module; anything else => ERROR_MOD_NOT_FOUND.
   * DEVIATION: Windows' handling of a Module that does not load is not documented; we fail that key.
   */
  load(moduleValue: string | undefined): ModuleLoadResult {
    if (moduleValue === undefined || moduleValue.length === 0) return { ok: true };
    const module = this.get(moduleValue);
    if (module) return { ok: true, module };
    return {
      ok: false,
      status: Win32ErrorCode.ERROR_MOD_NOT_FOUND,
      error: isBareDllFileName(moduleValue)
        ? `module "${moduleValue}" is not installed on this machine`
        : `module "${moduleValue}" is a path; only bare DLL file names are loaded`,
    };
  }

  has(moduleValue: string): boolean {
    return this.get(moduleValue) !== undefined;
  }

  names(): string[] {
    return [...this.modules.values()].map((m) => m.name);
  }

  /** Loads a JSON config {"modules": {"pathshift.dll": "./examples/modules/pathshift.js"}} relative to the config file; ConfigError on problems. */
  static async fromConfigFile(file: string, logger: Logger = createSilentLogger()): Promise<ModuleRegistry> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      throw new ConfigError(`cannot read module config ${file}: ${(err as Error).message}`, { cause: err });
    }
    let config: unknown;
    try {
      config = JSON.parse(text);
    } catch (err) {
      throw new ConfigError(`module config ${file} is not JSON: ${(err as Error).message}`, { cause: err });
    }
    const modules = isRecord(config) ? config.modules : undefined;
    if (!isRecord(modules))
      throw new ConfigError(`module config ${file} needs an object "modules": {"name.dll": "./file.js"}`);

    const registry = ModuleRegistry.withBuiltins();
    const requireFrom = createRequire(path.resolve(file));
    for (const [name, target] of Object.entries(modules)) {
      if (typeof target !== 'string')
        throw new ConfigError(`module config ${file}: "${name}" must map to a JS file path`);
      if (!isBareDllFileName(name))
        throw new ConfigError(`module config ${file}: "${name}" is not a bare DLL file name`);
      const jsFile = path.resolve(path.dirname(path.resolve(file)), target);
      let exported: unknown;
      try {
        exported = requireFrom(jsFile) as unknown;
      } catch (err) {
        throw new ConfigError(`module ${name}: cannot load ${jsFile}: ${(err as Error).message}`, { cause: err });
      }
      const module = adaptUserModule(name, exported, jsFile);
      if (registry.has(name))
        logger.info('user module replaces a built-in', { component: 'point-and-print', module: name, file: jsFile });
      registry.register(module);
      logger.debug('loaded Point-and-Print module', { component: 'point-and-print', module: name, file: jsFile });
    }
    return registry;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks the exports of a user module file and wraps them under the configured DLL name. */
function adaptUserModule(name: string, exported: unknown, jsFile: string): PointAndPrintModule {
  const candidate = isRecord(exported) && isRecord(exported.default) ? exported.default : exported;
  if (!isRecord(candidate) || typeof candidate.generateCopyFilePaths !== 'function') {
    // Windows requires both exports of a Point and Print DLL; we require GenerateCopyFilePaths at load time.
    throw new ConfigError(`module ${name} (${jsFile}) does not export generateCopyFilePaths(input)`);
  }
  const generate = candidate.generateCopyFilePaths as (input: GenerateCopyFilePathsInput) => unknown;
  const event = candidate.spoolerCopyFileEvent;
  if (event !== undefined && typeof event !== 'function') {
    throw new ConfigError(`module ${name} (${jsFile}): spoolerCopyFileEvent must be a function`);
  }
  const eventFn = event as ((printerName: string, key: string, e: CopyFileEvent) => unknown) | undefined;
  return {
    name,
    // The results are checked by module-calls.ts: user code is untrusted there, whatever it returns.
    generateCopyFilePaths: (input) =>
      generate.call(candidate, input) as GenerateCopyFilePathsResult | Promise<GenerateCopyFilePathsResult>,
    ...(eventFn && {
      spoolerCopyFileEvent: (printerName: string, key: string, e: CopyFileEvent) =>
        eventFn.call(candidate, printerName, key, e) as boolean | Promise<boolean>,
    }),
  };
}
