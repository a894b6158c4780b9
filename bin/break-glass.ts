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
import { auditText, runAudit } from '../lib/break-glass/commands/audit';
import { runCleanup } from '../lib/break-glass/commands/cleanup';
import { runClose } from '../lib/break-glass/commands/close';
import { previewOpen, runOpen } from '../lib/break-glass/commands/open';
import { runStatus } from '../lib/break-glass/commands/status';
import { statusJson } from '../lib/break-glass/json';
import { DEFAULT_MAX_DURATION } from '../lib/break-glass/input';
import { DEFAULT_AUDIT_LOG, type Runtime } from '../lib/break-glass/runtime';
import {
  cleanupPlanText,
  cleanupText,
  closeText,
  openPlanText,
  openText,
  statusText,
} from '../lib/break-glass/text';
import {
  addGlobalOptions,
  configureProgram,
  EXIT,
  type ExitCode,
  type GlobalOptions,
  nodeVersionNotice,
  type Output,
  render,
  reportError as reportCliError,
  requireOptions,
  runProgram,
  setUpCommand,
  silenceSdkNodeWarning,
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

/** Prints a result's text (or JSON) and its error line; returns its exit code. */
function finish<R extends { exitCode: ExitCode; error?: string }>(
  result: R,
  lines: readonly string[],
  deps: CliDeps,
  json = false,
): ExitCode {
  render(result, { json }, () => lines, deps);
  if (result.error) deps.err(`${TOOL}: ${result.error}`);
  return result.exitCode;
}

/** A confirmation that shows the plan first; undefined without a terminal. */
function confirmation<P>(
  deps: CliDeps,
  show: (plan: P) => readonly string[],
  question: string,
  shown: { value: boolean },
) {
  const ask = deps.confirm;
  if (!ask) return undefined;
  return async (plan: P) => {
    for (const line of show(plan)) deps.out(line);
    shown.value = true;
    return ask(question);
  };
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
      setExit(finish(statusJson(result), statusText(result), deps, options.json));
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
      if (options.offline) {
        const preview = previewOpen(rt, options);
        setExit(finish(preview, openText(preview, rt.auditLogPath), deps));
        return;
      }
      const shown = { value: false };
      const confirm = confirmation(
        deps,
        openPlanText,
        'Apply these changes? Type "yes" to continue: ',
        shown,
      );
      const result = await runOpen(rt, options, confirm);
      setExit(finish(result, openText(result, rt.auditLogPath, shown.value), deps));
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
      const result = await runClose(rt, options);
      setExit(finish(result, closeText(result, rt.auditLogPath), deps));
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
      const shown = { value: false };
      const confirm = confirmation(
        deps,
        cleanupPlanText,
        'Delete these tables? Type "yes" to continue: ',
        shown,
      );
      const result = await runCleanup(
        rt,
        { resources: options.resource, dryRun: options.dryRun, yes: options.yes },
        confirm,
      );
      setExit(finish(result, cleanupText(result, shown.value), deps));
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
      setExit(finish(result, auditText(result), deps, options.json));
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
  silenceSdkNodeWarning();
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
  main(process.argv.slice(2), realDeps()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = reportError(error, (text) => console.error(text));
    },
  );
}
