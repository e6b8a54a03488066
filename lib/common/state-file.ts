/**
 * Reading a JSON state file at start (spooler-state.json, usage.json, devices.json), the same way
 * everywhere: a missing file is a first start; a file that cannot be used is never ignored
 * silently nor deleted, but kept aside as `<name>.corrupt-<reason>` (bytes untouched) so the
 * caller can say so and start from what it can rebuild.
 */
import { readdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';

/** Why a state file cannot be used; also the suffix of the name it is kept under. */
export type StateFileDamage = 'empty' | 'truncated' | 'invalid-json' | 'missing-fields';

export type StateFileRead =
  | { readonly kind: 'none' }
  | { readonly kind: 'ok'; readonly value: unknown }
  | { readonly kind: 'damaged'; readonly reason: StateFileDamage; readonly keptAs: string };

/** How JSON text is damaged: cut short (it does not end where JSON ends) or otherwise invalid. */
export function jsonDamage(text: string): StateFileDamage {
  if (text.trim() === '') return 'empty';
  const end = text.trimEnd().slice(-1);
  return end === '}' || end === ']' ? 'invalid-json' : 'truncated';
}

/** Reads `file` as JSON; `isValid` says whether the value is one of this file's. */
export function readStateFile(file: string, isValid: (value: unknown) => boolean): StateFileRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw err;
  }
  let reason: StateFileDamage;
  try {
    const value = JSON.parse(text) as unknown;
    if (isValid(value)) return { kind: 'ok', value };
    reason = 'missing-fields';
  } catch {
    reason = jsonDamage(text);
  }
  return { kind: 'damaged', reason, keptAs: keepAside(file, reason) };
}

/** Renames `file` to `<name>.corrupt-<reason>` (or `...-2`, `-3` ... when taken); returns the new path. */
export function keepAside(file: string, reason: string): string {
  const dir = path.dirname(file);
  const taken = new Set(readdirSync(dir));
  const base = `${path.basename(file)}.corrupt-${reason}`;
  let name = base;
  for (let n = 2; taken.has(name) && n < 1000; n++) name = `${base}-${n}`;
  const target = path.join(dir, name);
  renameSync(file, target);
  return target;
}
