/**
 * `pointprint status [--json]`: the print server role's view of a running server — printers
 * and their queues, the devices behind their ports with toner and trays, usage per printer and
 * per user, and the recent events.
 */
import type { Command } from 'commander';
import { JobStatus } from '../../spoolss/constants';
import type { ServerStatus } from '../../spooler/print-server';
import { addControlOptions, control, type ControlOptions, type ControlDeps } from './control-channel';

interface StatusOptions extends ControlOptions {
  json?: boolean;
  events: number;
}

function jobStatusText(status: number): string {
  if (status === 0) return 'queued';
  return Object.entries(JobStatus)
    .filter(([, bit]) => (status & bit) !== 0)
    .map(([name]) => name.replace(/^JOB_STATUS_/, ''))
    .join('|');
}

export function formatStatus(s: ServerStatus): string {
  const lines: string[] = [`Print server ${s.serverName} at ${s.time}`];
  for (const p of s.printers) {
    const state =
      p.statusNames.length === 0 ? 'READY' : p.statusNames.map((n) => n.replace(/^PRINTER_STATUS_/, '')).join('|');
    lines.push('');
    lines.push(
      `${p.name}${p.shared ? ` (shared as ${p.shareName})` : ''}  ${state}  ${p.jobs.length} job(s)  ` +
        `${p.pool ? 'pool ' : ''}ports ${p.ports.join(',')}  hours ${p.availability}${p.available ? '' : ' (closed now)'}`,
    );
    for (const d of p.devices) {
      const where = d.address ? ` (${d.protocol ?? 'TCP'} ${d.address})` : '';
      const job = d.currentJob
        ? ` printing job ${d.currentJob.jobId} page ${d.currentJob.pagesPrinted}/${d.currentJob.pages}`
        : '';
      const supplies = [
        ...(d.tonerPercent !== undefined ? [`toner ${d.tonerPercent}%`] : []),
        ...(d.trays ?? []).map((t) => `${t.name} ${t.sheets}/${t.capacity} ${t.mediaName}`),
      ];
      const faults = d.faults.length > 0 ? ` faults: ${d.faults.join(',')}` : '';
      const source =
        d.source === 'snmp'
          ? ` [SNMP ${d.snmp?.address ?? ''}${d.snmp?.answering === false ? ', not answering' : ''}]`
          : d.source === 'none'
            ? ' [no status: SNMP off]'
            : '';
      lines.push(
        `  device ${d.port}${where}: ${d.state}${job}, ${d.ppm} ppm${supplies.map((x) => `, ${x}`).join('')}${faults}${source}`,
      );
    }
    for (const j of p.jobs) {
      lines.push(
        `  job ${j.jobId} pos ${j.position} ${j.documentName} (${j.userName}) ${jobStatusText(j.status)} ` +
          `prio ${j.priority} ${j.size} bytes ${j.pagesPrinted}/${j.totalPages} pages`,
      );
    }
  }
  const users = Object.entries(s.usage.users);
  if (users.length > 0) {
    lines.push('', 'Usage:');
    for (const [name, c] of Object.entries(s.usage.printers))
      lines.push(`  printer ${name}: ${c.jobs} jobs, ${c.pages} pages, ${c.bytes} bytes`);
    for (const [name, c] of users) lines.push(`  user ${name}: ${c.jobs} jobs, ${c.pages} pages, ${c.bytes} bytes`);
  }
  if (s.events.length > 0) {
    lines.push('', 'Recent events:');
    for (const e of s.events) lines.push(`  ${e.time} ${e.id} ${e.channel} ${e.message}`);
  }
  return `${lines.join('\n')}\n`;
}

export function registerStatusCommand(program: Command, deps: ControlDeps): void {
  addControlOptions(
    program
      .command('status')
      .description('printers, queues, devices, supplies and recent events of a running server')
      .option('--json', 'machine-readable output')
      .option('--events <n>', 'how many recent events', (v) => Number(v), 20),
  ).action(async (opts: StatusOptions) => {
    const status = (await control(opts, { op: 'status', args: { events: opts.events } }, deps)) as ServerStatus;
    deps.stdout(opts.json ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
  });
}
