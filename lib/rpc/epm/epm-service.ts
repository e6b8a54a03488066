/**
 * The endpoint mapper's answers — [MS-RPCE] 2.2.1.2 and C706 appendix O, from a registration
 * table; no I/O. One EpmSession per connection: it keeps the lookup handles of that connection.
 *
 * ept_map: floors 1-2 of the map tower name the interface (UUID and major version) and the
 * transfer syntax (NDR 2.0 only), floors 3-4 the protocol sequence; every registration that
 * matches, for the object UUID asked (registrations without one match any), gives a tower that
 * points at this server: the address the client reached for ncacn_ip_tcp, the server's NetBIOS
 * name for ncacn_np. A NULL or unreadable tower, max_towers 0 or no match: EPT_S_NOT_REGISTERED
 * (Samba's _epm_Map). ept_lookup: the inquiry types and version options of 2.2.1.2.4.
 * Results beyond max_towers/max_ents are kept behind a context handle (entry_handle) for the next
 * call, as Windows does; the last batch comes with a zeroed handle and status 0, which is what
 * impacket's hept_lookup loops on. At most `maxHandles` such handles live per connection.
 */
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { MalformedPacketError, RpcFaultError } from '../../common/errors';
import { CONTEXT_HANDLE_LENGTH } from '../ndr/ndr-reader';
import { FaultStatus, NDR20_SYNTAX, type SyntaxId } from '../constants';
import { sameSyntax } from '../pdu/syntax-id';
import { EpmOpnum, EptStatus, RpcEpInquiry, RpcVersOption } from './epm-constants';
import {
  type EptLookupRequest,
  type EptLookupResponse,
  type EptEntry,
  decodeEptLookupHandleFreeRequest,
  decodeEptLookupRequest,
  encodeEptLookupHandleFreeResponse,
  encodeEptLookupResponse,
} from './ept-lookup';
import { type EptMapRequest, type EptMapResponse, decodeEptMapRequest, encodeEptMapResponse } from './ept-map';
import { type TowerEndpoint, decodeTower, encodeTower, endpointTower, towerBinding } from './tower';

export type RegisteredEndpoint =
  { readonly protseq: 'ncacn_ip_tcp'; readonly port: number } | { readonly protseq: 'ncacn_np'; readonly pipe: string };

export interface EpmRegistration {
  readonly interface: SyntaxId;
  /** Registered for this object UUID only (MS-PAR's 9940ca8e-...); undefined matches any. */
  readonly object?: string;
  readonly endpoint: RegisteredEndpoint;
  /** ept_entry_t.annotation (63 characters at most are sent). */
  readonly annotation: string;
}

export interface EpmSessionOptions {
  /** What the server registers, read on every call (a listener's port is known once it listens). */
  readonly registrations: () => readonly EpmRegistration[];
  /** The IPv4 address this connection reached: ncacn_ip_tcp towers point there. */
  readonly localAddress: string;
  /** The server's NetBIOS name, for ncacn_np towers (\\NAME). */
  readonly serverName: string;
  /** Lookup handles kept at once on this connection. Default 16. */
  readonly maxHandles?: number;
  readonly randomBytes?: (n: number) => Buffer;
}

/** Results not yet returned, behind a lookup handle; a handle serves the operation that made it. */
type Pending =
  { readonly kind: 'map'; readonly rest: Buffer[] } | { readonly kind: 'lookup'; readonly rest: EptEntry[] };

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const NULL_HANDLE = Buffer.alloc(CONTEXT_HANDLE_LENGTH);

export class EpmSession {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly options: EpmSessionOptions) {}

  /** Stub in, stub out. Bad NDR throws MalformedPacketError; other opnums fault nca_s_op_rng_error. */
  call(opnum: number, stub: Buffer): Buffer {
    switch (opnum) {
      case EpmOpnum.ept_map:
        return encodeEptMapResponse(this.eptMap(decodeEptMapRequest(stub)));
      case EpmOpnum.ept_lookup:
        return encodeEptLookupResponse(this.eptLookup(decodeEptLookupRequest(stub)));
      case EpmOpnum.ept_lookup_handle_free:
        this.release(decodeEptLookupHandleFreeRequest(stub));
        return encodeEptLookupHandleFreeResponse(NULL_HANDLE, EptStatus.RPC_S_OK);
      default:
        // ept_insert, ept_delete, ept_inq_object, ept_mgmt_delete are not offered ([MS-RPCE] 2.2.1.2.6-10).
        throw new RpcFaultError(FaultStatus.NCA_S_OP_RNG_ERROR, `ept opnum ${opnum} is not served`);
    }
  }

  eptMap(req: EptMapRequest): EptMapResponse {
    const none = {
      entryHandle: NULL_HANDLE,
      towers: [],
      maxTowers: req.maxTowers,
      status: EptStatus.EPT_S_NOT_REGISTERED,
    };
    if (!isNullHandle(req.entryHandle)) {
      const { batch, handle } = this.next(this.take(req.entryHandle, 'map'), req.entryHandle, req.maxTowers);
      return { entryHandle: handle, towers: batch, maxTowers: req.maxTowers, status: statusOf(batch) };
    }
    if (req.mapTower === undefined || req.maxTowers === 0) return none;
    let binding;
    try {
      binding = towerBinding(decodeTower(req.mapTower));
    } catch (e) {
      if (e instanceof MalformedPacketError) return none;
      throw e;
    }
    if (binding?.endpoint === undefined || !sameSyntax(binding.transferSyntax, NDR20_SYNTAX)) return none;
    const wanted = binding.endpoint.protseq;
    const object = req.object === undefined || req.object === NIL_UUID ? undefined : req.object.toLowerCase();
    const towers = this.options
      .registrations()
      .filter(
        (reg) =>
          sameUuid(reg.interface.uuid, binding.interface.uuid) &&
          reg.interface.major === binding.interface.major &&
          reg.endpoint.protseq === wanted &&
          (object === undefined || reg.object === undefined || sameUuid(reg.object, object)),
      )
      .map((reg) => this.tower(reg));
    if (towers.length === 0) return none;
    const { batch, handle } = this.next({ kind: 'map', rest: towers }, NULL_HANDLE, req.maxTowers);
    return { entryHandle: handle, towers: batch, maxTowers: req.maxTowers, status: EptStatus.RPC_S_OK };
  }

  eptLookup(req: EptLookupRequest): EptLookupResponse {
    const answer = (entries: EptEntry[], handle: Buffer, status: number): EptLookupResponse => ({
      entryHandle: handle,
      entries,
      maxEnts: req.maxEnts,
      status,
    });
    if (!isNullHandle(req.entryHandle)) {
      const { batch, handle } = this.next(this.take(req.entryHandle, 'lookup'), req.entryHandle, req.maxEnts);
      return answer(batch, handle, statusOf(batch));
    }
    const matches = this.lookupMatches(req);
    if (matches === undefined) return answer([], NULL_HANDLE, EptStatus.EPT_S_CANT_PERFORM_OP);
    const entries = matches.map((reg) => ({
      object: reg.object ?? NIL_UUID,
      tower: this.tower(reg),
      annotation: reg.annotation,
    }));
    if (entries.length === 0 || req.maxEnts === 0) return answer([], NULL_HANDLE, EptStatus.EPT_S_NOT_REGISTERED);
    const { batch, handle } = this.next({ kind: 'lookup', rest: entries }, NULL_HANDLE, req.maxEnts);
    return answer(batch, handle, EptStatus.RPC_S_OK);
  }

  private lookupMatches(req: EptLookupRequest): EpmRegistration[] | undefined {
    const all = this.options.registrations();
    const byObject = (reg: EpmRegistration): boolean =>
      req.object !== undefined && reg.object !== undefined && sameUuid(reg.object, req.object);
    const byInterface = (reg: EpmRegistration): boolean | undefined => {
      const id = req.interfaceId;
      if (id === undefined || !sameUuid(id.uuid, reg.interface.uuid)) return false;
      const { major, minor } = reg.interface;
      switch (req.versOption) {
        case RpcVersOption.RPC_C_VERS_ALL:
          return true;
        case RpcVersOption.RPC_C_VERS_COMPATIBLE:
          return major === id.major && minor >= id.minor;
        case RpcVersOption.RPC_C_VERS_EXACT:
          return major === id.major && minor === id.minor;
        case RpcVersOption.RPC_C_VERS_MAJOR_ONLY:
          return major === id.major;
        case RpcVersOption.RPC_C_VERS_UPTO:
          return major < id.major || (major === id.major && minor <= id.minor);
        default:
          return undefined;
      }
    };
    switch (req.inquiryType) {
      case RpcEpInquiry.RPC_C_EP_ALL_ELTS:
        return [...all];
      case RpcEpInquiry.RPC_C_EP_MATCH_BY_OBJ:
        return all.filter(byObject);
      case RpcEpInquiry.RPC_C_EP_MATCH_BY_IF:
      case RpcEpInquiry.RPC_C_EP_MATCH_BY_BOTH: {
        const out: EpmRegistration[] = [];
        for (const reg of all) {
          const ok = byInterface(reg);
          if (ok === undefined) return undefined;
          if (ok && (req.inquiryType === RpcEpInquiry.RPC_C_EP_MATCH_BY_IF || byObject(reg))) out.push(reg);
        }
        return out;
      }
      default:
        return undefined;
    }
  }

  private tower(reg: EpmRegistration): Buffer {
    const endpoint: TowerEndpoint =
      reg.endpoint.protseq === 'ncacn_ip_tcp'
        ? { protseq: 'ncacn_ip_tcp', port: reg.endpoint.port, address: this.options.localAddress }
        : { protseq: 'ncacn_np', pipe: reg.endpoint.pipe, host: `\\\\${this.options.serverName}` };
    return encodeTower(endpointTower(reg.interface, endpoint));
  }

  /**
   * Takes up to `max` results; what is left stays behind `handle` (a new one when `handle` is
   * null), and the handle is released and zeroed once nothing is left.
   */
  private next<P extends Pending>(pending: P, handle: Buffer, max: number): { batch: P['rest']; handle: Buffer } {
    const batch = pending.rest.slice(0, max) as P['rest'];
    const rest = pending.rest.slice(max) as P['rest'];
    const known = !isNullHandle(handle);
    if (rest.length === 0) {
      if (known) this.release(handle);
      return { batch, handle: NULL_HANDLE };
    }
    const kept = known ? handle : this.newHandle();
    this.pending.set(kept.toString('hex'), { kind: pending.kind, rest } as Pending);
    return { batch, handle: kept };
  }

  private newHandle(): Buffer {
    const limit = this.options.maxHandles ?? 16;
    while (this.pending.size >= limit) {
      const oldest = this.pending.keys().next().value;
      if (oldest === undefined) break;
      this.pending.delete(oldest);
    }
    return Buffer.concat([Buffer.alloc(4), (this.options.randomBytes ?? cryptoRandomBytes)(16)]);
  }

  /** The results behind a handle; one this connection does not hold (or of the other operation) is a context mismatch. */
  private take<K extends Pending['kind']>(handle: Buffer, kind: K): Extract<Pending, { kind: K }> {
    const pending = this.pending.get(handle.toString('hex'));
    if (pending?.kind !== kind)
      throw new RpcFaultError(
        FaultStatus.NCA_S_FAULT_CONTEXT_MISMATCH,
        `not an ${kind === 'map' ? 'ept_map' : 'ept_lookup'} handle`,
      );
    return pending as Extract<Pending, { kind: K }>;
  }

  private release(handle: Buffer): void {
    this.pending.delete(handle.toString('hex'));
  }
}

function statusOf(batch: readonly unknown[]): number {
  return batch.length > 0 ? EptStatus.RPC_S_OK : EptStatus.EPT_S_NOT_REGISTERED;
}

function isNullHandle(handle: Buffer): boolean {
  return handle.equals(NULL_HANDLE);
}

function sameUuid(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
