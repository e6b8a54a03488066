/**
 * A MIB view: the object instances an agent exposes, sorted in lexicographic OID order, with
 * the object types they belong to. GET, GETNEXT and GETBULK are answered from it (RFC 3416
 * 4.2.1-4.2.3):
 * - GET of an instance that exists returns its value; of an OID under a known object type
 *   (a scalar or a table column) noSuchInstance; of anything else noSuchObject;
 * - GETNEXT returns the first instance whose OID is lexicographically greater, or none
 *   (endOfMibView).
 * A view is built from the device's snapshot: a printer's MIB has a few hundred instances at
 * most. The agent builds one again only when the snapshot changed (withValue keeps sysUpTime
 * current in between).
 */
import { EncodingError } from '../../common/errors';
import { compareOids, formatOid, oidStartsWith, type Oid } from './oid';
import type { SnmpValue, VarBind } from './snmp-value';

export class MibView {
  constructor(
    private readonly instances: readonly VarBind[],
    private readonly objectTypes: readonly Oid[],
  ) {}

  get size(): number {
    return this.instances.length;
  }

  get(oid: Oid): SnmpValue {
    const i = this.lowerBound(oid);
    const hit = this.instances[i];
    if (hit && compareOids(hit.oid, oid) === 0) return hit.value;
    return this.objectTypes.some((t) => oid.length > t.length && oidStartsWith(oid, t))
      ? { type: 'noSuchInstance' }
      : { type: 'noSuchObject' };
  }

  /** This view with the value of one instance it has replaced (sysUpTime, which moves between requests). */
  withValue(oid: Oid, value: SnmpValue): MibView {
    const i = this.lowerBound(oid);
    const hit = this.instances[i];
    if (hit === undefined || compareOids(hit.oid, oid) !== 0)
      throw new EncodingError(`MIB instance ${formatOid(oid)} is not in the view`);
    const instances = [...this.instances];
    instances[i] = { oid: hit.oid, value };
    return new MibView(instances, this.objectTypes);
  }

  /** The first instance after `oid`, or undefined at the end of the view. */
  next(oid: Oid): VarBind | undefined {
    let i = this.lowerBound(oid);
    const hit = this.instances[i];
    if (hit && compareOids(hit.oid, oid) === 0) i++;
    return this.instances[i];
  }

  /** Index of the first instance not sorting before `oid`. */
  private lowerBound(oid: Oid): number {
    let lo = 0;
    let hi = this.instances.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareOids((this.instances[mid] as VarBind).oid, oid) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export class MibViewBuilder {
  private readonly instances: VarBind[] = [];
  private readonly objectTypes: Oid[] = [];

  /** A scalar object: its one instance is `.0` (RFC 2578 7.7). */
  scalar(object: Oid, value: SnmpValue): this {
    this.objectTypes.push(object);
    this.instances.push({ oid: [...object, 0], value });
    return this;
  }

  /** The columns of a table, declared even while it has no rows (GET then says noSuchInstance). */
  columns(entry: Oid, columnNumbers: readonly number[]): this {
    for (const c of columnNumbers) this.objectTypes.push([...entry, c]);
    return this;
  }

  /** One cell: `entry.column.index...`. */
  cell(entry: Oid, column: number, index: readonly number[], value: SnmpValue): this {
    this.instances.push({ oid: [...entry, column, ...index], value });
    return this;
  }

  build(): MibView {
    const sorted = [...this.instances].sort((a, b) => compareOids(a.oid, b.oid));
    for (let i = 1; i < sorted.length; i++) {
      const here = (sorted[i] as VarBind).oid;
      if (compareOids((sorted[i - 1] as VarBind).oid, here) === 0) {
        throw new EncodingError(`MIB instance ${formatOid(here)} defined twice`);
      }
    }
    return new MibView(sorted, this.objectTypes);
  }
}
