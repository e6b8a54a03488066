/**
 * Printers' and the print server's security, kept where Windows keeps it: a printer's `Security`
 * value (its self-relative SECURITY_DESCRIPTOR, [MS-DTYP] 2.4.6) and the server's
 * `ServerSecurityDescriptor` under `...\Control\Print`. The registry is the one place: its bytes
 * are what GetPrinter levels 2/3 return and what a restart reads, and the access checks evaluate
 * them (descriptor-access.ts). A printer without a value has Windows' default descriptor; a
 * value that does not decode (a hand-edited .reg) is logged and read as the default.
 */
import { RegType, type RegValue } from '../../common/reg-value';
import { MalformedPacketError, Win32Error } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { decodeSecurityDescriptor, type SecurityDescriptor } from '../../common/security-descriptor';
import { Win32ErrorCode } from '../../common/status/win32-error';
import { PRINT_KEY, type Registry } from '../../registry/registry-key';
import type { CallerContext } from '../../spoolss/types';
import type { PrinterTable } from '../printers/printer-table';
import { descriptorRights } from './descriptor-access';
import { mergeSecurityDescriptor } from './descriptor-merge';
import { DEFAULT_PRINTER_ACL, type PrinterAcl, type SecuredObjectKind } from './printer-security';
import {
  encodePrinterSecurityDescriptor,
  encodeServerSecurityDescriptor,
  printerAclFromSecurityDescriptor,
  type SidResolver,
} from './printer-security-descriptor';

export const SECURITY_VALUE = 'Security';
export const SERVER_SECURITY_VALUE = 'ServerSecurityDescriptor';

export interface PrinterSecurityStoreOptions {
  readonly registry: Registry;
  readonly printers: PrinterTable;
  /** The server's one resolver: the SIDs its descriptors were written with. */
  readonly sids: SidResolver;
  readonly logger: Logger;
}

/** A printer's `Security` value. */
export function securityValue(descriptor: Buffer): RegValue {
  return { name: SECURITY_VALUE, type: RegType.REG_BINARY, value: descriptor };
}

/**
 * A client's descriptor, checked before it is stored: ERROR_INVALID_SECURITY_DESCR if it is not
 * a self-relative descriptor whose parts lie within it.
 */
export function parseClientDescriptor(bytes: Buffer): SecurityDescriptor {
  try {
    return decodeSecurityDescriptor(bytes);
  } catch (err) {
    if (err instanceof MalformedPacketError)
      throw new Win32Error(Win32ErrorCode.ERROR_INVALID_SECURITY_DESCR, err.message);
    throw err;
  }
}

export class PrinterSecurityStore {
  private readonly decoded = new WeakMap<Buffer, SecurityDescriptor>();
  private defaults: { printer: Buffer; server: Buffer } | undefined;

  constructor(private readonly o: PrinterSecurityStoreOptions) {}

  /** The printer's descriptor, as stored (or Windows' default). */
  descriptor(printerName: string): Buffer {
    const v = this.o.printers.find(printerName)?.getValue(SECURITY_VALUE);
    return v && Buffer.isBuffer(v.value) ? v.value : this.defaultDescriptors().printer;
  }

  /** The print server's descriptor (GetPrinter level 3 on a server handle). */
  serverDescriptor(): Buffer {
    const v = this.o.registry.getKey(PRINT_KEY)?.getValue(SERVER_SECURITY_VALUE);
    return v && Buffer.isBuffer(v.value) ? v.value : this.defaultDescriptors().server;
  }

  /**
   * SetPrinter level 3 on a server handle: the parts the client's descriptor has over the stored
   * ones (descriptor-merge.ts).
   */
  setServerDescriptor(bytes: Buffer): void {
    const merged = this.merged(bytes, this.serverDescriptor(), this.defaultDescriptors().server);
    this.o.registry
      .createKey(PRINT_KEY)
      .setValue({ name: SERVER_SECURITY_VALUE, type: RegType.REG_BINARY, value: merged });
  }

  /**
   * The `Security` value a printer keeps after SetPrinter (level 2 or 3) sent `bytes`: the client's
   * parts over the stored descriptor's; ERROR_INVALID_SECURITY_DESCR if `bytes` does not decode.
   */
  printerDescriptorAfterSet(printerName: string, bytes: Buffer): Buffer {
    return this.merged(bytes, this.descriptor(printerName), this.defaultDescriptors().printer);
  }

  private merged(client: Buffer, stored: Buffer, fallback: Buffer): Buffer {
    parseClientDescriptor(client);
    return mergeSecurityDescriptor(client, this.readable(stored, fallback));
  }

  /** The most a caller may hold on a printer handle. */
  printerRights(printerName: string, caller: CallerContext): number {
    return this.rights('printer', this.descriptor(printerName), caller);
  }

  /** The most a caller may do to a job of `owner` on the printer. */
  jobRights(printerName: string, caller: CallerContext, owner: string): number {
    return this.rights('job', this.descriptor(printerName), caller, owner);
  }

  /** The most a caller may hold on the print server. */
  serverRights(caller: CallerContext): number {
    return this.rights('server', this.serverDescriptor(), caller);
  }

  /**
   * The printer's descriptor as the Security tab shows it (Print, Manage Documents, Manage
   * Printer per trustee): a reading for people, never what access is checked against.
   */
  get(printerName: string): PrinterAcl {
    const v = this.o.printers.find(printerName)?.getValue(SECURITY_VALUE);
    if (!v || !Buffer.isBuffer(v.value)) return DEFAULT_PRINTER_ACL;
    return printerAclFromSecurityDescriptor(this.decode(v.value, this.defaultDescriptors().printer), this.o.sids);
  }

  private rights(kind: SecuredObjectKind, bytes: Buffer, caller: CallerContext, owner?: string): number {
    const fallback = kind === 'server' ? this.defaultDescriptors().server : this.defaultDescriptors().printer;
    return descriptorRights(kind, this.decode(bytes, fallback), caller, this.o.sids, owner);
  }

  private decode(bytes: Buffer, fallback: Buffer): SecurityDescriptor {
    const known = this.decoded.get(bytes);
    if (known) return known;
    const sd = decodeSecurityDescriptor(this.readable(bytes, fallback));
    this.decoded.set(bytes, sd);
    return sd;
  }

  /** `bytes`, or `fallback` if they do not decode (a hand-edited .reg; logged). */
  private readable(bytes: Buffer, fallback: Buffer): Buffer {
    try {
      decodeSecurityDescriptor(bytes);
      return bytes;
    } catch (err) {
      if (!(err instanceof MalformedPacketError)) throw err;
      this.o.logger.warn('a stored security descriptor does not decode; read as the default', { error: err.message });
      return fallback;
    }
  }

  private defaultDescriptors(): { printer: Buffer; server: Buffer } {
    this.defaults ??= {
      printer: encodePrinterSecurityDescriptor(DEFAULT_PRINTER_ACL, this.o.sids),
      server: encodeServerSecurityDescriptor(this.o.sids),
    };
    return this.defaults;
  }
}
