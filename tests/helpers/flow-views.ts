/**
 * Views of an AddPrinterConnection event list that do not depend on the transport: the seed's
 * sequence (module calls, synthetic values, downloads, driver events) and the spooler calls.
 */
import type { ClientFlowEvent } from '../../lib/client/flow-events';
import { copyFileEventName, copyFileFlagName, printerEventName } from '../../lib/point-and-print/constants';
import type { SpoolerTraceEvent } from '../../lib/point-and-print/spooler-trace';

export function seedView(events: readonly (ClientFlowEvent | SpoolerTraceEvent)[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    switch (e.kind) {
      case 'GenerateCopyFilePaths':
        out.push(
          `${e.side}: GenerateCopyFilePaths("${e.input.printerName}", "${e.input.directory}", ${e.input.level}, ` +
            `${e.input.sourceDir}, "${e.input.targetDir}", ${copyFileFlagName(e.input.flags)}) = ${e.status}`,
        );
        break;
      case 'copyfiles-paths':
        out.push(`server returns ${e.key}: SourceDir=${e.sourceDir} TargetDir=${e.targetDir}`);
        break;
      case 'download':
        out.push(`download ${e.what} ${e.source} -> ${e.target} (${e.size} bytes)`);
        break;
      case 'eventlog':
        out.push(`event ${e.entry.eventId ?? '-'}: ${e.entry.message}`);
        break;
      case 'SpoolerCopyFileEvent':
        out.push(`${e.side}: SpoolerCopyFileEvent("${e.printerName}", "${e.key}", ${copyFileEventName(e.event)})`);
        break;
      case 'DrvPrinterEvent':
        out.push(`DrvPrinterEvent("${e.printerName}", ${printerEventName(e.event)})`);
        break;
      case 'step':
        out.push(`step ${e.step}`);
        break;
      case 'call':
        out.push(`call ${e.name} ${e.detail}`);
        break;
      case 'transport':
        // How the calls travel differs between connectors, not what they do.
        break;
      case 'policy':
        out.push(`policy ${e.subject}: ${e.allowed}`);
        break;
      case 'warning':
        out.push(`warning ${e.message}`);
        break;
      case 'state':
        out.push(`state ${e.action} ${e.name}`);
        break;
      case 'package':
        out.push(`package ${e.stage}: ${e.detail}`);
        break;
    }
  }
  return out;
}
