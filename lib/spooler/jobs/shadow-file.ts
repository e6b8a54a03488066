/**
 * The .SHD shadow file's content: a job's metadata as JSON, one field per line, the fields that
 * decide recovery first (job id, printer, status, size), so that a file cut short still tells
 * which printer the job was for and whether it had been acknowledged (not SPOOLING). Windows'
 * own .SHD is an undocumented binary record (reference/spooler-anchors.md 1.13); ours is JSON.
 *
 * decodeShadow never throws: a shadow that cannot be read is `damaged`, with a reason that names
 * the damage and the fields that could still be read from its lines (salvaged).
 */
import { jsonDamage, type StateFileDamage } from '../../common/state-file';
import type { PrintJob } from './print-job';

export type ShadowRead =
  | { readonly kind: 'ok'; readonly job: PrintJob }
  | { readonly kind: 'damaged'; readonly reason: StateFileDamage; readonly salvaged: Partial<PrintJob> };

/** Recovery fields first (see the header), then the rest in PrintJob's order. */
const FIELD_ORDER = [
  'jobId',
  'printerName',
  'status',
  'size',
  'documentName',
  'userName',
  'machineName',
  'totalPages',
  'pagesPrinted',
  'priority',
  'datatype',
  'printProcessor',
  'driverName',
  'submitted',
] as const;

const STRING_FIELDS = new Set([
  'printerName',
  'documentName',
  'userName',
  'machineName',
  'datatype',
  'printProcessor',
  'driverName',
  'outputFile',
  'portName',
  'printedAt',
]);
const NUMBER_FIELDS = new Set(['jobId', 'status', 'size', 'totalPages', 'pagesPrinted', 'priority']);

export function encodeShadow(job: PrintJob): string {
  const record: Record<string, unknown> = {};
  for (const k of FIELD_ORDER) record[k] = job[k];
  record.submitted = job.submitted.toISOString();
  for (const [k, v] of Object.entries(job)) if (!(k in record) && v !== undefined) record[k] = v;
  return JSON.stringify(record, null, 2);
}

export function decodeShadow(text: string): ShadowRead {
  if (text.trim() === '') return { kind: 'damaged', reason: 'empty', salvaged: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'damaged', reason: jsonDamage(text), salvaged: salvageLines(text) };
  }
  const job = typeof raw === 'object' && raw !== null ? toJob(raw as Record<string, unknown>) : undefined;
  if (job === undefined) {
    const salvaged = typeof raw === 'object' && raw !== null ? pickFields(raw as Record<string, unknown>) : {};
    return { kind: 'damaged', reason: 'missing-fields', salvaged };
  }
  return { kind: 'ok', job };
}

function toJob(raw: Record<string, unknown>): PrintJob | undefined {
  if (typeof raw.jobId !== 'number' || typeof raw.printerName !== 'string' || typeof raw.status !== 'number')
    return undefined;
  const submitted = new Date(String(raw.submitted));
  if (Number.isNaN(submitted.getTime())) return undefined;
  return { ...(raw as unknown as PrintJob), submitted };
}

/** The fields of a parsed record that have the right type. */
function pickFields(raw: Record<string, unknown>): Partial<PrintJob> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if ((STRING_FIELDS.has(k) && typeof v === 'string') || (NUMBER_FIELDS.has(k) && typeof v === 'number')) out[k] = v;
    if (k === 'submitted' && typeof v === 'string' && !Number.isNaN(new Date(v).getTime())) out[k] = new Date(v);
  }
  return out;
}

/** Top-level `"name": value,` lines of a damaged file that still parse on their own. */
function salvageLines(text: string): Partial<PrintJob> {
  const found: Record<string, unknown> = {};
  // Bounded: a shadow file is a few hundred bytes; a huge damaged one is not read line by line.
  for (const line of text.slice(0, 64 * 1024).split('\n')) {
    const m = /^ {2}"(\w+)": ("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)(,?)$/.exec(line);
    if (m?.[1] === undefined || m[2] === undefined || m[1] in found) continue;
    // The last field has no comma: only trust a line that the file continued after.
    if (m[3] !== ',') continue;
    try {
      found[m[1]] = JSON.parse(m[2]) as unknown;
    } catch {
      // a string cut inside an escape: not salvaged
    }
  }
  return pickFields(found);
}
