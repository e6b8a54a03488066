/**
 * `pointprint validate <inputs...>`: checks the CopyFiles keys of .reg files and fixture folders
 * before release and previews what each client environment downloads.
 *
 * Exit codes (set through deps.setExitCode): 0 clean, 1 findings at or above --fail-on or a live
 * server that cannot be reached or refuses the logon, 2 an input, the drivers store or the module
 * config cannot be read (the reason on stderr, or as JSON on stdout under --json).
 */
import fs from 'fs-extra';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { PointPrintError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { CliDeps } from '../cli-deps';
import { addCommonOptions, commandLogger, type CommonOptions } from '../common-options';
import { explainLogonFailure, resolveCredentials, type ResolvedCredentials } from '../credentials';
import { describeFailure, formatFailure } from '../failure';
import { addNetworkOptions, type NetworkOptions } from '../network-connector';
import type { CopyFilesSeverity } from '../../point-and-print/copy-files-key';
import { ModuleRegistry } from '../../point-and-print/module-registry';
import { DEFAULT_POINT_AND_PRINT_POLICY } from '../../point-and-print/policy';
import type { CopyFilesPolicy } from '../../point-and-print/constants';
import { DEFAULT_ENVIRONMENTS, canonicalEnvironment, KNOWN_ENVIRONMENTS } from '../../validate/client-environments';
import { formatJsonReport } from '../../validate/report-json';
import { formatSarifReport } from '../../validate/report-sarif';
import { formatTextReport } from '../../validate/report-text';
import type { ClientCredentials, PrintServerConnector } from '../../client/print-server-connection';
import { loadLiveServerInput } from '../../validate/live-server-input';
import { loadInput } from '../../validate/validation-input';
import type { ValidationInput } from '../../validate/validation-input';
import { hasFindingsAtOrAbove, validate } from '../../validate/validator';

export interface ValidateDeps extends Pick<CliDeps, 'createLogger' | 'readPassword' | 'env'> {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly setExitCode: (code: number) => void;
  /** A fixed logger (tests); else one from --log-level/--quiet/-v/--log-file. */
  readonly logger?: Logger;
  /**
   * How to reach a live server for `\\\\server\\printer` inputs (the SMB2 + MS-RPRN connector, or
   * the in-process one in tests). Without it, live inputs exit 2 with the reason.
   */
  readonly connectorFor?: (target: {
    readonly address?: string;
    readonly port?: number;
    readonly clientRoot?: string;
    readonly logger?: Logger;
  }) => PrintServerConnector;
}

interface ValidateOptions extends NetworkOptions, CommonOptions {
  drivers?: string;
  modules?: string;
  environment?: string[];
  json?: boolean;
  sarif?: string | true;
  failOn: CopyFilesSeverity;
  policy?: CopyFilesPolicy;
  serverName: string;
}

export const VALIDATE_EXIT = { CLEAN: 0, FINDINGS: 1, INPUT_ERROR: 2 } as const;

function collectEnvironment(value: string, previous: string[] | undefined): string[] {
  const env = canonicalEnvironment(value);
  if (!env) throw new InvalidArgumentError(`unknown environment; one of: ${KNOWN_ENVIRONMENTS.join(', ')}`);
  return [...(previous ?? []), env];
}

/** Samba's `-U [DOMAIN\\]user[%password]`, an absent password as empty (the -U option asks for it instead). */
export function parseUserCredentials(value: string): ClientCredentials {
  const pct = value.indexOf('%');
  const account = pct === -1 ? value : value.slice(0, pct);
  const password = pct === -1 ? '' : value.slice(pct + 1);
  const slash = account.search(/[\\/]/);
  const userName = slash === -1 ? account : account.slice(slash + 1);
  if (userName.length === 0) throw new InvalidArgumentError('expected [DOMAIN\\]user[%password]');
  return { userName, password, ...(slash > 0 && { domain: account.slice(0, slash) }) };
}

function parsePolicy(value: string): CopyFilesPolicy {
  if (value !== '0' && value !== '1' && value !== '2') throw new InvalidArgumentError('expected 0, 1 or 2');
  return Number(value) as CopyFilesPolicy;
}

/** `--sarif` alone or `--sarif -`: the report goes to stdout. */
function sarifToStdout(sarif: string | true | undefined): boolean {
  return sarif === true || sarif === '-';
}

export function registerValidateCommand(program: Command, deps: ValidateDeps): void {
  const command = program
    .command('validate')
    .description("check printers' CopyFiles keys (.reg files, fixture folders) and preview what clients download")
    .argument('<inputs...>', '.reg files (as regedit exports them), registry .json files, or fixture folders')
    .option('--drivers <dir>', 'the PRINT$ tree to check Files against (default: a fixture folder’s own store)')
    .option('--modules <config>', 'Point-and-Print modules config (JSON: {"modules": {"x.dll": "./x.js"}})')
    .option(
      '--environment <env>',
      `client environment to preview (repeatable; default: ${DEFAULT_ENVIRONMENTS.join(', ')})`,
      collectEnvironment,
    )
    .option('--json', 'the report as JSON on stdout')
    .option('--sarif [file]', 'the report as SARIF 2.1.0, to a file, or to stdout without one or with -')
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when a finding is at or above this level')
        .choices(['error', 'warning', 'info'])
        .default('error'),
    )
    .option('--policy <0|1|2>', 'preview under this CopyFilesPolicy instead of the Windows default (1)', parsePolicy)
    .option('--server-name <name>', 'server name for SourceDir in previews of .reg inputs', 'SERVER');
  addNetworkOptions(command, { clientRoot: true, userHelp: 'for a \\\\server\\printer input: the account' });
  addCommonOptions(command, { logFile: true });
  command.action(async (inputs: string[], options: ValidateOptions) => {
    const logger = deps.logger ?? commandLogger(deps, options);
    const fail = (err: unknown): void => {
      const failure = describeFailure(err, 'pointprint validate');
      const out = formatFailure(failure, 'pointprint validate', options.json === true);
      if (out.stdout !== undefined) deps.stdout(out.stdout);
      if (out.stderr !== undefined) deps.stderr(out.stderr);
      deps.setExitCode(failure.exitCode);
    };
    if (options.json && sarifToStdout(options.sarif)) {
      // Not JSON on stdout: which document stdout carries is the very question.
      deps.stderr(
        'pointprint validate: --json and --sarif without a file both want stdout (give --sarif a file name)\n',
      );
      deps.setExitCode(VALIDATE_EXIT.INPUT_ERROR);
      return;
    }
    const loaded: ValidationInput[] = [];
    const closers: (() => Promise<void>)[] = [];
    const closeAll = async (): Promise<void> => {
      for (const close of closers) await close().catch(() => undefined);
    };
    const connectorFor = deps.connectorFor;
    let account: ResolvedCredentials | undefined;
    const readLiveServer = connectorFor
      ? async (unc: string): Promise<ValidationInput> => {
          const connector = connectorFor({
            ...(options.address !== undefined && { address: options.address }),
            ...(options.port !== undefined && { port: options.port }),
            ...(options.clientRoot !== undefined && { clientRoot: options.clientRoot }),
            ...(deps.logger === undefined && { logger }),
          });
          account ??= await resolveCredentials(options, deps);
          try {
            const live = await loadLiveServerInput(unc, connector, {
              ...(account.credentials && { credentials: account.credentials }),
              logger,
            });
            closers.push(() => live.close());
            return live;
          } catch (err) {
            throw explainLogonFailure(err, account, unc);
          }
        }
      : undefined;
    let modules: ModuleRegistry;
    try {
      modules = options.modules
        ? await ModuleRegistry.fromConfigFile(options.modules, logger)
        : ModuleRegistry.withBuiltins();
      for (const spec of inputs) {
        loaded.push(
          await loadInput(spec, {
            serverName: options.serverName,
            ...(options.drivers !== undefined && { drivers: options.drivers }),
            ...(readLiveServer && { readLiveServer }),
          }),
        );
      }
    } catch (err) {
      await closeAll();
      if (!(err instanceof PointPrintError)) throw err;
      fail(err);
      return;
    }
    const policy = {
      ...DEFAULT_POINT_AND_PRINT_POLICY,
      ...(options.policy !== undefined && { copyFilesPolicy: options.policy }),
    };
    let report;
    try {
      report = await validate(loaded, {
        modules,
        policy,
        environments: options.environment ?? DEFAULT_ENVIRONMENTS,
        logger,
      });
    } catch (err) {
      // A live server that stops answering mid-way: the input could not be read.
      if (!(err instanceof PointPrintError)) throw err;
      fail(err);
      return;
    } finally {
      await closeAll();
    }

    if (typeof options.sarif === 'string' && options.sarif !== '-') {
      try {
        await fs.writeFile(options.sarif, formatSarifReport(report, { baseDir: process.cwd() }));
      } catch (err) {
        fail(err);
        return;
      }
    }
    if (sarifToStdout(options.sarif)) deps.stdout(formatSarifReport(report, { baseDir: process.cwd() }));
    else if (options.json) deps.stdout(formatJsonReport(report));
    else deps.stdout(formatTextReport(report));

    deps.setExitCode(hasFindingsAtOrAbove(report, options.failOn) ? VALIDATE_EXIT.FINDINGS : VALIDATE_EXIT.CLEAN);
  });
}
