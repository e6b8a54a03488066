/**
 * The client policies current Windows applies to Point and Print (after the 2021 PrintNightmare
 * fixes), read from the policy keys and evaluated per CopyFiles key and per driver installation.
 *
 *   HKLM\Software\Policies\Microsoft\Windows NT\Printers
 *     CopyFilesPolicy  DWORD  0 none | 1 colour profiles only (default, also when not configured) | 2 all
 *   ...\Printers\PointAndPrint
 *     RestrictDriverInstallationToAdministrators  DWORD  absent or 1: only administrators install drivers (KB5005652)
 *     NoWarningNoElevationOnInstall               DWORD  0 (default): warning and elevation for a new connection
 *     UpdatePromptSettings                        DWORD  0 (default) warning+elevation | 1 warning only | 2 none
 *     TrustedServers DWORD + ServerList REG_SZ    servers separated by ';' ("Users can only point and print to these servers")
 *   ...\Printers\PackagePointAndPrint
 *     PackagePointAndPrintOnly                    DWORD  1: only package-aware drivers ("Only use Package Point and print")
 *     PackagePointAndPrintServerList              DWORD  1: package Point and Print only to the servers of
 *       ...\PackagePointAndPrint\ListofServers    REG_SZ values named 1, 2, ... (or a REG_MULTI_SZ)
 *                                                   ("Package Point and print - Approved servers", printing.admx)
 *
 * The ADMX text of the approved-servers policy: it "only applies to Package Point and Print
 * connections, and is completely independent from the Point and Print Restrictions policy";
 * "Windows Vista and later clients will attempt to make a non-package point and print connection
 * anytime a package point and print connection fails, including attempts that are blocked by this
 * policy". Blocking a server entirely takes both policies, or PackagePointAndPrintOnly.
 */
import { ConfigError } from '../common/errors';
import { Win32ErrorCode } from '../common/status/win32-error';
import { RegType } from '../common/reg-value';
import type { Registry, RegistryKey } from '../registry/registry-key';
import { POINT_AND_PRINT_POLICY_KEY, POLICIES_PRINTERS_KEY } from '../registry/registry-key';
import { CopyFilesPolicy } from './constants';
import type { CopyFilesKey } from './copy-files-key';
import { MSCMS_MODULE_NAME } from './mscms-module';
import { sameWindowsName } from './windows-names';

export const PACKAGE_POINT_AND_PRINT_POLICY_KEY = `${POLICIES_PRINTERS_KEY}\\PackagePointAndPrint`;
export const PACKAGE_POINT_AND_PRINT_SERVERS_KEY = `${PACKAGE_POINT_AND_PRINT_POLICY_KEY}\\ListofServers`;

export interface PointAndPrintPolicy {
  readonly copyFilesPolicy: CopyFilesPolicy;
  readonly restrictDriverInstallationToAdministrators: boolean;
  readonly noWarningNoElevationOnInstall: boolean;
  readonly updatePromptSettings: 0 | 1 | 2;
  /** Set when "Users can only point and print to these servers" is on; undefined = any server. */
  readonly trustedServers?: readonly string[];
  readonly packagePointAndPrintOnly: boolean;
  /** Set when "Package Point and print - Approved servers" is on; undefined = any server. */
  readonly packagePointAndPrintServerList?: readonly string[];
}

/** Windows' current defaults: what a client does when no policy is configured. */
export const DEFAULT_POINT_AND_PRINT_POLICY: PointAndPrintPolicy = Object.freeze({
  copyFilesPolicy: CopyFilesPolicy.COLOR_PROFILES_ONLY,
  restrictDriverInstallationToAdministrators: true,
  noWarningNoElevationOnInstall: false,
  updatePromptSettings: 0,
  packagePointAndPrintOnly: false,
});

/**
 * DEVIATION: Windows does not document which error a client reports for a CopyFiles key its
 * CopyFilesPolicy refuses; ERROR_ACCESS_DISABLED_BY_POLICY is our choice.
 */
export const COPY_FILES_POLICY_REFUSAL_STATUS = Win32ErrorCode.ERROR_ACCESS_DISABLED_BY_POLICY;

/** The colour-profile scheme CopyFilesPolicy 1 accepts (compared case-insensitively). */
export const COLOR_PROFILE_SCHEME = { component: 'ICM', directory: 'COLOR', module: MSCMS_MODULE_NAME } as const;

function dword(key: RegistryKey | undefined, name: string): number | undefined {
  const v = key?.getValue(name);
  // DEVIATION: a policy value of the wrong type is ignored (the default applies), as if absent.
  return v && v.type === RegType.REG_DWORD ? (v.value as number) : undefined;
}

function string(key: RegistryKey | undefined, name: string): string | undefined {
  const v = key?.getValue(name);
  return v && (v.type === RegType.REG_SZ || v.type === RegType.REG_EXPAND_SZ) ? (v.value as string) : undefined;
}

/** Reads HKLM\Software\Policies\Microsoft\Windows NT\Printers (and \PointAndPrint), defaults for absent values. */
export function policyFromRegistry(registry: Registry): PointAndPrintPolicy {
  const printers = registry.getKey(POLICIES_PRINTERS_KEY);
  const pnp = registry.getKey(POINT_AND_PRINT_POLICY_KEY);
  const pkg = registry.getKey(PACKAGE_POINT_AND_PRINT_POLICY_KEY);
  const approved = registry.getKey(PACKAGE_POINT_AND_PRINT_SERVERS_KEY);
  const d = DEFAULT_POINT_AND_PRINT_POLICY;

  const copyFiles = dword(printers, 'CopyFilesPolicy');
  // DEVIATION: a CopyFilesPolicy outside 0..2 falls back to the default (1) — the fail-safe choice.
  const copyFilesPolicy = copyFiles === 0 || copyFiles === 1 || copyFiles === 2 ? copyFiles : d.copyFilesPolicy;
  const restrict = dword(pnp, 'RestrictDriverInstallationToAdministrators');
  const noWarning = dword(pnp, 'NoWarningNoElevationOnInstall');
  const update = dword(pnp, 'UpdatePromptSettings');
  const trusted = dword(pnp, 'TrustedServers');
  const serverList = string(pnp, 'ServerList');
  const trustedServers =
    trusted === 1 && serverList !== undefined
      ? serverList
          .split(';')
          .map((s) => s.trim())
          .filter((s) => s.length > 0)
      : undefined;
  return {
    copyFilesPolicy,
    // Absent or any non-zero value keeps the restriction (KB5005652: only 0 turns it off).
    restrictDriverInstallationToAdministrators:
      restrict === undefined ? d.restrictDriverInstallationToAdministrators : restrict !== 0,
    noWarningNoElevationOnInstall: noWarning === 1,
    updatePromptSettings: update === 1 || update === 2 ? update : 0,
    ...(trustedServers && { trustedServers }),
    packagePointAndPrintOnly: dword(pkg, 'PackagePointAndPrintOnly') === 1,
    ...(dword(pkg, 'PackagePointAndPrintServerList') === 1 && {
      packagePointAndPrintServerList: serverListValues(approved),
    }),
  };
}

/** The approved servers: every REG_SZ value (named 1, 2, ... by the ADMX list) and REG_MULTI_SZ entry. */
function serverListValues(key: RegistryKey | undefined): string[] {
  const out: string[] = [];
  for (const v of key?.valueList() ?? []) {
    if (v.type === RegType.REG_SZ || v.type === RegType.REG_EXPAND_SZ) out.push(v.value as string);
    else if (v.type === RegType.REG_MULTI_SZ) out.push(...(v.value as readonly string[]));
  }
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** A policy from a config object (e.g. a client's JSON config), over `base`; ConfigError on bad fields. */
export function policyFromConfig(
  config: unknown,
  base: PointAndPrintPolicy = DEFAULT_POINT_AND_PRINT_POLICY,
): PointAndPrintPolicy {
  if (config === undefined) return base;
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw new ConfigError('pointAndPrintPolicy must be an object');
  const c = config as Record<string, unknown>;
  const known = Object.keys(DEFAULT_POINT_AND_PRINT_POLICY).concat('trustedServers', 'packagePointAndPrintServerList');
  for (const k of Object.keys(c))
    if (!known.includes(k)) throw new ConfigError(`unknown Point-and-Print policy "${k}" (known: ${known.join(', ')})`);
  const bool = (name: string, fallback: boolean): boolean => {
    const v = c[name];
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') throw new ConfigError(`policy ${name} must be true or false`);
    return v;
  };
  const enumOf = <T extends number>(name: string, allowed: readonly T[], fallback: T): T => {
    const v = c[name];
    if (v === undefined) return fallback;
    if (!allowed.includes(v as T)) throw new ConfigError(`policy ${name} must be one of ${allowed.join(', ')}`);
    return v as T;
  };
  let trustedServers = base.trustedServers;
  if (c.trustedServers !== undefined) {
    if (!Array.isArray(c.trustedServers) || !c.trustedServers.every((s) => typeof s === 'string')) {
      throw new ConfigError('policy trustedServers must be a list of server names');
    }
    trustedServers = c.trustedServers;
  }
  let packageServers = base.packagePointAndPrintServerList;
  if (c.packagePointAndPrintServerList !== undefined) {
    const v = c.packagePointAndPrintServerList;
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string'))
      throw new ConfigError('policy packagePointAndPrintServerList must be a list of server names');
    packageServers = v;
  }
  return {
    copyFilesPolicy: enumOf<CopyFilesPolicy>('copyFilesPolicy', [0, 1, 2], base.copyFilesPolicy),
    restrictDriverInstallationToAdministrators: bool(
      'restrictDriverInstallationToAdministrators',
      base.restrictDriverInstallationToAdministrators,
    ),
    noWarningNoElevationOnInstall: bool('noWarningNoElevationOnInstall', base.noWarningNoElevationOnInstall),
    updatePromptSettings: enumOf<0 | 1 | 2>('updatePromptSettings', [0, 1, 2], base.updatePromptSettings),
    ...(trustedServers && { trustedServers }),
    packagePointAndPrintOnly: bool('packagePointAndPrintOnly', base.packagePointAndPrintOnly),
    ...(packageServers && { packagePointAndPrintServerList: packageServers }),
  };
}

/** What the client's CopyFilesPolicy does with one (well-formed) CopyFiles key. */
export function evaluateCopyFilesPolicy(
  policy: PointAndPrintPolicy,
  key: CopyFilesKey,
): { readonly allowed: boolean; readonly reason: string } {
  switch (policy.copyFilesPolicy) {
    case CopyFilesPolicy.NONE:
      return { allowed: false, reason: 'CopyFilesPolicy 0: queue-specific files are not allowed' };
    case CopyFilesPolicy.ALL:
      return { allowed: true, reason: 'CopyFilesPolicy 2: all queue-specific files are allowed' };
    case CopyFilesPolicy.COLOR_PROFILES_ONLY: {
      const s = COLOR_PROFILE_SCHEME;
      const mismatches: string[] = [];
      if (!sameWindowsName(key.component, s.component))
        mismatches.push(`key is CopyFiles\\${key.component}, not CopyFiles\\${s.component}`);
      if (!sameWindowsName(key.directory, s.directory))
        mismatches.push(`Directory is "${key.directory}", not ${s.directory}`);
      if (key.module === undefined || !sameWindowsName(key.module, s.module)) {
        mismatches.push(
          key.module === undefined ? `no Module (${s.module} required)` : `Module is "${key.module}", not ${s.module}`,
        );
      }
      if (mismatches.length === 0)
        return { allowed: true, reason: 'CopyFilesPolicy 1: a colour-profile key (CopyFiles\\ICM, COLOR, mscms.dll)' };
      return { allowed: false, reason: `CopyFilesPolicy 1 (colour profiles only): ${mismatches.join('; ')}` };
    }
  }
}

export interface DriverInstallContext {
  /** The server the driver comes from, for the trusted-servers list. */
  readonly serverName?: string;
  /** The driver is a package-aware driver (for PackagePointAndPrintOnly). */
  readonly packageAware?: boolean;
  /** An update of an installed driver rather than a new connection's installation. */
  readonly isUpdate?: boolean;
}

/**
 * Whether a Point-and-Print driver installation may proceed for this user.
 * DEVIATION: our clients have no UI; an elevation prompt counts as refused for a standard user
 * and as accepted for an administrator, a warning-only prompt as accepted (and said in the reason).
 */
export function evaluateDriverInstallPolicy(
  policy: PointAndPrintPolicy,
  isAdministrator: boolean,
  driverAlreadyInstalled: boolean,
  context: DriverInstallContext = {},
): { readonly allowed: boolean; readonly reason: string } {
  if (driverAlreadyInstalled && !context.isUpdate) {
    return { allowed: true, reason: 'the driver is already installed on the client: nothing to install' };
  }
  if (policy.packagePointAndPrintOnly && context.packageAware === false) {
    return { allowed: false, reason: 'PackagePointAndPrintOnly 1: only package-aware drivers may be installed' };
  }
  if (policy.restrictDriverInstallationToAdministrators) {
    return isAdministrator
      ? { allowed: true, reason: 'RestrictDriverInstallationToAdministrators 1: the user is an administrator' }
      : {
          allowed: false,
          reason:
            'RestrictDriverInstallationToAdministrators 1: only administrators may install drivers via Point and Print',
        };
  }
  const server = context.serverName;
  const untrusted =
    policy.trustedServers !== undefined &&
    (server === undefined || !policy.trustedServers.some((s) => sameWindowsName(s, server)));
  const elevate = (why: string) =>
    isAdministrator
      ? { allowed: true, reason: `${why}: warning and elevation prompt, accepted as administrator` }
      : { allowed: false, reason: `${why}: needs elevation, which a standard user cannot give` };
  if (untrusted) return elevate(`server ${server ?? '(unknown)'} is not in the Point and Print trusted servers`);
  if (context.isUpdate) {
    if (policy.updatePromptSettings === 2)
      return { allowed: true, reason: 'UpdatePromptSettings 2: no warning, no elevation' };
    if (policy.updatePromptSettings === 1)
      return { allowed: true, reason: 'UpdatePromptSettings 1: warning shown, no elevation' };
    return elevate('UpdatePromptSettings 0');
  }
  if (policy.noWarningNoElevationOnInstall)
    return { allowed: true, reason: 'NoWarningNoElevationOnInstall 1: no warning, no elevation' };
  return elevate('NoWarningNoElevationOnInstall 0');
}

/**
 * Whether Package Point and Print may be used with `serverName` (PackagePointAndPrintServerList).
 * DEVIATION: the ADMX asks for fully qualified names; we compare the list with the name the client
 * used, case-insensitively, without resolving either.
 */
export function evaluatePackagePointAndPrint(
  policy: PointAndPrintPolicy,
  serverName: string,
): { readonly allowed: boolean; readonly reason: string } {
  const list = policy.packagePointAndPrintServerList;
  if (list === undefined)
    return {
      allowed: true,
      reason: 'PackagePointAndPrintServerList not configured: package Point and Print to any server',
    };
  if (list.some((s) => sameWindowsName(s, serverName)))
    return { allowed: true, reason: `PackagePointAndPrintServerList 1: ${serverName} is an approved server` };
  return {
    allowed: false,
    reason: `PackagePointAndPrintServerList 1: ${serverName} is not an approved server (${list.length > 0 ? list.join(', ') : 'none listed'})`,
  };
}

/**
 * Whether a client may fall back to the non-package, file-by-file copy when the package path
 * failed or was refused: Windows does unless PackagePointAndPrintOnly is set.
 */
export function evaluateLegacyFallback(policy: PointAndPrintPolicy): {
  readonly allowed: boolean;
  readonly reason: string;
} {
  return policy.packagePointAndPrintOnly
    ? { allowed: false, reason: 'PackagePointAndPrintOnly 1: non-package Point and Print is not allowed' }
    : {
        allowed: true,
        reason:
          'PackagePointAndPrintOnly 0: clients fall back to non-package Point and Print when the package path fails',
      };
}
