/**
 * Association groups — [MS-RPCE] 3.3.1.3 and 3.3.1.5.3 (C706 12.6.4.3 assoc_group_id): a client
 * binds with assoc_group_id 0 to start a group, or with the id a bind_ack gave it to join that
 * group from another connection of the same endpoint. Context handles live in the group's
 * interface instances: a handle is valid on every connection of its group and on no other. When
 * the last connection leaves, the instances are closed (context rundown) and the id is forgotten.
 *
 * One table per endpoint (the pipe provider, the TCP listener): a group never spans transports.
 * Ids are random and non-zero; the table is bounded, so a flood of binds cannot grow it without end.
 */
import { randomInt } from 'node:crypto';
import type { Logger } from '../../common/logger';
import type { RpcInterfaceDefinition, RpcInterfaceInstance } from './rpc-interface';

export const DEFAULT_MAX_ASSOCIATION_GROUPS = 4096;

export class AssociationGroup {
  private readonly instances = new Map<RpcInterfaceDefinition, RpcInterfaceInstance>();
  /** Connections bound into the group. */
  members = 0;

  constructor(readonly id: number) {}

  /** The group's instance of an interface, made on first use. */
  instance(definition: RpcInterfaceDefinition): RpcInterfaceInstance {
    let instance = this.instances.get(definition);
    if (instance === undefined) {
      instance = definition.instantiate();
      this.instances.set(definition, instance);
    }
    return instance;
  }

  /** Closes every instance (context rundown); failures are logged, never thrown. */
  close(logger: Logger): void {
    for (const instance of this.instances.values()) {
      Promise.resolve()
        .then(() => instance.close())
        .catch((err: unknown) => logger.warn('interface rundown failed', { iface: instance.name, error: String(err) }));
    }
    this.instances.clear();
  }
}

export class AssociationGroupTable {
  private readonly groups = new Map<number, AssociationGroup>();

  constructor(
    private readonly logger: Logger,
    readonly maxGroups = DEFAULT_MAX_ASSOCIATION_GROUPS,
  ) {}

  get size(): number {
    return this.groups.size;
  }

  /** A new group with its first member; undefined when the table is full. */
  create(): AssociationGroup | undefined {
    if (this.groups.size >= this.maxGroups) return undefined;
    let id = randomInt(1, 0x7fffffff);
    while (this.groups.has(id)) id = randomInt(1, 0x7fffffff);
    const group = new AssociationGroup(id);
    group.members = 1;
    this.groups.set(id, group);
    return group;
  }

  /** Joins an existing group; undefined for an id this endpoint does not know. */
  join(id: number): AssociationGroup | undefined {
    const group = this.groups.get(id);
    if (group !== undefined) group.members++;
    return group;
  }

  /** A connection leaves; the last one closes the group. */
  leave(group: AssociationGroup): void {
    group.members--;
    if (group.members > 0 || this.groups.get(group.id) !== group) return;
    this.groups.delete(group.id);
    group.close(this.logger);
  }
}
