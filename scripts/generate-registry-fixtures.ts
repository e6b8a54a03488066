/**
 * Writes registry-fixtures/<SERVER>/registry.reg from the hand-written registry.json beside it,
 * as regedit would export the Print branch (5.00 UTF-16LE, or REGEDIT4 where noted below).
 * tests/unit/spooler/fixture.test.ts checks that both files agree. Run from the repository:
 *   npx tsc --outDir /tmp/pp-scripts scripts/generate-registry-fixtures.ts && node /tmp/pp-scripts/scripts/generate-registry-fixtures.js
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { registryFromJson } from '../lib/registry/json-fixture';
import { exportRegFile, type RegFileFormat } from '../lib/registry/reg-file';
import { PRINT_KEY, type Registry } from '../lib/registry/registry-key';

/** Fixtures whose .reg is kept in the older ANSI format, to exercise that import path. */
export const REG_FORMATS: Readonly<Record<string, RegFileFormat>> = { LEGACYPS: 'regedit4' };

/** The .reg bytes for a fixture registry: the Print branch when everything lies under it. */
export function fixtureRegFile(registry: Registry, format: RegFileFormat): Buffer {
  const print = registry.getKey(PRINT_KEY);
  let all = 0;
  for (const _ of registry.root.walk()) all++;
  let branch = 0;
  if (print) for (const _ of print.walk()) branch++;
  // The walk of the root counts the root itself and the ancestors of the Print key.
  const ancestors = PRINT_KEY.split('\\').length;
  return exportRegFile(registry, branch + ancestors === all ? { format, keyPath: PRINT_KEY } : { format });
}

if (require.main === module) {
  const fixtures = path.join(process.cwd(), 'registry-fixtures');
  for (const name of fs.readdirSync(fixtures)) {
    const json = path.join(fixtures, name, 'registry.json');
    if (!fs.existsSync(json)) continue;
    const registry = registryFromJson(JSON.parse(fs.readFileSync(json, 'utf8')) as unknown, json);
    const out = path.join(fixtures, name, 'registry.reg');
    fs.writeFileSync(out, fixtureRegFile(registry, REG_FORMATS[name] ?? 'regedit5'));
    process.stdout.write(`wrote ${out}\n`);
  }
}
