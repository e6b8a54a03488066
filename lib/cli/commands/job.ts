/**
 * `pointprint job pause|resume|cancel|restart <id> --printer NAME`: SetJob JOB_CONTROL_*.
 * Print lets a user manage their own jobs; Manage Documents everyone's.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { addControlOptions, control, type ControlOptions, type ControlDeps } from './control-channel';

const ACTIONS = ['pause', 'resume', 'cancel', 'restart'] as const;
type JobAction = (typeof ACTIONS)[number];

function parseAction(v: string): JobAction {
  if (!(ACTIONS as readonly string[]).includes(v)) throw new InvalidArgumentError(`expected ${ACTIONS.join('|')}`);
  return v as JobAction;
}

function parseJobId(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a job id');
  return n;
}

interface JobOptions extends ControlOptions {
  printer: string;
}

export function registerJobCommand(program: Command, deps: ControlDeps): void {
  addControlOptions(
    program
      .command('job')
      .description('pause, resume, cancel or restart a job on a running server')
      .argument('<action>', ACTIONS.join('|'), parseAction)
      .argument('<id>', 'job id', parseJobId)
      .requiredOption('--printer <name>', 'the printer holding the job'),
  ).action(async (action: JobAction, jobId: number, opts: JobOptions) => {
    await control(opts, { op: 'job', args: { printer: opts.printer, jobId, action } }, deps);
    deps.stdout(`job ${jobId} on ${opts.printer}: ${action}\n`);
  });
}
