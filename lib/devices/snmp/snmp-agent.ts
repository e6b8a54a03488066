/**
 * A print device's SNMP agent: SNMPv1 and SNMPv2c over UDP (RFC 3417 3), read-only, one
 * community. It serves the system group, the printer's Host Resources rows and the Printer MIB
 * (printer-mib-view.ts) from a PrinterMibSource, read afresh for every request. The view is built
 * again only when that snapshot (or the alert table) changed: a poll walks the tables with one
 * GETNEXT per value, and building the whole view for each made the idle server allocate over
 * 1 MB/s, which keeps V8 from ever giving back its young generation (memory-reclaim.ts).
 *
 * As agents do, it answers nothing to a message it will not serve (RFC 3412 4.2, RFC 1157 4):
 * a wrong community (snmpInBadCommunityNames), SNMPv3 or an unknown version
 * (snmpInBadVersions), bytes that do not parse (snmpInASNParseErrs); the counters are kept.
 *
 * Why a codec of our own and not net-snmp from npm: the agent needs only the v1/v2c message,
 * five PDUs and ten value types (about 500 lines here), and the house rules want every decoder
 * of untrusted bytes on BufferReader with typed MalformedPacketError; net-snmp brings SNMPv3,
 * traps and its own MIB model and provider registry in plain JavaScript without type
 * declarations, and its decoding errors are untyped. The manager side (snmp-manager.ts) shares
 * this codec, so both ends are tested against Debian's net-snmp tools instead.
 */
import dgram from 'node:dgram';
import type { SpoolerClock } from '../../common/clock';
import { MalformedPacketError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { MibView } from './mib-view';
import { PrinterAlertTable, type PrinterAlertRow } from './printer-alert-table';
import type { PrinterMibSnapshot, PrinterMibSource } from './printer-mib-source';
import { buildPrinterMibView } from './printer-mib-view';
import { DEFAULT_MAX_MESSAGE_SIZE } from './snmp-constants';
import { UnsupportedSnmpVersionError } from './snmp-errors';
import { decodeSnmpMessage, encodeSnmpMessage } from './snmp-message';
import { respond } from './snmp-responder';
import { snmpTimeTicks } from './snmp-value';
import { SystemObject } from './system-mib';

/** sysUpTime.0, the one instance that moves while the printer stays the same. */
const SYS_UP_TIME_INSTANCE = [...SystemObject.sysUpTime, 0];

/** RFC 3417 3: every SNMP entity accepts messages of at least 484 octets. */
const MIN_MESSAGE_SIZE = 484;

export interface SnmpAgentOptions {
  readonly source: PrinterMibSource;
  /** The read community (the port's "Community Name", "public" by default on printers). */
  readonly community: string;
  /** hrDeviceIndex of the printer (the port's "SNMP Device Index"); 1 by default. */
  readonly deviceIndex?: number;
  readonly logger: Logger;
  /** sysUpTime counts from the agent's creation on this clock. */
  readonly clock?: Pick<SpoolerClock, 'now'>;
  readonly maxMessageSize?: number;
}

export interface SnmpAgentCounters {
  inPkts: number;
  outPkts: number;
  inBadVersions: number;
  inBadCommunityNames: number;
  inASNParseErrs: number;
  silentDrops: number;
}

export class SnmpAgent {
  readonly counters: SnmpAgentCounters = {
    inPkts: 0,
    outPkts: 0,
    inBadVersions: 0,
    inBadCommunityNames: 0,
    inASNParseErrs: 0,
    silentDrops: 0,
  };
  private readonly community: Buffer;
  private readonly deviceIndex: number;
  private readonly clock: Pick<SpoolerClock, 'now'>;
  private readonly started: number;
  private readonly maxMessageSize: number;
  private readonly alerts = new PrinterAlertTable();
  /** The last view built, and what it was built from. */
  private last: { readonly key: string; readonly view: MibView } | undefined;
  private socket: dgram.Socket | undefined;

  constructor(private readonly options: SnmpAgentOptions) {
    this.community = Buffer.from(options.community, 'utf8');
    this.deviceIndex = options.deviceIndex ?? 1;
    this.clock = options.clock ?? { now: () => Date.now() };
    this.started = this.clock.now();
    this.maxMessageSize = Math.max(MIN_MESSAGE_SIZE, options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE);
  }

  /** sysUpTime: hundredths of a second since the agent started, modulo 2^32. */
  get upTimeTicks(): number {
    return Math.floor(Math.max(0, this.clock.now() - this.started) / 10) % 0x100000000;
  }

  /** The response datagram for one request datagram, or undefined when none is sent. */
  handleDatagram(datagram: Buffer): Buffer | undefined {
    this.counters.inPkts++;
    let request;
    try {
      request = decodeSnmpMessage(datagram);
    } catch (err) {
      if (err instanceof UnsupportedSnmpVersionError) this.counters.inBadVersions++;
      else if (err instanceof MalformedPacketError) this.counters.inASNParseErrs++;
      else throw err;
      this.options.logger.debug('SNMP request dropped', { error: (err as Error).message });
      return undefined;
    }
    if (!request.community.equals(this.community)) {
      this.counters.inBadCommunityNames++;
      this.options.logger.debug('SNMP request with a wrong community dropped');
      return undefined;
    }
    const ticks = this.upTimeTicks;
    const snapshot = this.options.source.mibSnapshot();
    const view = this.viewOf(snapshot, this.alerts.update(snapshot.alerts, ticks), ticks);
    const response = respond(request, view, this.maxMessageSize);
    if (!response) {
      this.counters.silentDrops++;
      return undefined;
    }
    this.counters.outPkts++;
    return encodeSnmpMessage(response);
  }

  /** The MIB view for this request: the last one with sysUpTime brought up to date, unless the printer changed. */
  private viewOf(snapshot: PrinterMibSnapshot, alerts: readonly PrinterAlertRow[], ticks: number): MibView {
    const alertsAdded = this.alerts.alertsAdded;
    const key = JSON.stringify([snapshot, alerts, alertsAdded]);
    if (this.last?.key === key) return this.last.view.withValue(SYS_UP_TIME_INSTANCE, snmpTimeTicks(ticks));
    const view = buildPrinterMibView(snapshot, {
      deviceIndex: this.deviceIndex,
      upTimeTicks: ticks,
      alerts,
      alertsAdded,
    });
    this.last = { key, view };
    return view;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<{ host: string; port: number }> {
    const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    socket.on('error', (err) => this.options.logger.warn('SNMP agent socket error', { error: err.message }));
    socket.on('message', (msg, rinfo) => {
      const out = this.handleDatagram(msg);
      if (out) socket.send(out, rinfo.port, rinfo.address);
    });
    this.socket = socket;
    const addr = socket.address();
    this.options.logger.info('SNMP agent listening', { host: addr.address, port: addr.port });
    return { host: addr.address, port: addr.port };
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}
