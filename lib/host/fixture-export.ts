/**
 * A print server's state as a fixture folder (lib/spooler/fixture.ts): `server.json` (the
 * settings and the drivers store) and `registry.reg`, the spooler's registry as regedit 5.00
 * writes it (UTF-16LE, lib/registry/reg-file.ts), printers' ACLs included (each printer's
 * `Security` value: the registry is their one place). Loading the folder gives the same state,
 * and exporting that again gives the same bytes.
 *
 * The state folder is itself such a folder: the spooler writes `<state>/registry.reg` at start,
 * after each change and at stop (lib/spooler/services/registry-store.ts, the one writer of the
 * registry), and the host `<state>/server.json` (state-fixture-keeper.ts), so
 * `pointprint export --state DIR OUTDIR` finds the state of a server that runs or ran there.
 * Paths to the drivers store and the keytab are written relative to the folder they are in, so an
 * exported folder can be moved with its store.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../common/atomic-file';
import { exportRegFile } from '../registry/reg-file';
import type { Registry } from '../registry/registry-key';
import { SERVER_SETTINGS_FILE, type ServerSettings } from '../spooler/fixture';
import { STATE_REGISTRY_FILE } from '../spooler/services/registry-store';

/** The registry file of a fixture folder: in a state folder, the one the spooler writes. */
export const REGISTRY_FILE = STATE_REGISTRY_FILE;

/** The fixture folder a state folder is: the state folder itself. */
export function stateFixtureDir(stateDir: string): string {
  return path.resolve(stateDir);
}

export interface FixtureSnapshot {
  readonly settings: ServerSettings;
  readonly registry: Registry;
  /** The drivers store, absolute. */
  readonly driversRoot: string;
  /** The keytab, absolute, when the server has one. */
  readonly keytabFile?: string;
}

/** server.json for a snapshot written into `dir`. */
export function serverJsonOf(snapshot: FixtureSnapshot, dir: string): string {
  const s = snapshot.settings;
  const relative = (target: string): string => path.relative(dir, target).split(path.sep).join('/') || '.';
  const doc = {
    serverName: s.serverName,
    domain: s.domain,
    ...(s.comment !== undefined && { comment: s.comment }),
    users: s.users.map((u) => ({ name: u.name, password: u.password, groups: [...u.groups] })),
    allowGuest: s.allowGuest,
    allowAnonymous: s.allowAnonymous,
    allowNtlmV1: s.allowNtlmV1,
    signingRequired: s.signingRequired,
    ...(s.shares !== undefined && { shares: s.shares.map((sh) => ({ ...sh })) }),
    registry: REGISTRY_FILE,
    drivers: relative(snapshot.driversRoot),
    ...(snapshot.keytabFile !== undefined && { keytab: relative(snapshot.keytabFile) }),
    ...(s.kerberosPrincipals !== undefined && { kerberosPrincipals: { ...s.kerberosPrincipals } }),
    // No printerSecurity: the printers' ACLs are in the registry (their `Security` values).
    ...(s.statusUpdateIntervalMs !== undefined && { statusUpdateIntervalMs: s.statusUpdateIntervalMs }),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** server.json alone, into a state folder whose registry.reg the spooler writes; atomically. */
export async function writeStateSettings(stateDir: string, serverJson: string): Promise<void> {
  await fs.mkdir(stateFixtureDir(stateDir), { recursive: true });
  await writeFileAtomic(path.join(stateFixtureDir(stateDir), SERVER_SETTINGS_FILE), serverJson);
}

/** The two files of a snapshot written into `dir`. */
export function fixtureFilesOf(dir: string, snapshot: FixtureSnapshot): { registry: Buffer; serverJson: string } {
  return { registry: exportRegFile(snapshot.registry), serverJson: serverJsonOf(snapshot, path.resolve(dir)) };
}

/** Writes the folder (created when missing); each file is replaced atomically. */
export async function writeFixtureFolder(
  dir: string,
  snapshot: FixtureSnapshot,
  files = fixtureFilesOf(dir, snapshot),
): Promise<void> {
  const abs = path.resolve(dir);
  await fs.mkdir(abs, { recursive: true });
  await writeFileAtomic(path.join(abs, REGISTRY_FILE), files.registry);
  await writeFileAtomic(path.join(abs, SERVER_SETTINGS_FILE), files.serverJson);
}
