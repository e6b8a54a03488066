/**
 * The registry symbolic link Windows has over the printers' keys: since Windows 2000,
 * `HKLM\SYSTEM\CurrentControlSet\Control\Print\Printers` is a link (a key holding only a REG_LINK
 * value `SymbolicLinkValue`, [MS-RRP] 3.1.1.3) to
 * `HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers`, so a client reading either
 * path reads the same keys (smbtorture's printer and printer data tests read both).
 *
 * The spooler keeps its printers under the Control path (lib/registry/print-keys.ts); here both
 * names resolve to that key, and opening the Control path with REG_OPTION_OPEN_LINK
 * ([MS-RRP] 3.1.5.15 dwOptions) gives the link key itself, as on Windows.
 *
 * REG_LINK data is the target's NT path in UTF-16LE without a terminating NUL (what
 * ZwSetValueKey stores for a link; RegQueryValueEx returns it as is).
 */
import { RegType } from '../../common/reg-value';
import { PRINTERS_KEY, RegistryKey, splitKeyPath } from '../../registry/registry-key';

/** [MS-RRP] 2.2.8 (REG_OPTION_OPEN_LINK in BaseRegOpenKey's dwOptions). */
export const REG_OPTION_OPEN_LINK = 0x00000008;

export const SYMBOLIC_LINK_VALUE = 'SymbolicLinkValue';

/** The link's target as a client names it. */
export const SOFTWARE_PRINTERS_KEY =
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Print\\Printers';
const LINK_TARGET_NT_PATH = '\\Registry\\Machine\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Print\\Printers';

const fold = (parts: readonly string[]): string => parts.join('\\').toUpperCase();

/** Whether `path` starts with the key `prefix`; the rest of its components if it does. */
function below(path: string, prefix: string): string[] | undefined {
  const parts = splitKeyPath(path);
  const head = splitKeyPath(prefix);
  if (parts.length < head.length || fold(parts.slice(0, head.length)) !== fold(head)) return undefined;
  return parts.slice(head.length);
}

/** The path where the spooler's registry holds the key a client names `path`. */
export function resolveLinks(path: string): string {
  const rest = below(path, SOFTWARE_PRINTERS_KEY);
  return rest === undefined ? path : [PRINTERS_KEY, ...rest].join('\\');
}

/** Whether opening `path` with REG_OPTION_OPEN_LINK opens a link rather than its target. */
export function isLinkKey(path: string): boolean {
  return below(path, PRINTERS_KEY)?.length === 0;
}

/** The link key as Windows shows it when opened with REG_OPTION_OPEN_LINK. */
export function linkKey(): RegistryKey {
  const key = new RegistryKey('Printers');
  key.setValue({
    name: SYMBOLIC_LINK_VALUE,
    type: RegType.REG_LINK,
    value: Buffer.from(LINK_TARGET_NT_PATH, 'utf16le'),
  });
  return key;
}
