/**
 * What `pointprint validate` reports (lib/validate/validator.ts builds it; the text, JSON and
 * SARIF reporters read it): findings with their rule ids, and per key and client environment a
 * preview of what a client downloads and where.
 */
import type { Logger } from '../common/logger';
import type { CopyFilesSeverity } from '../point-and-print/copy-files-key';
import type { ModuleRegistry } from '../point-and-print/module-registry';
import type { PointAndPrintPolicy } from '../point-and-print/policy';
import type { SourceLocation } from './reg-file-locator';

export interface Finding {
  readonly rule: string;
  readonly severity: CopyFilesSeverity;
  readonly message: string;
  /** The input's label (file, folder, UNC). */
  readonly input: string;
  readonly printer?: string;
  /** Relative to the printer's key: `CopyFiles\ICM`. */
  readonly key?: string;
  /** The full registry path of the key. */
  readonly keyPath?: string;
  readonly valueName?: string;
  readonly environment?: string;
  readonly location?: SourceLocation;
}

export interface PreviewFile {
  readonly name: string;
  readonly source: string;
  readonly target: string;
  /** Whether the store has it; undefined without a store. */
  readonly inStore?: boolean;
}

export interface KeyPreview {
  readonly input: string;
  readonly printer: string;
  readonly key: string;
  readonly environment: string;
  /** Whether a client of this environment downloads the files. */
  readonly downloads: boolean;
  /** Why not, or the policy's reason when it does. */
  readonly reason: string;
  readonly sourceDir?: string;
  readonly targetDir?: string;
  readonly files: readonly PreviewFile[];
}

export interface ValidationReport {
  readonly inputs: readonly { readonly label: string; readonly kind: string; readonly printers: readonly string[] }[];
  readonly policy: PointAndPrintPolicy;
  readonly environments: readonly string[];
  readonly findings: readonly Finding[];
  readonly previews: readonly KeyPreview[];
}

export interface ValidateOptions {
  readonly modules: ModuleRegistry;
  readonly policy: PointAndPrintPolicy;
  readonly environments: readonly string[];
  readonly logger: Logger;
}

export const SEVERITY_RANK: Readonly<Record<CopyFilesSeverity, number>> = { info: 0, warning: 1, error: 2 };

/** A finding as a key's checks make it; the validator adds the input, printer and location. */
export type KeyFinding = Omit<Finding, 'input' | 'printer' | 'location'>;
