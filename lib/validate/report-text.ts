/**
 * Readable output in the style of Samba's and Windows' own tools: grouped by input, printer and
 * key, one finding per line (`ERROR   CF003 CopyFiles\ICM Files: "..\x.dll" leaves its directory`),
 * then the preview of what each client environment downloads and where it lands.
 */
import type { CopyFilesSeverity } from '../point-and-print/copy-files-key';
import type { Finding, KeyPreview, ValidationReport } from './validator';

const LABEL: Readonly<Record<CopyFilesSeverity, string>> = { error: 'ERROR  ', warning: 'WARNING', info: 'INFO   ' };

export function formatFinding(f: Finding): string {
  const subject = [f.key, f.valueName].filter((s) => s !== undefined).join(' ');
  const where = f.location ? `  [${f.location.file}:${f.location.line}]` : '';
  return `${LABEL[f.severity]} ${f.rule} ${subject ? `${subject}: ` : ''}${f.message}${where}`;
}

export function summarize(report: ValidationReport): { errors: number; warnings: number; infos: number } {
  const count = (s: CopyFilesSeverity): number => report.findings.filter((f) => f.severity === s).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info') };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function formatPreview(p: KeyPreview): string[] {
  const head = `    ${p.key}  ${p.environment}: ${p.downloads ? 'downloads' : 'skipped'} — ${p.reason}`;
  const lines = [head];
  for (const f of p.files) {
    const missing = f.inStore === false ? '   (missing from the store)' : '';
    lines.push(`      ${f.source} -> ${f.target}${missing}`);
  }
  return lines;
}

export function formatTextReport(report: ValidationReport): string {
  const out: string[] = [];
  out.push(`CopyFilesPolicy ${report.policy.copyFilesPolicy}; client environments: ${report.environments.join(', ')}`);
  for (const input of report.inputs) {
    out.push('', `${input.label} (${input.kind})`);
    const inputFindings = report.findings.filter((f) => f.input === input.label);
    for (const f of inputFindings.filter((x) => x.printer === undefined)) out.push(`  ${formatFinding(f)}`);
    for (const printer of input.printers) {
      const findings = inputFindings.filter((f) => f.printer === printer);
      const previews = report.previews.filter((p) => p.input === input.label && p.printer === printer);
      if (findings.length === 0 && previews.length === 0) continue;
      out.push(`  Printer ${printer}`);
      const keys = [...new Set([...findings.map((f) => f.key ?? ''), ...previews.map((p) => p.key)])];
      for (const key of keys) {
        const keyFindings = findings.filter((f) => (f.key ?? '') === key);
        if (keyFindings.length === 0) continue;
        out.push(`   ${key || '(printer)'}`);
        for (const f of keyFindings) out.push(`    ${formatFinding(f)}`);
      }
      if (previews.length > 0) {
        out.push('   Preview');
        for (const p of previews) out.push(...formatPreview(p));
      }
    }
  }
  const s = summarize(report);
  out.push('', `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'note')}`);
  return `${out.join('\n')}\n`;
}
