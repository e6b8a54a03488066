/**
 * The system group of SNMPv2-MIB (RFC 3418 2, formerly MIB-II, RFC 1213): the scalars every
 * agent has. Instances are `<object>.0`.
 */
import type { Oid } from './oid';

export const SYSTEM: Oid = [1, 3, 6, 1, 2, 1, 1];

export const SystemObject = {
  sysDescr: [...SYSTEM, 1],
  sysObjectID: [...SYSTEM, 2],
  sysUpTime: [...SYSTEM, 3],
  sysContact: [...SYSTEM, 4],
  sysName: [...SYSTEM, 5],
  sysLocation: [...SYSTEM, 6],
  sysServices: [...SYSTEM, 7],
} as const satisfies Record<string, Oid>;

/** zeroDotZero (RFC 2578 2): "no identification", for a device that names no vendor OID. */
export const ZERO_DOT_ZERO: Oid = [0, 0];

/**
 * sysServices: the layers a node serves, sum of 2^(layer-1). A network printer serves
 * end-to-end (4: 8) and application (7: 64) services: 72.
 */
export const PRINTER_SYS_SERVICES = 72;
