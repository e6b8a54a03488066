/**
 * What the client side of the CopyFiles engine reports while it works on a key, in order: the
 * module calls (spooler-trace.ts), each policy decision, the SourceDir/TargetDir a server sent or
 * the client derived, and every warning. The client flow adds these to its own events
 * (lib/client/flow-events.ts), so the engine's reports and the flow's share one ordered list.
 */
import type { SpoolerTraceEvent } from './spooler-trace';

/** A policy allowed or refused something (a driver installation, a CopyFiles key). */
export interface PolicyDecisionEvent {
  readonly kind: 'policy';
  readonly subject: string;
  readonly allowed: boolean;
  readonly reason: string;
}

/**
 * The synthetic values the server returned for a CopyFiles key; `derived` when the server sent
 * none (Samba) and the client made them up as a Windows server would.
 */
export interface CopyFilesPathsEvent {
  readonly kind: 'copyfiles-paths';
  readonly key: string;
  readonly sourceDir: string;
  readonly targetDir: string;
  readonly derived?: true;
}

/** Something skipped or refused, and why; `key` names the CopyFiles key concerned. */
export interface CopyFilesWarningEvent {
  readonly kind: 'warning';
  readonly message: string;
  readonly key?: string;
}

export type CopyFilesClientEvent =
  SpoolerTraceEvent | PolicyDecisionEvent | CopyFilesPathsEvent | CopyFilesWarningEvent;

export type CopyFilesClientListener = (event: CopyFilesClientEvent) => void;
