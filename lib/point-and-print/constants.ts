/**
 * Point-and-Print constants with their Windows values — winsplp.h (COPYFILE_*),
 * winddiui.h (PRINTER_EVENT_*), and the post-2021 policy values.
 */
import { reverseLookup } from '../common/constants';

export const CopyFileFlag = {
  COPYFILE_FLAG_CLIENT_SPOOLER: 0x00000001,
  COPYFILE_FLAG_SERVER_SPOOLER: 0x00000002,
} as const;
export type CopyFileFlag = (typeof CopyFileFlag)[keyof typeof CopyFileFlag];
export const copyFileFlagName = reverseLookup(CopyFileFlag);

export const CopyFileEvent = {
  COPYFILE_EVENT_SET_PRINTER_DATAEX: 1,
  COPYFILE_EVENT_DELETE_PRINTER: 2,
  COPYFILE_EVENT_ADD_PRINTER_CONNECTION: 3,
  COPYFILE_EVENT_DELETE_PRINTER_CONNECTION: 4,
  COPYFILE_EVENT_FILES_CHANGED: 5,
} as const;
export type CopyFileEvent = (typeof CopyFileEvent)[keyof typeof CopyFileEvent];
export const copyFileEventName = reverseLookup(CopyFileEvent);

export const PrinterEvent = {
  PRINTER_EVENT_CONFIGURATION_CHANGE: 0,
  PRINTER_EVENT_ADD_CONNECTION: 1,
  PRINTER_EVENT_DELETE_CONNECTION: 2,
  PRINTER_EVENT_INITIALIZE: 3,
  PRINTER_EVENT_DELETE: 4,
  PRINTER_EVENT_CACHE_REFRESH: 5,
  PRINTER_EVENT_CACHE_DELETE: 6,
  PRINTER_EVENT_ATTRIBUTES_CHANGED: 7,
  PRINTER_EVENT_CONFIGURATION_UPDATE: 8,
  PRINTER_EVENT_ADD_CONNECTION_NO_UI: 9,
  PRINTER_EVENT_DELETE_CONNECTION_NO_UI: 10,
} as const;
export type PrinterEvent = (typeof PrinterEvent)[keyof typeof PrinterEvent];
export const printerEventName = reverseLookup(PrinterEvent);

/** CopyFilesPolicy — "Manage processing of Queue-specific files" (HKLM\Software\Policies\Microsoft\Windows NT\Printers). */
export const CopyFilesPolicy = {
  /** No queue-specific files are processed. */
  NONE: 0,
  /** Only colour profiles: key CopyFiles\ICM, Directory COLOR, Module mscms.dll. The default, also when not configured. */
  COLOR_PROFILES_ONLY: 1,
  /** All CopyFiles keys are processed (the pre-2021 behaviour). */
  ALL: 2,
} as const;
export type CopyFilesPolicy = (typeof CopyFilesPolicy)[keyof typeof CopyFilesPolicy];

/** PROCESSOR_ARCHITECTURE_* for SPLCLIENT_INFO_1.wProcessorArchitecture. */
export const ProcessorArchitecture = {
  PROCESSOR_ARCHITECTURE_INTEL: 0,
  PROCESSOR_ARCHITECTURE_IA64: 6,
  PROCESSOR_ARCHITECTURE_AMD64: 9,
  PROCESSOR_ARCHITECTURE_ARM64: 12,
} as const;

/** The key under a printer that holds queue-specific file sets. */
export const COPY_FILES_KEY = 'CopyFiles';

/** Windows' buffer for the paths a module may rewrite: MAX_PATH characters including the NUL. */
export const MAX_PATH = 260;
