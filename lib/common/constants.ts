/**
 * Helpers for the `as const` constant tables: every protocol keeps its constants
 * under the specification's names, and logs show names rather than numbers.
 */
export function reverseLookup<T extends Record<string, number>>(table: T): (value: number) => string {
  const names = new Map<number, string>();
  for (const [name, value] of Object.entries(table)) {
    if (!names.has(value)) names.set(value, name);
  }
  return (value: number) => names.get(value) ?? `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}

/** Names of the bits set in `value`, for logging flag words. */
export function flagNames<T extends Record<string, number>>(table: T, value: number): string[] {
  const out: string[] = [];
  for (const [name, bit] of Object.entries(table)) {
    if (bit !== 0 && (value & bit) === bit) out.push(name);
  }
  return out;
}
