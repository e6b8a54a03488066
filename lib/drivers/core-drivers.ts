/**
 * Core printer drivers: the sets of files many drivers share (Unidrv, PScript ...), packaged once
 * and named by a GUID ("Package-Aware Print Drivers that Share Files", "Writing Core Drivers";
 * Samba's spoolss.idl SPOOLSS_CORE_PRINT_PACKAGE_FILES_*). A package-aware driver lists the
 * GUIDs it needs in its INF (CoreDriverDependencies, CoreDriverSections) and in DRIVER_INFO_8
 * szzCoreDependencies, which the registry keeps as CoreDependencies.
 *
 * IDs are "curly braced GUID strings" ([MS-RPRN] <348>); we compare them upper-cased.
 */
export const CoreDriverGuid = {
  UNIDRV: '{D20EA372-DD35-4950-9ED8-A6335AFE79F0}',
  PSCRIPT: '{D20EA372-DD35-4950-9ED8-A6335AFE79F1}',
  PCLXL: '{D20EA372-DD35-4950-9ED8-A6335AFE79F2}',
  /** The sRGB colour profile core package (sRGBPROFILE.OEM in Microsoft's examples). */
  SRGB_PROFILE: '{D20EA372-DD35-4950-9ED8-A6335AFE79F3}',
  PLOTTER: '{D20EA372-DD35-4950-9ED8-A6335AFE79F4}',
  XPSDRV: '{D20EA372-DD35-4950-9ED8-A6335AFE79F5}',
} as const;

const NAMES: ReadonlyMap<string, string> = new Map(Object.entries(CoreDriverGuid).map(([name, guid]) => [guid, name]));

const CURLY_GUID = /^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/;

/** `{d20ea372-...}` -> `{D20EA372-...}`; undefined when it is not a curly braced GUID. */
export function normalizeCoreDriverGuid(text: string): string | undefined {
  const upper = text.trim().toUpperCase();
  return CURLY_GUID.test(upper) ? upper : undefined;
}

/** `UNIDRV` for the Unidrv GUID, undefined for a GUID Windows does not ship. */
export function inboxCoreDriverName(guid: string): string | undefined {
  return NAMES.get(guid.toUpperCase());
}
