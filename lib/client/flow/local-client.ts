/**
 * The client's side before it reaches any server (end of step 1): its state under the client
 * root, the Point-and-Print policy in force, and `spool\drivers` on disk.
 */
import {
  DEFAULT_POINT_AND_PRINT_POLICY,
  policyFromConfig,
  type PointAndPrintPolicy,
} from '../../point-and-print/policy';
import { DEFAULT_MAX_DOWNLOAD_SIZE } from '../client-paths';
import { ClientState } from '../client-state';
import type { ConnectionFlow } from './flow-context';

export interface LocalClient {
  readonly state: ClientState;
  readonly policy: PointAndPrintPolicy;
}

/** The client policy in force: explicit > client config > Windows' current defaults. */
export function clientPolicy(state: ClientState, explicit?: PointAndPrintPolicy): PointAndPrintPolicy {
  if (explicit) return explicit;
  return policyFromConfig(state.data.config.pointAndPrintPolicy, DEFAULT_POINT_AND_PRINT_POLICY);
}

export async function openLocalClient(flow: ConnectionFlow): Promise<LocalClient> {
  const state = await ClientState.load(flow.options.clientRoot);
  const policy = clientPolicy(state, flow.options.policy);
  const configured = state.data.config.maxDownloadSize;
  flow.paths.maxDownloadSize =
    flow.options.maxDownloadSize ??
    (typeof configured === 'number' && configured > 0 ? configured : DEFAULT_MAX_DOWNLOAD_SIZE);
  await flow.paths.ensureSkeleton(flow.logger);
  return { state, policy };
}
