/**
 * Plain-text tables for the terminal: right-aligned numbers, left-aligned text, a rule under the
 * header. The same rows go to the JSON file, so the table is only a view.
 */

export type Cell = string | number | undefined;

function show(cell: Cell): string {
  if (cell === undefined) return '-';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return '-';
    return Number.isInteger(cell) ? String(cell) : cell.toFixed(Math.abs(cell) >= 100 ? 0 : 2);
  }
  return cell;
}

export function formatTable(title: string, header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((r) => header.map((_, i) => show(r[i])));
  const numeric = header.map((_, i) => rows.every((r) => r[i] === undefined || typeof r[i] === 'number'));
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [title, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...text.map(line)].join('\n') + '\n';
}
