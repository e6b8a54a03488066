/**
 * Step 3: RpcOpenPrinterEx(`\\SERVER\printer`, PRINTER_ACCESS_USE) with the client's
 * SPLCLIENT_INFO_1 ([MS-RPRN] 2.2.1.2.7), then the printer's PRINTER_INFO. ClosePrinter runs
 * when the flow ends, before the connection closes.
 */
import { ProcessorArchitecture } from '../../point-and-print/constants';
import { AccessMask } from '../../spoolss/constants';
import type { PrinterHandle, PrinterInfo, SplClientInfo1 } from '../../spoolss/types';
import type { PrintServerConnection } from '../print-server-connection';
import type { ConnectionFlow } from './flow-context';
import type { PrinterTarget } from './parse-printer-name';

const ARCHITECTURE_OF: Readonly<Record<string, number>> = {
  x64: ProcessorArchitecture.PROCESSOR_ARCHITECTURE_AMD64,
  W32X86: ProcessorArchitecture.PROCESSOR_ARCHITECTURE_INTEL,
  ARM64: ProcessorArchitecture.PROCESSOR_ARCHITECTURE_ARM64,
  IA64: ProcessorArchitecture.PROCESSOR_ARCHITECTURE_IA64,
};

export interface OpenedPrinter {
  readonly handle: PrinterHandle;
  /** What the client told the server about itself. */
  readonly clientInfo: SplClientInfo1;
  readonly info: PrinterInfo;
}

export async function openPrinter(
  flow: ConnectionFlow,
  connection: PrintServerConnection,
  target: PrinterTarget,
): Promise<OpenedPrinter> {
  flow.step(3, `OpenPrinterEx(${target.printerUnc})`);
  const machine = flow.clientMachineName;
  const clientInfo: SplClientInfo1 = {
    size: 28,
    machineName: `\\\\${machine}`,
    userName: flow.options.credentials?.userName ?? 'Guest',
    buildNum: 26100,
    majorVersion: 10,
    minorVersion: 0,
    processorArchitecture: ARCHITECTURE_OF[target.arch] ?? 0,
  };
  flow.emit({
    kind: 'call',
    name: 'OpenPrinterEx',
    detail: `${target.printerUnc}, PRINTER_ACCESS_USE, SPLCLIENT_INFO_1`,
  });
  const provider = connection.provider;
  const handle = await provider.openPrinter(
    target.printerUnc,
    { desiredAccess: AccessMask.PRINTER_ACCESS_USE, clientInfo },
    { userName: clientInfo.userName ?? '', groups: [], isAdministrator: false, remote: true, machineName: machine },
  );
  flow.onExit(async () => {
    flow.emit({ kind: 'call', name: 'ClosePrinter', detail: target.printerUnc });
    await provider
      .closePrinter(handle)
      .catch((err: unknown) => flow.logger.warn('ClosePrinter failed', { err: String(err) }));
  });
  const info = await provider.getPrinter(handle);
  return { handle, clientInfo, info };
}
