/**
 * A print server described by files: a fixture folder (registry-fixtures/<SERVER>/) holds
 *
 *   server.json     the settings below (plain JSON)
 *   registry.reg    the spooler's registry as regedit exports it (5.00 UTF-16LE or REGEDIT4),
 *   registry.json   or the same in the JSON fixture format (lib/registry/json-fixture.ts)
 *
 * and names the drivers store (the PRINT$ tree) it serves. server.json:
 *
 *   {
 *     "serverName": "NTPRINT",            NetBIOS name, 1-15 characters
 *     "domain": "WORKGROUP",
 *     "comment": "...",                   optional, the server comment (srvsvc)
 *     "users": [{ "name": "alice", "password": "Passw0rd!", "groups": ["Users"] }, ...],
 *     "allowGuest": false, "allowAnonymous": false, "allowNtlmV1": false, "signingRequired": false,
 *     "shares": [{ "name": "PRINT$", "type": "disk", "comment": "Printer Drivers" }, ...],  optional
 *     "registry": "registry.reg",         optional: default registry.reg, else registry.json
 *     "drivers": "../../drivers-store"    optional, relative to the fixture folder (this default)
 *     "keytab": "ntprint.keytab",         optional, relative to the fixture folder: SPNEGO offers Kerberos
 *     "kerberosPrincipals": { "alice@EXAMPLE.COM": "alice" },  optional: principal -> account name
 *     "printerSecurity": {                optional, per-printer ACLs (the printer's Security tab);
 *       "Marketing": [                    printers not listed keep Windows' default ACL
 *         { "type": "deny", "principal": "carol", "rights": ["Print"] }, ...
 *       ]                                 principal: a user or group of this file, Everyone,
 *     },                                  CREATOR OWNER, Administrators or Users; rights: Print,
 *                                         ManageDocuments, ManagePrinter
 *     "statusUpdateIntervalMs": 2000      optional: how often the Standard TCP/IP port monitor
 *   }                                     polls its printers over SNMP, overriding the registry's
 *                                         StatusUpdateInterval (minutes)
 *
 * Printer shares are not listed here: they come from the registry (Printers\<name>\Share Name).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from '../common/errors';
import type { UserAccount } from '../common/identity';
import { registryFromJson } from '../registry/json-fixture';
import { parseRegFileToRegistry } from '../registry/reg-file';
import type { Registry } from '../registry/registry-key';
import { PrinterPermission, WellKnownTrustee, type PrinterAce, type PrinterAcl } from './handles/printer-security';

export interface ShareSettings {
  readonly name: string;
  readonly type: 'disk' | 'ipc' | 'print';
  readonly comment: string;
}

export interface ServerSettings {
  readonly serverName: string;
  readonly domain: string;
  readonly users: readonly UserAccount[];
  readonly allowGuest: boolean;
  readonly allowAnonymous: boolean;
  readonly allowNtlmV1: boolean;
  readonly signingRequired: boolean;
  readonly comment?: string;
  /** Extra non-printer shares the server announces (PRINT$, IPC$ ...). */
  readonly shares?: readonly ShareSettings[];
  /** Explicit ACLs by printer name; the others have Windows' default. */
  readonly printerSecurity?: Readonly<Record<string, PrinterAcl>>;
  /** The service keytab (cifs/<host>, host/<host>); relative to the fixture folder. */
  readonly keytab?: string;
  /** Kerberos principal ("alice@EXAMPLE.COM" or "alice") -> account name. */
  readonly kerberosPrincipals?: Readonly<Record<string, string>>;
  /** The Standard TCP/IP port monitor's SNMP status interval in ms (else the registry's, in minutes). */
  readonly statusUpdateIntervalMs?: number;
}

export interface PrintServerFixture {
  /** The fixture folder, absolute. */
  readonly dir: string;
  readonly settings: ServerSettings;
  readonly registry: Registry;
  /** The drivers store (PRINT$) root, absolute and with symbolic links resolved. */
  readonly driversRoot: string;
  /** The registry file that was loaded, absolute. */
  readonly registryFile: string;
}

export const SERVER_SETTINGS_FILE = 'server.json';
export const DEFAULT_REGISTRY_FILES = ['registry.reg', 'registry.json'] as const;
export const DEFAULT_DRIVERS_DIR = '../../drivers-store';

/** The folder holding package.json, found from this file (lib/spooler under ts-jest, dist/lib/spooler after tsc). */
export function findPackageRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new ConfigError(`no package.json in ${start} or above`);
  }
}

/** registry-fixtures/NTPRINT of this package, absolute. */
export const DEFAULT_FIXTURE_DIR: string = path.join(packageRootOrCwd(), 'registry-fixtures', 'NTPRINT');

// A module constant must not throw at import time (e.g. when this file is copied elsewhere).
function packageRootOrCwd(): string {
  try {
    return findPackageRoot();
  } catch {
    return process.cwd();
  }
}

/** Reads server.json, the registry and locates the drivers store. ConfigError/ParseError name the file. */
export async function loadFixture(dir: string): Promise<PrintServerFixture> {
  const absDir = path.resolve(dir);
  const settingsFile = path.join(absDir, SERVER_SETTINGS_FILE);
  const doc = await readJson(settingsFile);
  const parsed = parseServerJson(doc, settingsFile);

  const registryFile = chooseRegistryFile(absDir, parsed.registry, settingsFile);
  const registry = await loadRegistryFile(registryFile);

  const driversRoot = path.resolve(absDir, parsed.drivers ?? DEFAULT_DRIVERS_DIR);
  let realDrivers: string;
  try {
    realDrivers = await fs.promises.realpath(driversRoot);
  } catch (err) {
    throw new ConfigError(`${settingsFile}: drivers: ${driversRoot} does not exist`, { cause: err });
  }
  if (!(await fs.promises.stat(realDrivers)).isDirectory())
    throw new ConfigError(`${settingsFile}: drivers: ${driversRoot} is not a directory`);

  return { dir: absDir, settings: parsed.settings, registry, driversRoot: realDrivers, registryFile };
}

/** A registry from a .reg or .json file, by extension. */
export async function loadRegistryFile(file: string): Promise<Registry> {
  const data = await readFile(file);
  if (/\.reg$/i.test(file)) return parseRegFileToRegistry(data, file);
  if (/\.json$/i.test(file)) return registryFromJson(parseJson(data, file), file);
  throw new ConfigError(`${file}: a registry must be a .reg or .json file`);
}

function chooseRegistryFile(dir: string, named: string | undefined, settingsFile: string): string {
  if (named !== undefined) {
    const file = path.resolve(dir, named);
    // The registry belongs to the fixture: it may not be taken from elsewhere.
    if (path.relative(dir, file).startsWith('..') || path.isAbsolute(path.relative(dir, file))) {
      throw new ConfigError(`${settingsFile}: registry: "${named}" is outside the fixture folder`);
    }
    return file;
  }
  for (const name of DEFAULT_REGISTRY_FILES) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return file;
  }
  throw new ConfigError(`${dir}: no ${DEFAULT_REGISTRY_FILES.join(' or ')}`);
}

async function readFile(file: string): Promise<Buffer> {
  try {
    return await fs.promises.readFile(file);
  } catch (err) {
    throw new ConfigError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`, {
      cause: err,
    });
  }
}

async function readJson(file: string): Promise<unknown> {
  return parseJson(await readFile(file), file);
}

function parseJson(data: Buffer, file: string): unknown {
  try {
    return JSON.parse(data.toString('utf8').replace(/^\uFEFF/, '')) as unknown;
  } catch (err) {
    throw new ConfigError(`${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`, {
      cause: err,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// server.json validation

const SETTINGS_MEMBERS = new Set([
  'serverName',
  'domain',
  'comment',
  'users',
  'allowGuest',
  'allowAnonymous',
  'allowNtlmV1',
  'signingRequired',
  'shares',
  'registry',
  'drivers',
  'printerSecurity',
  'keytab',
  'kerberosPrincipals',
  'statusUpdateIntervalMs',
]);

/** server.json's spelling of the three permissions. */
const RIGHT_NAMES: Readonly<Record<string, PrinterPermission>> = {
  Print: PrinterPermission.PRINT,
  ManageDocuments: PrinterPermission.MANAGE_DOCUMENTS,
  ManagePrinter: PrinterPermission.MANAGE_PRINTER,
};

/** Principals every server knows besides its users and their groups (BUILTIN groups included). */
const BUILTIN_PRINCIPALS = [
  WellKnownTrustee.EVERYONE,
  WellKnownTrustee.CREATOR_OWNER,
  WellKnownTrustee.ADMINISTRATORS,
  'Users',
] as const;

/** Characters NetBIOS computer names may not contain. */
const BAD_NETBIOS = /[\\/:*?"<>|.\s]/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a parsed server.json; ConfigError names the file and the member. */
export function parseServerJson(
  doc: unknown,
  fileName: string,
): { settings: ServerSettings; registry?: string; drivers?: string } {
  const fail = (where: string, problem: string): never => {
    throw new ConfigError(`${fileName}: ${where}: ${problem}`);
  };
  if (!isRecord(doc)) return fail('(document)', 'expected a JSON object');
  for (const member of Object.keys(doc)) if (!SETTINGS_MEMBERS.has(member)) fail(member, 'unknown member');

  const str = (member: string, optional: boolean): string | undefined => {
    const v = doc[member];
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string') return fail(member, 'expected a string');
    return v;
  };
  const bool = (member: string): boolean => {
    const v = doc[member];
    if (v === undefined) return false;
    if (typeof v !== 'boolean') return fail(member, 'expected true or false');
    return v;
  };

  const serverName = str('serverName', false) ?? '';
  if (serverName.length < 1 || serverName.length > 15 || BAD_NETBIOS.test(serverName)) {
    fail('serverName', `"${serverName}" is not a NetBIOS name (1 to 15 characters, no \\ / : * ? " < > | . or spaces)`);
  }
  const domain = str('domain', true) ?? 'WORKGROUP';
  const comment = str('comment', true);

  const usersRaw = doc.users ?? [];
  if (!Array.isArray(usersRaw)) return fail('users', 'expected an array');
  const seen = new Set<string>();
  const users = usersRaw.map((u: unknown, i): UserAccount => {
    const where = `users[${i}]`;
    if (!isRecord(u)) return fail(where, 'expected an object with name, password and groups');
    for (const member of Object.keys(u))
      if (!['name', 'password', 'groups'].includes(member)) fail(`${where}.${member}`, 'unknown member');
    const { name, password, groups } = u;
    if (typeof name !== 'string' || name === '' || /[\\/@"[\]:;|=,+*?<>]/.test(name))
      return fail(`${where}.name`, 'expected a user name without \\ / @ and the like');
    if (seen.has(name.toUpperCase()))
      fail(`${where}.name`, `"${name}" is listed twice (user names are case-insensitive)`);
    seen.add(name.toUpperCase());
    if (typeof password !== 'string') return fail(`${where}.password`, 'expected a string');
    const groupList = groups ?? [];
    if (!Array.isArray(groupList) || !groupList.every((g): g is string => typeof g === 'string' && g !== '')) {
      return fail(`${where}.groups`, 'expected an array of group names');
    }
    return { name, password, groups: groupList };
  });

  const sharesRaw = doc.shares;
  let shares: ShareSettings[] | undefined;
  if (sharesRaw !== undefined) {
    if (!Array.isArray(sharesRaw)) return fail('shares', 'expected an array');
    shares = sharesRaw.map((s: unknown, i): ShareSettings => {
      const where = `shares[${i}]`;
      if (!isRecord(s)) return fail(where, 'expected an object with name, type and comment');
      const { name, type, comment: shareComment } = s;
      if (typeof name !== 'string' || name === '' || name.length > 80 || /[\\/:*?"<>|]/.test(name))
        return fail(`${where}.name`, 'expected a share name');
      if (type !== 'disk' && type !== 'ipc' && type !== 'print')
        return fail(`${where}.type`, 'expected "disk", "ipc" or "print"');
      if (shareComment !== undefined && typeof shareComment !== 'string')
        return fail(`${where}.comment`, 'expected a string');
      return { name, type, comment: shareComment ?? '' };
    });
  }

  const printerSecurity = parsePrinterSecurity(doc.printerSecurity, users, fail);
  const keytab = str('keytab', true);
  const principalsRaw = doc.kerberosPrincipals;
  if (
    principalsRaw !== undefined &&
    (!isRecord(principalsRaw) || !Object.values(principalsRaw).every((v) => typeof v === 'string'))
  )
    fail('kerberosPrincipals', 'expected an object of principal to account name');
  const kerberosPrincipals = principalsRaw as Record<string, string> | undefined;
  const interval = doc.statusUpdateIntervalMs;
  if (interval !== undefined && (typeof interval !== 'number' || !Number.isInteger(interval) || interval < 1)) {
    fail('statusUpdateIntervalMs', 'expected a whole number of milliseconds, at least 1');
  }

  const settings: ServerSettings = {
    serverName,
    domain,
    users,
    allowGuest: bool('allowGuest'),
    allowAnonymous: bool('allowAnonymous'),
    allowNtlmV1: bool('allowNtlmV1'),
    signingRequired: bool('signingRequired'),
    ...(comment !== undefined ? { comment } : {}),
    ...(shares !== undefined ? { shares } : {}),
    ...(printerSecurity !== undefined ? { printerSecurity } : {}),
    ...(keytab !== undefined ? { keytab } : {}),
    ...(kerberosPrincipals !== undefined ? { kerberosPrincipals } : {}),
    ...(typeof interval === 'number' ? { statusUpdateIntervalMs: interval } : {}),
  };
  const registry = str('registry', true);
  const drivers = str('drivers', true);
  return { settings, ...(registry !== undefined ? { registry } : {}), ...(drivers !== undefined ? { drivers } : {}) };
}

function parsePrinterSecurity(
  raw: unknown,
  users: readonly UserAccount[],
  fail: (where: string, problem: string) => never,
): Record<string, PrinterAcl> | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) return fail('printerSecurity', 'expected an object of printer name to ACE list');
  const known = new Map<string, string>();
  for (const p of BUILTIN_PRINCIPALS) known.set(p.toLowerCase(), p);
  for (const u of users) {
    known.set(u.name.toLowerCase(), u.name);
    for (const g of u.groups) known.set(g.toLowerCase(), g);
  }
  const out: Record<string, PrinterAcl> = {};
  for (const [printer, aces] of Object.entries(raw)) {
    const where = `printerSecurity.${printer}`;
    if (printer === '') fail(where, 'expected a printer name');
    if (!Array.isArray(aces)) return fail(where, 'expected an array of { type, principal, rights }');
    out[printer] = aces.map((ace: unknown, i): PrinterAce => {
      const at = `${where}[${i}]`;
      if (!isRecord(ace)) return fail(at, 'expected an object with type, principal and rights');
      for (const member of Object.keys(ace))
        if (!['type', 'principal', 'rights'].includes(member)) fail(`${at}.${member}`, 'unknown member');
      const { type, principal, rights } = ace;
      if (type !== 'allow' && type !== 'deny') return fail(`${at}.type`, 'expected "allow" or "deny"');
      if (typeof principal !== 'string') return fail(`${at}.principal`, 'expected a string');
      const trustee = known.get(principal.toLowerCase());
      if (trustee === undefined) {
        return fail(
          `${at}.principal`,
          `"${principal}" is not a user or group of this server, nor ${BUILTIN_PRINCIPALS.join(', ')}`,
        );
      }
      if (!Array.isArray(rights) || rights.length === 0)
        return fail(`${at}.rights`, 'expected a non-empty array of Print, ManageDocuments, ManagePrinter');
      const permissions = rights.map((r: unknown, j): PrinterPermission => {
        const p = typeof r === 'string' ? RIGHT_NAMES[r] : undefined;
        return p ?? fail(`${at}.rights[${j}]`, `expected Print, ManageDocuments or ManagePrinter`);
      });
      return { type, trustee, permissions };
    });
  }
  return out;
}
