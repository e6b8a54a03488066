/**
 * Printer and print-server security: the three permissions of the printer's Security tab
 * (Print, Manage Documents, Manage Printers) as allow/deny entries for users and groups (how
 * server.json writes a printer's descriptor, printer-security-descriptor.ts), the generic
 * mappings, and the access check that turns an OpenPrinter DesiredAccess into a handle's granted
 * access. The rights a caller holds come from the printer's descriptor (descriptor-access.ts).
 *
 * Mapping of the UI permissions to [MS-RPRN] 2.2.3.1 access values (the common reading, see
 * reference/spooler-anchors.md 1.9):
 *   Print            -> PRINTER_EXECUTE (PRINTER_ACCESS_USE | READ_CONTROL)
 *   Manage Printers  -> PRINTER_ALL_ACCESS | PRINTER_ACCESS_MANAGE_LIMITED, and Print
 *   Manage Documents -> JOB_ALL_ACCESS on jobs (inherit-only: grants nothing on the printer)
 */
import { AccessMask } from '../../spoolss/constants';
import type { CallerContext } from '../../spoolss/types';

export const PrinterPermission = {
  PRINT: 'Print',
  MANAGE_DOCUMENTS: 'Manage Documents',
  MANAGE_PRINTER: 'Manage Printer',
} as const;
export type PrinterPermission = (typeof PrinterPermission)[keyof typeof PrinterPermission];

/** Well-known trustees, spelt as the Security tab shows them. */
export const WellKnownTrustee = {
  EVERYONE: 'Everyone',
  ADMINISTRATORS: 'Administrators',
  CREATOR_OWNER: 'CREATOR OWNER',
} as const;

export interface PrinterAce {
  readonly type: 'allow' | 'deny';
  /** A user name, a group name, or a well-known trustee (case-insensitive). */
  readonly trustee: string;
  readonly permissions: readonly PrinterPermission[];
}

export type PrinterAcl = readonly PrinterAce[];

/** Windows' default printer security. */
export const DEFAULT_PRINTER_ACL: PrinterAcl = [
  { type: 'allow', trustee: WellKnownTrustee.EVERYONE, permissions: [PrinterPermission.PRINT] },
  {
    type: 'allow',
    trustee: WellKnownTrustee.ADMINISTRATORS,
    permissions: [PrinterPermission.MANAGE_PRINTER, PrinterPermission.MANAGE_DOCUMENTS],
  },
  { type: 'allow', trustee: WellKnownTrustee.CREATOR_OWNER, permissions: [PrinterPermission.MANAGE_DOCUMENTS] },
];

/** The generic mappings of the three securable spooler objects. */
const GENERIC_MAPPING = {
  server: {
    read: AccessMask.SERVER_READ,
    write: AccessMask.SERVER_WRITE,
    execute: AccessMask.SERVER_EXECUTE,
    all: AccessMask.SERVER_ALL_ACCESS,
  },
  printer: {
    read: AccessMask.PRINTER_READ,
    write: AccessMask.PRINTER_WRITE,
    execute: AccessMask.PRINTER_EXECUTE,
    all: AccessMask.PRINTER_ALL_ACCESS,
  },
  job: {
    read: AccessMask.JOB_READ,
    write: AccessMask.JOB_WRITE,
    execute: AccessMask.JOB_EXECUTE,
    all: AccessMask.JOB_ALL_ACCESS,
  },
} as const;

export type SecuredObjectKind = keyof typeof GENERIC_MAPPING;

/** Replaces GENERIC_* bits by the object's specific rights (MAXIMUM_ALLOWED is kept). */
export function mapGenericAccess(kind: SecuredObjectKind, desired: number): number {
  const m = GENERIC_MAPPING[kind];
  let out =
    desired &
    ~(AccessMask.GENERIC_READ | AccessMask.GENERIC_WRITE | AccessMask.GENERIC_EXECUTE | AccessMask.GENERIC_ALL);
  if (desired & AccessMask.GENERIC_READ) out |= m.read;
  if (desired & AccessMask.GENERIC_WRITE) out |= m.write;
  if (desired & AccessMask.GENERIC_EXECUTE) out |= m.execute;
  if (desired & AccessMask.GENERIC_ALL) out |= m.all;
  return out >>> 0;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Whether an ACE's trustee names this caller. CREATOR OWNER matches only the owner of a job. */
export function trusteeMatches(trustee: string, caller: CallerContext, owner: string | undefined): boolean {
  if (same(trustee, WellKnownTrustee.EVERYONE)) return true;
  if (same(trustee, WellKnownTrustee.CREATOR_OWNER)) return owner !== undefined && same(owner, caller.userName);
  if (same(trustee, WellKnownTrustee.ADMINISTRATORS) && caller.isAdministrator) return true;
  if (same(trustee, caller.userName)) return true;
  if (caller.domain !== undefined && same(trustee, `${caller.domain}\\${caller.userName}`)) return true;
  return caller.groups.some((g) => same(g, trustee));
}

export type AccessCheckResult =
  { readonly granted: true; readonly access: number } | { readonly granted: false; readonly missing: number };

/**
 * The access check of OpenPrinter: `desired` (generic rights mapped first) must be within
 * `allowed`. MAXIMUM_ALLOWED grants everything allowed. A request of 0 gets the object's basic
 * right (PRINTER_ACCESS_USE, SERVER_ACCESS_ENUMERATE, JOB_ACCESS_READ), as OpenPrinter without
 * PRINTER_DEFAULTS does.
 */
export function accessCheck(kind: SecuredObjectKind, desired: number, allowed: number): AccessCheckResult {
  const mapped = mapGenericAccess(kind, desired >>> 0);
  const maximum = (mapped & AccessMask.MAXIMUM_ALLOWED) !== 0;
  let wanted = (mapped & ~AccessMask.MAXIMUM_ALLOWED) >>> 0;
  if (wanted === 0 && !maximum) wanted = BASIC_RIGHT[kind];
  const missing = (wanted & ~allowed) >>> 0;
  // SYNCHRONIZE is never refused on a spooler object.
  if ((missing & ~AccessMask.SYNCHRONIZE) !== 0) return { granted: false, missing };
  if (maximum) {
    if (allowed === 0) return { granted: false, missing: BASIC_RIGHT[kind] };
    return { granted: true, access: (allowed | (wanted & allowed)) >>> 0 };
  }
  return { granted: true, access: (wanted & allowed) >>> 0 };
}

const BASIC_RIGHT: Readonly<Record<SecuredObjectKind, number>> = {
  server: AccessMask.SERVER_ACCESS_ENUMERATE,
  printer: AccessMask.PRINTER_ACCESS_USE,
  job: AccessMask.JOB_ACCESS_READ,
};
