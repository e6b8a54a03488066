/**
 * The operation table: one file per MS-RPRN opnum.
 */
import type { RprnOperation } from '../rprn-call';
import { rpcClosePrinter } from './close-printer';
import { rpcEnumPrinterDataEx } from './enum-printer-data-ex';
import { rpcEnumPrinterKey } from './enum-printer-key';
import { rpcEnumPrinters } from './enum-printers';
import { rpcGetPrinter } from './get-printer';
import { rpcGetPrinterDataEx } from './get-printer-data-ex';
import { rpcGetPrinterDriver2 } from './get-printer-driver2';
import { rpcGetPrinterDriverDirectory } from './get-printer-driver-directory';
import { rpcOpenPrinter } from './open-printer';
import { rpcOpenPrinterEx } from './open-printer-ex';

const ALL: readonly RprnOperation[] = [
  rpcEnumPrinters,
  rpcOpenPrinter,
  rpcGetPrinter,
  rpcGetPrinterDriverDirectory,
  rpcClosePrinter,
  rpcGetPrinterDriver2,
  rpcOpenPrinterEx,
  rpcGetPrinterDataEx,
  rpcEnumPrinterDataEx,
  rpcEnumPrinterKey,
];

export const RPRN_OPERATIONS: ReadonlyMap<number, RprnOperation> = new Map(ALL.map((op) => [op.opnum, op]));
