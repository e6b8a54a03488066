/**
 * The manager's side of SNMPv1/v2c (RFC 3413 3.1, command generator), for the Standard TCP/IP
 * port monitor: GetRequest and GetNextRequest to one agent over UDP, each retried on timeout
 * with the same request-id (a late answer to an earlier attempt still counts), matched on
 * request-id, source address, version and community. Values come back typed (snmp-value.ts);
 * a non-zero error-status becomes SnmpErrorStatusError, silence SnmpTimeoutError.
 */
import dgram from 'node:dgram';
import { randomInt } from 'node:crypto';
import { isIP } from 'node:net';
import { InvalidStateError, MalformedPacketError } from '../../common/errors';
import { createSilentLogger, type Logger } from '../../common/logger';
import { formatOid, oidEquals, type Oid } from './oid';
import { ErrorStatus, SNMP_PORT, SnmpVersion } from './snmp-constants';
import { SnmpErrorStatusError, SnmpTimeoutError } from './snmp-errors';
import { decodeSnmpMessage, encodeSnmpMessage, type BasicPduType, type SnmpMessage } from './snmp-message';
import { SNMP_NULL, type VarBind } from './snmp-value';

export interface SnmpManagerOptions {
  readonly host: string;
  readonly port?: number;
  readonly community?: string;
  readonly version?: 'v1' | 'v2c';
  /** Per attempt (default 1000 ms). */
  readonly timeoutMs?: number;
  /** Attempts after the first (default 2). */
  readonly retries?: number;
  readonly logger?: Logger;
}

interface Pending {
  readonly resolve: (m: SnmpMessage) => void;
  readonly reject: (e: Error) => void;
}

const MAX_REQUEST_ID = 0x7fffffff;

export class SnmpManager {
  private readonly host: string;
  private readonly port: number;
  private readonly community: Buffer;
  private readonly version: SnmpVersion;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly logger: Logger;
  private readonly pending = new Map<number, Pending>();
  private nextRequestId = randomInt(1, MAX_REQUEST_ID);
  private opening: Promise<dgram.Socket> | undefined;
  private closed = false;

  constructor(options: SnmpManagerOptions) {
    this.host = options.host;
    this.port = options.port ?? SNMP_PORT;
    this.community = Buffer.from(options.community ?? 'public', 'utf8');
    this.version = options.version === 'v1' ? SnmpVersion.SNMP_V1 : SnmpVersion.SNMP_V2C;
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.retries = Math.max(0, options.retries ?? 2);
    this.logger = options.logger ?? createSilentLogger();
  }

  get target(): string {
    return `${this.host}:${this.port}`;
  }

  /** GetRequest: one value (or v2c exception) per OID, in order. */
  async get(oids: readonly Oid[]): Promise<VarBind[]> {
    const varBinds = await this.request('GetRequest', oids);
    varBinds.forEach((vb, i) => {
      if (!oidEquals(vb.oid, oids[i] as Oid))
        throw new MalformedPacketError(`response names ${formatOid(vb.oid)}, asked ${formatOid(oids[i] as Oid)}`);
    });
    return varBinds;
  }

  /** GetNextRequest: the successor of each OID (or endOfMibView in v2c). */
  async getNext(oids: readonly Oid[]): Promise<VarBind[]> {
    return this.request('GetNextRequest', oids);
  }

  close(): void {
    this.closed = true;
    for (const p of this.pending.values()) p.reject(new InvalidStateError('SNMP manager closed'));
    this.pending.clear();
    const opening = this.opening;
    this.opening = undefined;
    void opening?.then((socket) => socket.close());
  }

  private async request(type: BasicPduType, oids: readonly Oid[]): Promise<VarBind[]> {
    if (this.closed) throw new InvalidStateError('SNMP manager closed');
    const requestId = this.nextRequestId;
    this.nextRequestId = this.nextRequestId === MAX_REQUEST_ID ? 1 : this.nextRequestId + 1;
    const datagram = encodeSnmpMessage({
      version: this.version,
      community: this.community,
      pdu: { type, requestId, errorStatus: 0, errorIndex: 0, varBinds: oids.map((oid) => ({ oid, value: SNMP_NULL })) },
    });
    const socket = await this.open();
    if (this.closed) throw new InvalidStateError('SNMP manager closed');
    const response = await new Promise<SnmpMessage>((resolve, reject) => {
      let attempt = 0;
      let timer: NodeJS.Timeout | undefined;
      const finish = (): void => {
        clearTimeout(timer);
        this.pending.delete(requestId);
      };
      const send = (): void => {
        if (attempt > this.retries) {
          finish();
          reject(new SnmpTimeoutError(this.target, attempt));
          return;
        }
        attempt++;
        socket.send(datagram, this.port, this.host, (err) => {
          if (err) this.logger.debug('SNMP send failed', { target: this.target, error: err.message });
        });
        timer = setTimeout(send, this.timeoutMs);
      };
      this.pending.set(requestId, {
        resolve: (m) => {
          finish();
          resolve(m);
        },
        reject: (e) => {
          finish();
          reject(e);
        },
      });
      send();
    });
    const pdu = response.pdu;
    if (pdu.type !== 'Response') throw new MalformedPacketError(`expected a Response, got ${pdu.type}`);
    if (pdu.errorStatus !== ErrorStatus.noError) throw new SnmpErrorStatusError(pdu.errorStatus, pdu.errorIndex);
    if (pdu.varBinds.length !== oids.length) {
      throw new MalformedPacketError(`response has ${pdu.varBinds.length} variable bindings, asked ${oids.length}`);
    }
    return [...pdu.varBinds];
  }

  /** One socket per manager, opened on first use (concurrent first requests share it). */
  private open(): Promise<dgram.Socket> {
    this.opening ??= new Promise<dgram.Socket>((resolve) => {
      const socket = dgram.createSocket(this.host.includes(':') ? 'udp6' : 'udp4');
      socket.on('message', (msg, rinfo) => this.receive(msg, rinfo));
      socket.on('error', (err) => this.logger.debug('SNMP manager socket error', { error: err.message }));
      socket.bind(0, () => {
        // Unref'd: a manager left open must not keep a process alive; pending requests hold timers.
        socket.unref();
        resolve(socket);
      });
    });
    return this.opening;
  }

  private receive(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    if (rinfo.port !== this.port || (isIP(this.host) !== 0 && rinfo.address !== this.host)) return;
    let message: SnmpMessage;
    try {
      message = decodeSnmpMessage(msg);
    } catch (err) {
      this.logger.debug('SNMP response dropped', { target: this.target, error: (err as Error).message });
      return;
    }
    if (message.version !== this.version || !message.community.equals(this.community)) return;
    this.pending.get(message.pdu.requestId)?.resolve(message);
  }
}
