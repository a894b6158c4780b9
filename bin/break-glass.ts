#!/usr/bin/env node
/**
 * break-glass: time-boxed, audited emergency access to the SSN backups (see README, "Emergency SSN
 * data restoration"). This file only parses arguments, builds the AWS clients, prints each
 * command's result (text or JSON) and returns its exit code; the logic lives in lib/break-glass,
 * lib/integration and lib/cli.
 */
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { awsFromClients, type BreakGlassAws } from '../lib/aws';
import { sdkClients } from '../lib/aws/clients';
import { type Asking, cleanupCommand, closeCommand, openCommand } from '../lib/break-glass/cli-flow';
import { runAudit } from '../lib/break-glass/commands/audit';
import { previewOpen } from '../lib/break-glass/commands/open';
import { runStatus } from '../lib/break-glass/commands/status';
import { auditJson, statusJson } from '../lib/break-glass/json';
import { DEFAULT_MAX_DURATION } from '../lib/break-glass/input';
import { DEFAULT_AUDIT_LOG, type Runtime } from '../lib/break-glass/runtime';
import {
  auditError,
  auditText,
  cleanupError,
  cleanupText,
  closeError,
  closeText,
  openError,
  openText,
  statusText,
} from '../lib/break-glass/text';
import {
  addGlobalOptions,
  auditExit,
  cleanupExit,
  closeExit,
  configureProgram,
  EXIT,
  type ExitCode,
  type GlobalOptions,
  nodeVersionNotice,
  openExit,
  type Output,
  render,
  reportError as reportCliError,
  requireOptions,
  runProgram,
  setUpCommand,
  startTool,
  statusExit,
  terminalConfirm,
  UsageError,
} from '../lib/cli';
import { formatBlock, integrationBlock } from '../lib/integration/integration';

/** What the CLI takes from its surroundings; tests pass their own. */
export interface CliDeps extends Output {
  /** Where the configuration is looked for, and relative paths start. */
  readonly cwd: string;
  readonly now: () => Date;
  /** The AWS calls, in one region and profile; tests give the fake. */
  readonly aws: (options: { readonly region: string; readonly profile?: string }) => BreakGlassAws;
  /** The profiles the AWS configuration files define. @default read with the SDK's loader */
  readonly profiles?: () => Promise<readonly string[]>;
  /** Asks a yes/no question; undefined when there is no terminal to confirm on. */
  readonly confirm?: (question: string) => Promise<boolean>;
  readonly sleep?: (ms: number) => Promise<void>;
}

interface BreakGlassOptions extends GlobalOptions {
  readonly auditLog: string;
}

const TOOL = 'break-glass';

const EXAMPLES = `
Examples:
  npm run break-glass -- status
  npm run break-glass -- open --principal arn:aws:iam::000011114444:role/SsnRestore \\
      --reason "INC-1234 restore licensee SSN table" --duration 2h --dry-run
  npm run break-glass -- open --principal arn:aws:iam::000011114444:role/SsnRestore \\
      --reason "INC-1234 restore licensee SSN table" --duration 2h --dry-run --offline
  npm run break-glass -- --profile backup-prod open --principal arn:aws:iam::000011114444:role/SsnRestore \\
      --reason "INC-1234 restore licensee SSN table" --duration 2h
  npm run break-glass -- close
  npm run break-glass -- cleanup --dry-run
  npm run break-glass -- audit --since 2030-03-01
  npm run break-glass -- integration --offline
  npm run break-glass -- --config prod.backup-account.json -c backup_region=us-west-2 status --json`;

/** Prints a failure as one line (no stack trace) and returns its exit code. */
export function reportError(error: unknown, err: (text: string) => void): ExitCode {
  return reportCliError(TOOL, error, err);
}

const OTHER_REGION = '--other-region';

interface Context {
  readonly rt: Runtime;
}

async function contextFor(
  globals: BreakGlassOptions,
  deps: CliDeps,
  access: { readonly otherRegion?: boolean; readonly offline?: boolean } = {},
): Promise<Context> {
  const { config, region } = await setUpCommand(globals, deps, {
    ...access,
    otherRegionOption: access.otherRegion === undefined ? undefined : OTHER_REGION,
  });
  return {
    rt: {
      config,
      region,
      aws: deps.aws({ region, profile: globals.profile }),
      now: deps.now,
      auditLogPath: resolve(deps.cwd, globals.auditLog),
      sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    },
  };
}

const otherRegionOption = () =>
  new Option(
    OTHER_REGION,
    "allow --region to differ from the configuration's backup_region (this command only reads)",
  ).default(false);

/**
 * Prints an outcome's text (or its JSON form), and its message on standard error when it failed or
 * was refused; returns its exit code.
 */
function finish(
  printed: { readonly json?: unknown; readonly lines: readonly string[] },
  message: string | undefined,
  exitCode: ExitCode,
  deps: CliDeps,
): ExitCode {
  if (printed.json !== undefined) render(printed.json, { json: true }, () => [], deps);
  else for (const line of printed.lines) deps.out(line);
  if (message) deps.err(`${TOOL}: ${message}`);
  return exitCode;
}

/** Shows a plan and asks about it on the terminal, if there is one. */
function asking(deps: CliDeps): Asking {
  return { show: deps.out, confirm: deps.confirm };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function buildProgram(deps: CliDeps, setExit: (code: ExitCode) => void): Command {
  const program = addGlobalOptions(
    new Command(TOOL).description(
      'Time-boxed, audited emergency access to the SSN backups of the CompactConnect backup account.',
    ),
  ).option(
    '--audit-log <path>',
    'local copy of the audit records (the record itself is in the evidence bucket); policy backups go to backups/ beside it',
    DEFAULT_AUDIT_LOG,
  );
  configureProgram(program, deps, EXAMPLES);

  const globals = (command: Command) => command.optsWithGlobals<BreakGlassOptions>();

  program
    .command('status')
    .description(
      `compare the deployed SSN vault and key policies with the baseline and list restored SSN data and every copy of it in the account: SEALED (${EXIT.ok}), OPEN (${EXIT.open}), EXPIRED (${EXIT.expired}), DRIFTED (${EXIT.drifted}), SEALED, RESTORED DATA REMAINS (${EXIT.restoredDataRemains})`,
    )
    .option('--json', 'print the result as JSON', false)
    .addOption(otherRegionOption())
    .action(async (options: { json: boolean; otherRegion: boolean }, command: Command) => {
      const { rt } = await contextFor(globals(command), deps, { otherRegion: options.otherRegion });
      const result = await runStatus(rt);
      const printed = options.json ? { json: statusJson(result), lines: [] } : { lines: statusText(result) };
      setExit(finish(printed, undefined, statusExit(result.seal), deps));
    });

  program
    .command('open')
    .description('give one IAM role of the backup account restore access to the SSN backups until an expiry')
    .option('--principal <roleArn>', 'the IAM role ARN (with its path) that will run the restore (required)')
    .option('--reason <text>', 'why (one line, at most 200 bytes; stored in the policies) (required)')
    .option('--duration <duration>', 'how long, such as 2h, 90m or 1h30m (required)')
    .option('--max-duration <duration>', 'the longest duration accepted', DEFAULT_MAX_DURATION)
    .option(
      '--dry-run',
      'print the plan, the exact policy diff and what the role needs; write nothing',
      false,
    )
    .option(
      '--offline',
      'with --dry-run: from the configuration alone, without AWS (diff against the baseline)',
      false,
    )
    .option('--yes', 'apply without asking for confirmation', false)
    .action(async (options, command: Command) => {
      requireOptions(command, ['principal', 'reason', 'duration']);
      if (options.offline && !options.dryRun)
        throw new UsageError('--offline works only with --dry-run: open writes to AWS');
      const { rt } = await contextFor(globals(command), deps, { offline: options.offline });
      const { outcome, planShown } = options.offline
        ? { outcome: previewOpen(rt, options), planShown: false }
        : await openCommand(rt, options, asking(deps));
      const lines = openText(outcome, rt.auditLogPath, planShown);
      setExit(finish({ lines }, openError(outcome), openExit(outcome), deps));
    });

  program
    .command('close')
    .description(
      'put back the exact baseline SSN policies, verify them by reading back, log it, and report restored SSN data and copies of it that still exist',
    )
    .option('--dry-run', 'print what would change; write nothing', false)
    .option(
      '--accept-restored <reason>',
      'keep the restored data that still exists, deliberately; the reason is recorded in the audit log',
    )
    .action(async (options, command: Command) => {
      const { rt } = await contextFor(globals(command), deps);
      const outcome = await closeCommand(rt, options);
      const lines = closeText(outcome, rt.auditLogPath);
      setExit(finish({ lines }, closeError(outcome), closeExit(outcome), deps));
    });

  program
    .command('cleanup')
    .description(
      'delete the DynamoDB tables that restores from the SSN vault created and that still exist (only a table whose RestoreSummary shows its restore job restored it); list the copies it does not delete',
    )
    .option(
      '--resource <arn>',
      'only this restored table (repeatable); it must be one a restore from the SSN vault created',
      collect,
    )
    .option('--dry-run', 'print what would be deleted; delete nothing', false)
    .option('--yes', 'delete without asking for confirmation', false)
    .action(async (options: { resource?: string[]; dryRun: boolean; yes: boolean }, command: Command) => {
      const { rt } = await contextFor(globals(command), deps);
      const { outcome, planShown } = await cleanupCommand(
        rt,
        { resources: options.resource, dryRun: options.dryRun, yes: options.yes },
        asking(deps),
      );
      const lines = cleanupText(outcome, planShown);
      setExit(finish({ lines }, cleanupError(outcome), cleanupExit(outcome), deps));
    });

  program
    .command('audit')
    .description(
      `list the break-glass record in the evidence bucket and verify it: every record present and chained by SHA-256, each under Object Lock; exit ${EXIT.recordBroken} on a gap, an altered record or a missing retention`,
    )
    .option('--since <time>', 'list only records from this date or time on (the whole chain is verified)')
    .addOption(new Option('--json', 'print the result as JSON').default(false))
    .addOption(otherRegionOption())
    .action(async (options: { since?: string; json: boolean; otherRegion: boolean }, command: Command) => {
      const { rt } = await contextFor(globals(command), deps, { otherRegion: options.otherRegion });
      const result = await runAudit(rt, { since: options.since });
      const printed = options.json ? { json: auditJson(result), lines: [] } : { lines: auditText(result) };
      setExit(finish(printed, auditError(result), auditExit(result), deps));
    });

  program
    .command('integration')
    .description('print what an environment account needs: account, region, vault names and ARNs, key ARNs')
    .option(
      '--offline',
      'from the configuration alone, without AWS (key ARNs are then unknown; alias ARNs are given)',
      false,
    )
    .addOption(new Option('--json', 'print JSON').default(false))
    .addOption(otherRegionOption())
    .action(async (options: { offline: boolean; json: boolean; otherRegion: boolean }, command: Command) => {
      const { rt } = await contextFor(globals(command), deps, {
        otherRegion: options.otherRegion,
        offline: options.offline,
      });
      const block = await integrationBlock(
        { config: rt.config, region: rt.region, aws: rt.aws, warn: deps.err },
        options,
      );
      render(block, options, formatBlock, deps);
      setExit(EXIT.ok);
    });

  // The health check is a tool of its own (bin/doctor.ts); the old way to start it says where it went.
  program
    .command('doctor', { hidden: true })
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new UsageError(
        'doctor is a tool of its own: run npm run doctor (the same options, without "doctor")',
      );
    });

  return program;
}

/** Runs the CLI on `argv` (without the node and script entries); returns the exit code. */
export async function main(argv: readonly string[], deps: CliDeps): Promise<number> {
  let code: ExitCode = EXIT.ok;
  const program = buildProgram(deps, (c) => {
    code = c;
  });
  return runProgram(program, argv, deps, () => code);
}

let noticeShown = false;

/** The AWS calls over SDK clients of one region and profile, each built when a call first needs it; notes an old Node.js once. */
function sdkAws({ region, profile }: { readonly region: string; readonly profile?: string }): BreakGlassAws {
  const notice = nodeVersionNotice(process.version);
  if (notice && !noticeShown) console.error(notice);
  noticeShown = true;
  return awsFromClients(sdkClients({ region, profile }));
}

function realDeps(): CliDeps {
  return {
    cwd: process.cwd(),
    out: (text) => console.log(text),
    err: (text) => console.error(text),
    now: () => new Date(),
    aws: sdkAws,
    confirm: terminalConfirm(),
  };
}

if (require.main === module) {
  startTool(
    () => main(process.argv.slice(2), realDeps()),
    (error) => reportError(error, (text) => console.error(text)),
  );
}
