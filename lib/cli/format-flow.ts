/**
 * Human lines for the AddPrinterConnection events, naming every constant (COPYFILE_FLAG_*,
 * COPYFILE_EVENT_*, PRINTER_EVENT_*) as the seed document does.
 */
import { win32ErrorName } from '../common/status/win32-error';
import { copyFileEventName, copyFileFlagName, printerEventName } from '../point-and-print/constants';
import type { ClientFlowEvent } from '../client/flow-events';

const q = (s: string): string => `"${s}"`;

/** One line for an event, or undefined for events the numbered sequence does not show (steps). */
export function formatFlowEvent(e: ClientFlowEvent): string | undefined {
  switch (e.kind) {
    case 'step':
      return undefined;
    case 'call':
      return `${e.name}(${e.detail})`;
    case 'transport':
      return `calls: ${e.rpc}; files: ${e.files}`;
    case 'copyfiles-paths':
      return e.derived
        ? `[client] the server sent no SourceDir/TargetDir for ${e.key}: derived as a Windows server would, SourceDir = ${e.sourceDir}, TargetDir = ${q(e.targetDir)}`
        : `[server] returns ${e.key}: SourceDir = ${e.sourceDir}, TargetDir = ${q(e.targetDir)} (not in its registry)`;
    case 'GenerateCopyFilePaths': {
      const i = e.input;
      const rewritten =
        e.sourceDir !== i.sourceDir || e.targetDir !== i.targetDir
          ? ` -> SourceDir ${e.sourceDir}, TargetDir ${q(e.targetDir)}`
          : '';
      return (
        `[${e.side}] ${e.module ?? '(no module)'} GenerateCopyFilePaths(${q(i.printerName)}, ${q(i.directory)}, &SplclientInfo1, ${i.level}, ` +
        `${i.sourceDir}, &dwSourceDirSize=${i.sourceDirSize}, ${q(i.targetDir)}, &dwDestDirSize=${i.targetDirSize}, ${copyFileFlagName(i.flags)}) = ` +
        `${win32ErrorName(e.status)}${rewritten}`
      );
    }
    case 'SpoolerCopyFileEvent':
      return `[${e.side}] ${e.module} SpoolerCopyFileEvent(${q(e.printerName)}, ${q(e.key)}, ${copyFileEventName(e.event)}) = ${e.result ? 'TRUE' : 'FALSE'}`;
    case 'download':
      return `download ${e.source} -> ${e.target} (${e.size} bytes${e.what === 'driver' ? ', driver file' : e.what === 'package' ? ', driver package' : ''})`;
    case 'package':
      return `package ${e.stage}: ${e.detail}`;
    case 'eventlog':
      return `event log ${e.entry.channel}${e.entry.eventId !== undefined ? ` event ${e.entry.eventId}` : ' (no documented event ID)'}: ${e.entry.message}`;
    case 'DrvPrinterEvent':
      return `DrvPrinterEvent(${q(e.printerName)}, ${printerEventName(e.event)}, ${e.flags}) = ${e.result ? 'TRUE' : 'FALSE'}`;
    case 'policy':
      return `policy: ${e.subject} ${e.allowed ? 'allowed' : 'SKIPPED'} (${e.reason})`;
    case 'warning':
      return `warning: ${e.message}`;
    case 'state':
      return `${e.action === 'connection-recorded' ? 'connection recorded' : 'connection removed'}: ${e.name} in ${e.file}`;
  }
}

/** A numbered listing: `Step n  title` headings, numbered lines below them. */
export class FlowPrinter {
  private n = 0;
  constructor(private readonly write: (s: string) => void) {}

  /** The connection's transport, shown on every step heading once known. */
  private via: string | undefined;

  print(e: ClientFlowEvent): void {
    if (e.kind === 'step') {
      this.write(`\nStep ${e.step}  ${e.title}${this.via !== undefined ? `  [${this.via}]` : ''}\n`);
      return;
    }
    if (e.kind === 'transport') this.via = e.label;
    const line = formatFlowEvent(e);
    if (line !== undefined) this.write(`  ${String(++this.n).padStart(3)}. ${line}\n`);
  }
}
