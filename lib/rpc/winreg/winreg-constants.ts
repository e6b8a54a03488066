/**
 * [MS-RRP] constants: the interface (338cd001-2244-31f1-aaaa-900038001003 v1.0, 2.1), opnums
 * (3.1.5), and the key access rights (2.2.3, [MS-DTYP] 2.4.3).
 */
import type { SyntaxId } from '../constants';

export const MSRPC_UUID_WINREG: SyntaxId = { uuid: '338cd001-2244-31f1-aaaa-900038001003', major: 1, minor: 0 };

export const WinregOpnum = {
  OpenLocalMachine: 2,
  BaseRegCloseKey: 5,
  BaseRegCreateKey: 6,
  BaseRegDeleteKey: 7,
  BaseRegDeleteValue: 8,
  BaseRegEnumKey: 9,
  BaseRegEnumValue: 10,
  BaseRegOpenKey: 15,
  BaseRegQueryInfoKey: 16,
  BaseRegQueryValue: 17,
  BaseRegSetValue: 22,
  BaseRegGetVersion: 26,
} as const;

export const KeyAccess = {
  KEY_QUERY_VALUE: 0x00000001,
  KEY_SET_VALUE: 0x00000002,
  KEY_CREATE_SUB_KEY: 0x00000004,
  KEY_ENUMERATE_SUB_KEYS: 0x00000008,
  KEY_NOTIFY: 0x00000010,
  KEY_CREATE_LINK: 0x00000020,
  KEY_WOW64_64KEY: 0x00000100,
  KEY_WOW64_32KEY: 0x00000200,
} as const;

/** Everything but changing keys and values: KEY_READ, the WOW64 view flags, GENERIC_READ/EXECUTE. */
export const KEY_READ_RIGHTS =
  KeyAccess.KEY_QUERY_VALUE |
  KeyAccess.KEY_ENUMERATE_SUB_KEYS |
  KeyAccess.KEY_NOTIFY |
  KeyAccess.KEY_WOW64_64KEY |
  KeyAccess.KEY_WOW64_32KEY |
  0x00020000 | // READ_CONTROL
  0x00100000 | // SYNCHRONIZE
  0x80000000 | // GENERIC_READ
  0x20000000; // GENERIC_EXECUTE
export const KEY_WRITE_RIGHTS = KeyAccess.KEY_SET_VALUE | KeyAccess.KEY_CREATE_SUB_KEY | KeyAccess.KEY_CREATE_LINK;

/** [MS-RRP] 3.1.5.26 BaseRegGetVersion: what Windows servers return. */
export const RRP_VERSION = 6;

/** Longest key name ([MS-RRP] 3.1.1.2: 255 characters) and value name (16383). */
export const MAX_KEY_NAME_CHARS = 255;
export const MAX_VALUE_NAME_CHARS = 16383;
