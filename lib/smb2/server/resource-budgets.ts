/**
 * The budgets every connection of one server draws from (server-limits.ts): opens, named pipe
 * opens (each an RPC endpoint: its binds and context handles are capped per pipe by the RPC layer,
 * so capping pipes caps them per user and per server) and the bytes of received frames. Each
 * exhaustion is logged once, when it starts.
 */
import type { AuthenticatedUser } from '../../common/identity';
import type { Logger } from '../../common/logger';
import { ResourceBudget } from './resource-budget';
import type { ServerLimits } from './server-limits';

export interface ServerBudgets {
  readonly opens: ResourceBudget;
  readonly pipes: ResourceBudget;
  readonly receiveBytes: ResourceBudget;
}

export function createServerBudgets(limits: ServerLimits, logger: Logger): ServerBudgets {
  const log = (scope: 'user' | 'server', key: string, budget: ResourceBudget): void => {
    logger.warn(`${budget.name} budget of the ${scope} reached`, {
      key,
      limit: scope === 'server' ? budget.perServer : budget.perKey,
      used: scope === 'server' ? budget.used : budget.usedBy(key),
    });
  };
  return {
    opens: new ResourceBudget('opens', limits.maxOpensPerUser, limits.maxOpensPerServer, log),
    pipes: new ResourceBudget('pipes', limits.maxPipesPerUser, limits.maxPipesPerServer, log),
    receiveBytes: new ResourceBudget(
      'receive bytes',
      limits.maxReceiveBytesPerUser,
      limits.maxReceiveBytesPerServer,
      log,
    ),
  };
}

/**
 * The key a logged-on user's resources count against: the account name, case-insensitively (the
 * domain a client sends is not checked for local accounts, so it cannot tell accounts apart).
 */
export function userBudgetKey(user: AuthenticatedUser): string {
  return `user:${user.userName.toLowerCase()}`;
}

/** The key of a connection nobody has logged on to yet: its peer's address. */
export function peerBudgetKey(peer: string): string {
  return `peer:${peer}`;
}
