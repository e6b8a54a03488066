/**
 * The package's version, read from its package.json (found from this file, under ts-jest and
 * after tsc alike), so `--version` never disagrees with what npm installed.
 */
import fs from 'fs-extra';
import path from 'node:path';
import { findPackageRoot } from '../spooler/fixture';

function readVersion(): string {
  try {
    const doc = fs.readJsonSync(path.join(findPackageRoot(__dirname), 'package.json')) as { version?: unknown };
    return typeof doc.version === 'string' ? doc.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const VERSION: string = readVersion();
