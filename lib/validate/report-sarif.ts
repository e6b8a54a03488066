/**
 * `--sarif`: SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), so CI systems
 * annotate the findings. A finding from a .reg file points at the line of its key or value
 * (physicalLocation); every finding also names its registry key and value (logicalLocations).
 *
 *   { version: "2.1.0", $schema, runs: [{ tool: { driver: { name, rules[] } },
 *     results: [{ ruleId, ruleIndex, level, message: { text },
 *                 locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine } },
 *                               logicalLocations: [{ fullyQualifiedName }] }] }] }] }
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CopyFilesSeverity } from '../point-and-print/copy-files-key';
import { ALL_RULES } from './rules';
import type { Finding, ValidationReport } from './validator';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Readonly<Record<CopyFilesSeverity, 'error' | 'warning' | 'note'>> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

export interface SarifOptions {
  /** URIs are written relative to this directory (the repository root in CI). */
  readonly baseDir: string;
  readonly toolVersion?: string;
}

function artifactUri(file: string, baseDir: string): string {
  const rel = path.relative(baseDir, path.resolve(baseDir, file));
  if (rel.startsWith('..') || path.isAbsolute(rel)) return pathToFileURL(path.resolve(baseDir, file)).href;
  return rel.split(path.sep).join('/');
}

export function buildSarif(report: ValidationReport, options: SarifOptions): Record<string, unknown> {
  const ruleIds = Object.keys(ALL_RULES).sort();
  const rules = ruleIds.map((id) => {
    const r = ALL_RULES[id];
    return {
      id,
      shortDescription: { text: r?.summary ?? id },
      defaultConfiguration: { level: LEVEL[r?.severity ?? 'warning'] },
    };
  });
  const kinds = new Map(report.inputs.map((i) => [i.label, i.kind]));
  const results = report.findings.map((f: Finding) => {
    const logical = f.keyPath
      ? [{ fullyQualifiedName: f.valueName !== undefined ? `${f.keyPath}\\${f.valueName}` : f.keyPath }]
      : undefined;
    const file = f.location?.file ?? (kinds.get(f.input) === 'reg-file' ? f.input : undefined);
    const physicalLocation = file
      ? {
          artifactLocation: { uri: artifactUri(file, options.baseDir) },
          ...(f.location && { region: { startLine: f.location.line } }),
        }
      : undefined;
    const location = { ...(physicalLocation && { physicalLocation }), ...(logical && { logicalLocations: logical }) };
    const context = [f.printer && `printer ${f.printer}`, f.key, f.valueName].filter(Boolean).join(', ');
    return {
      ruleId: f.rule,
      ruleIndex: ruleIds.indexOf(f.rule),
      level: LEVEL[f.severity],
      message: { text: context ? `${f.message} (${context})` : f.message },
      ...(Object.keys(location).length > 0 && { locations: [location] }),
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pointprint validate',
            ...(options.toolVersion !== undefined && { version: options.toolVersion }),
            informationUri:
              'https://learn.microsoft.com/windows-hardware/drivers/print/installing-queue-specific-files',
            rules,
          },
        },
        results,
      },
    ],
  };
}

export function formatSarifReport(report: ValidationReport, options: SarifOptions): string {
  return `${JSON.stringify(buildSarif(report, options), null, 2)}\n`;
}
