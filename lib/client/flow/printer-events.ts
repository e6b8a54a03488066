/**
 * Step 7: the driver hears of the new connection — DrvPrinterEvent(PRINTER_EVENT_CACHE_REFRESH),
 * then DrvPrinterEvent(PRINTER_EVENT_ADD_CONNECTION) (winddiui.h), through the handler the client
 * is configured with (../driver-events.ts). A handler that throws counts as FALSE.
 */
import { PrinterEvent } from '../../point-and-print/constants';
import { acceptAllDriverEvents } from '../driver-events';
import { errorText, type ConnectionFlow } from './flow-context';
import type { PrinterTarget } from './parse-printer-name';

export async function raisePrinterEvents(flow: ConnectionFlow, target: PrinterTarget): Promise<void> {
  flow.step(7, 'DrvPrinterEvent');
  const handler = flow.options.driverEvents ?? acceptAllDriverEvents;
  for (const event of [PrinterEvent.PRINTER_EVENT_CACHE_REFRESH, PrinterEvent.PRINTER_EVENT_ADD_CONNECTION]) {
    let result: boolean;
    try {
      result = await handler(target.printerUnc, event, 0);
    } catch (err) {
      flow.warn(`DrvPrinterEvent(${event}) failed: ${errorText(err)}`);
      result = false;
    }
    flow.emit({ kind: 'DrvPrinterEvent', printerName: target.printerUnc, event, flags: 0, result });
  }
}
