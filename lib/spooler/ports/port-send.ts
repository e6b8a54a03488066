/** A job on its way through a port to the device behind it. */
import type { DeviceOutcome } from '../../devices/print-device';

export interface PortSend {
  /** Printed, or not (aborted, refused, dropped). */
  readonly done: Promise<DeviceOutcome>;
  abort(): void;
  /** Pages of this job the port has seen come out so far. */
  pagesPrinted(): number;
}
