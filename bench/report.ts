/** What one `npm run bench` produced: written as JSON, flattened into the history, checked. */
import type { ProfileSummary } from './cpu-profile';
import type { FdLimitChange } from './fd-limit';
import type { LimitsResult } from './limits';
import type { MachineInfo } from './machine';
import type { Benchmark, RunKind } from './options';
import type { PoolDrainResult } from './pool-drain';
import type { RpcRateResult } from './rpc-rate';
import type { StormRun } from './storm';
import type { ThroughputResult } from './throughput';

export interface BenchReport {
  readonly date: string;
  readonly kind: RunKind;
  readonly machine: MachineInfo;
  /** The benchmarks asked for (--only, or all). */
  readonly benchmarks: readonly Benchmark[];
  throughput?: ThroughputResult;
  storm?: StormRun[];
  /** The open-file limit the storm ran under, and how it was raised. */
  fdLimit?: FdLimitChange;
  rpc?: RpcRateResult;
  pool?: PoolDrainResult;
  limits?: LimitsResult;
  profiles?: Record<string, ProfileSummary>;
  /** Benchmarks that threw, with the error: the run goes on with the others and fails at the end. */
  errors: Partial<Record<Benchmark | 'profile', string>>;
  /** Load averages when the run began and ended (other jobs on the machine make figures noisy). */
  readonly loadAtStart: readonly number[];
  loadAtEnd?: readonly number[];
  /** Wall time of the whole run. */
  durationSeconds?: number;
}
