/**
 * A print server's state as a fixture folder (lib/spooler/fixture.ts): `server.json` (the
 * settings, the printers' explicit ACLs, the drivers store) and `registry.reg`, the spooler's
 * registry as regedit 5.00 writes it (UTF-16LE, lib/registry/reg-file.ts). Loading the folder
 * gives the same state, and exporting that again gives the same bytes.
 *
 * The host keeps such a folder in its state folder (`<state>/fixture/`, state-fixture-keeper.ts):
 * written when it starts, within seconds of a change while it runs, and when it stops, so `pointprint export --state DIR OUTDIR` finds the state of a server that
 * runs or ran there. Paths to the drivers store and the keytab are written relative to the
 * folder they are in, so an exported folder can be moved with its store.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../common/atomic-file';
import { exportRegFile } from '../registry/reg-file';
import { PRINTERS_KEY, type Registry } from '../registry/registry-key';
import { SERVER_SETTINGS_FILE, type ServerSettings } from '../spooler/fixture';
import { DEFAULT_PRINTER_ACL, PrinterPermission, type PrinterAcl } from '../spooler/handles/printer-security';

/** Where the host keeps its fixture folder inside a state folder. */
export const STATE_FIXTURE_DIR = 'fixture';
export const REGISTRY_FILE = 'registry.reg';

export function stateFixtureDir(stateDir: string): string {
  return path.join(path.resolve(stateDir), STATE_FIXTURE_DIR);
}

export interface FixtureSnapshot {
  readonly settings: ServerSettings;
  readonly registry: Registry;
  /** The drivers store, absolute. */
  readonly driversRoot: string;
  /** The keytab, absolute, when the server has one. */
  readonly keytabFile?: string;
  /** Explicit printer ACLs (those that are not Windows' default), by printer name. */
  readonly printerSecurity?: Readonly<Record<string, PrinterAcl>>;
}

/** server.json's spelling of the permissions (the inverse of the fixture loader's). */
const RIGHT_NAMES: Readonly<Record<PrinterPermission, string>> = {
  [PrinterPermission.PRINT]: 'Print',
  [PrinterPermission.MANAGE_DOCUMENTS]: 'ManageDocuments',
  [PrinterPermission.MANAGE_PRINTER]: 'ManagePrinter',
};

/** The ACLs a server holds that are not the default, for the printers of its registry. */
export function explicitPrinterSecurity(
  registry: Registry,
  aclOf: (printer: string) => PrinterAcl,
): Record<string, PrinterAcl> {
  const out: Record<string, PrinterAcl> = {};
  for (const name of registry.getKey(PRINTERS_KEY)?.subkeyNames() ?? []) {
    const acl = aclOf(name);
    if (acl !== DEFAULT_PRINTER_ACL) out[name] = acl;
  }
  return out;
}

/** server.json for a snapshot written into `dir`. */
export function serverJsonOf(snapshot: FixtureSnapshot, dir: string): string {
  const s = snapshot.settings;
  const relative = (target: string): string => path.relative(dir, target).split(path.sep).join('/') || '.';
  const security = snapshot.printerSecurity ?? s.printerSecurity ?? {};
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
    ...(Object.keys(security).length > 0 && {
      printerSecurity: Object.fromEntries(
        Object.entries(security).map(([printer, acl]) => [
          printer,
          acl.map((e) => ({ type: e.type, principal: e.trustee, rights: e.permissions.map((p) => RIGHT_NAMES[p]) })),
        ]),
      ),
    }),
    ...(s.statusUpdateIntervalMs !== undefined && { statusUpdateIntervalMs: s.statusUpdateIntervalMs }),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
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
