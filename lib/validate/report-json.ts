/** `--json`: the whole report, with a summary, for scripts. Stable field names (format version 1). */
import { summarize } from './report-text';
import type { ValidationReport } from './validator';

export const VALIDATE_JSON_FORMAT = 'pointprint-validate/1';

export function formatJsonReport(report: ValidationReport): string {
  return `${JSON.stringify({ format: VALIDATE_JSON_FORMAT, summary: summarize(report), ...report }, null, 2)}\n`;
}
