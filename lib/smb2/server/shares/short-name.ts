/**
 * 8.3 short names, as NTFS generates them on a volume with 8dot3 name creation on (the system
 * volume that holds spool\drivers) — [MS-FSCC] 2.1.5.2.1 (8.3 filename), [MS-FSA] 2.1.5.11.2.
 *
 * DEVIATION: NTFS numbers colliding names (~1, ~2, ... then hashed forms); we always use ~1, so
 * two long names with the same first six characters and extension share a short name.
 */
const VALID_83 = /^[A-Z0-9!#$%&'()\-@^_`{}~]{1,8}(\.[A-Z0-9!#$%&'()\-@^_`{}~]{1,3})?$/;

/** A name that already is a valid upper-case 8.3 name needs no separate short name. */
export function needsShortName(name: string): boolean {
  return name !== '.' && name !== '..' && !VALID_83.test(name);
}

/** The short name of `name`: itself upper-cased when it fits 8.3, else BASE~1.EXT. */
export function shortNameOf(name: string): string {
  if (name === '.' || name === '..') return name;
  const upper = name.toUpperCase();
  if (VALID_83.test(upper)) return upper;
  const clean = (s: string): string => s.replace(/[^A-Z0-9!#$%&'()\-@^_`{}~]/g, '');
  const dot = upper.lastIndexOf('.');
  const base = clean(dot > 0 ? upper.slice(0, dot) : upper) || 'FILE';
  const ext = dot > 0 ? clean(upper.slice(dot + 1)).slice(0, 3) : '';
  return `${base.slice(0, 6)}~1${ext ? `.${ext}` : ''}`;
}
