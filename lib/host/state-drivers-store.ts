/**
 * The drivers store of a state folder: `<state>/drivers`, what PRINT$ serves and administrators
 * write into (uploads, AddPrinterDriverEx's version directories). It starts as a copy of the
 * fixture's store, made once, so the fixture is never written; from then on it is the store, as
 * the state's registry.reg is the registry (docs/registry-state.md).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '../common/logger';
import { DriverStore } from '../drivers/driver-store';

export const STATE_DRIVERS_DIR = 'drivers';

/**
 * Copies a drivers store to `target` (which must not exist): beside it, then renamed, so a copy
 * cut short is never taken for a store. Links are copied as links: the store's confinement still
 * refuses any that leads out.
 */
export async function copyDriverStore(sourceRoot: string, target: string): Promise<void> {
  const staging = await fs.promises.mkdtemp(path.join(path.dirname(target), `.${path.basename(target)}-`));
  try {
    await fs.promises.cp(sourceRoot, staging, { recursive: true, verbatimSymlinks: true });
    await fs.promises.rename(staging, target);
  } catch (err) {
    await fs.promises.rm(staging, { recursive: true, force: true });
    throw err;
  }
}

/** Whether `root` is the drivers store of the state folder `stateDir`. */
export function isStateDriverStore(stateDir: string, root: string): boolean {
  return path.resolve(root) === path.resolve(stateDir, STATE_DRIVERS_DIR);
}

/** Opens `<stateDir>/drivers` writable, copying `sourceRoot` there first if it is not there yet. */
export async function openStateDriverStore(stateDir: string, sourceRoot: string, logger: Logger): Promise<DriverStore> {
  const target = path.join(stateDir, STATE_DRIVERS_DIR);
  const exists = await fs.promises.stat(target).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!exists) {
    await copyDriverStore(sourceRoot, target);
    logger.info('the drivers store was copied into the state folder', {
      component: 'host',
      from: sourceRoot,
      to: target,
    });
  }
  return DriverStore.open(target, { writable: true });
}
