#!/usr/bin/env node
/**
 * break-glass: time-boxed, audited emergency access to the SSN backups (see README, "Emergency SSN
 * data restoration"). This file only parses arguments, builds the AWS clients and maps failures
 * to exit codes; the logic lives in lib/break-glass.
 */
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { BackupClient } from '@aws-sdk/client-backup';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { KMSClient } from '@aws-sdk/client-kms';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';
import { Command, Option } from 'commander';
import { type AwsClients, awsFromClients } from '../lib/break-glass/aws';
import { runClose } from '../lib/break-glass/commands/close';
import { runIntegration } from '../lib/break-glass/commands/integration';
import { runOpen } from '../lib/break-glass/commands/open';
import { runStatus } from '../lib/break-glass/commands/status';
import { DEFAULT_MAX_DURATION } from '../lib/break-glass/input';
import { DEFAULT_AUDIT_LOG, type Runtime } from '../lib/break-glass/runtime';
import {
  addGlobalOptions,
  checkProfile,
  checkRegion,
  configureProgram,
  EXIT,
  type ExitCode,
  type GlobalOptions,
  loadToolConfig,
  nodeVersionNotice,
  parseContextPairs,
  reportError as reportCliError,
  requireOptions,
  runProgram,
  silenceSdkNodeWarning,
} from '../lib/cli';
import {
  DEFAULT_EVENT_DAYS,
  type DoctorClients,
  type DoctorCommandOptions,
  runDoctorCommand,
} from '../lib/doctor';

/** What the CLI takes from its surroundings; tests pass their own. */
export interface CliDeps {
  /** Where the configuration is looked for, and relative paths start. */
  readonly cwd: string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly now: () => Date;
  readonly clients: (options: { readonly region: string; readonly profile?: string }) => AwsClients;
  /** The clients of `doctor`, which also reads SNS and CloudTrail. @default the AWS SDK's */
  readonly doctorClients?: (options: { readonly region: string; readonly profile?: string }) => DoctorClients;
  /** The profiles the AWS configuration files define. @default read with the SDK's loader */
  readonly profiles?: () => Promise<readonly string[]>;
  /** Undefined when there is no terminal to confirm on. */
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
  npm run break-glass -- --profile backup-prod open --principal arn:aws:iam::000011114444:role/SsnRestore \\
      --reason "INC-1234 restore licensee SSN table" --duration 2h
  npm run break-glass -- close
  npm run break-glass -- integration --offline
  npm run doctor -- --profile backup-prod --json
  npm run break-glass -- --config prod.context.json -c backup_region=us-west-2 status`;

/** Prints a failure as one line (no stack trace) and returns its exit code. */
export function reportError(error: unknown, err: (text: string) => void): ExitCode {
  return reportCliError(TOOL, error, err);
}

/** How a command uses AWS: whether it may read another region than backup_region, or works offline. */
interface Access {
  readonly otherRegion?: boolean;
  readonly offline?: boolean;
}

const OTHER_REGION = '--other-region';

async function runtimeFor(globals: BreakGlassOptions, deps: CliDeps, access: Access = {}): Promise<Runtime> {
  const { config, notice } = loadToolConfig({
    directory: deps.cwd,
    configPath: globals.config,
    context: parseContextPairs(globals.context),
  });
  if (notice) deps.err(notice);
  const region = checkRegion(
    globals.region,
    config.backupRegion,
    {
      otherRegionAllowed: access.otherRegion === true,
      allowOption: access.otherRegion === undefined ? undefined : OTHER_REGION,
    },
    deps.err,
  );
  if (!access.offline) await checkProfile(globals.profile, deps.profiles);
  return {
    config,
    region,
    aws: awsFromClients(deps.clients({ region, profile: globals.profile })),
    now: deps.now,
    out: deps.out,
    err: deps.err,
    auditLogPath: resolve(deps.cwd, globals.auditLog),
    confirm: deps.confirm,
    sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
}

const otherRegionOption = () =>
  new Option(
    OTHER_REGION,
    "allow --region to differ from the configuration's backup_region (this command only reads)",
  ).default(false);

export function buildProgram(deps: CliDeps, setExit: (code: ExitCode) => void): Command {
  const program = addGlobalOptions(
    new Command(TOOL).description(
      'Time-boxed, audited emergency access to the SSN backups of the CompactConnect backup account.',
    ),
  ).option(
    '--audit-log <path>',
    'JSON-lines audit log; policy backups go to backups/ beside it',
    DEFAULT_AUDIT_LOG,
  );
  configureProgram(program, deps, EXAMPLES);

  const globals = (command: Command) => command.optsWithGlobals<BreakGlassOptions>();

  program
    .command('status')
    .description(
      'compare the deployed SSN vault and key policies with the baseline: SEALED (0), OPEN (10), EXPIRED (11) or DRIFTED (12)',
    )
    .addOption(otherRegionOption())
    .action(async (options: { otherRegion: boolean }, command: Command) =>
      setExit(
        await runStatus(await runtimeFor(globals(command), deps, { otherRegion: options.otherRegion })),
      ),
    );

  program
    .command('open')
    .description('give one IAM role of the backup account restore access to the SSN backups until an expiry')
    .option('--principal <roleArn>', 'the IAM role ARN (with its path) that will run the restore (required)')
    .option('--reason <text>', `why (one line, at most 200 bytes; stored in the policies) (required)`)
    .option('--duration <duration>', 'how long, such as 2h, 90m or 1h30m (required)')
    .option('--max-duration <duration>', 'the longest duration accepted', DEFAULT_MAX_DURATION)
    .option('--dry-run', 'print the plan and the exact policy diff; write nothing', false)
    .option('--yes', 'apply without asking for confirmation', false)
    .action(async (options, command: Command) => {
      requireOptions(command, ['principal', 'reason', 'duration']);
      setExit(await runOpen(await runtimeFor(globals(command), deps), options));
    });

  program
    .command('close')
    .description('put back the exact baseline SSN policies, verify them by reading back, and log it')
    .option('--dry-run', 'print what would change; write nothing', false)
    .action(async (options, command: Command) =>
      setExit(await runClose(await runtimeFor(globals(command), deps), options)),
    );

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
    .action(async (options: { offline: boolean; json: boolean; otherRegion: boolean }, command: Command) =>
      setExit(
        await runIntegration(
          await runtimeFor(globals(command), deps, {
            otherRegion: options.otherRegion,
            offline: options.offline,
          }),
          options,
        ),
      ),
    );

  program
    .command('doctor')
    .description(
      'check the deployed backup account, reading only: one line per check (PASS, WARN, FAIL, SKIP); exit 15 if a check FAILs (npm run doctor)',
    )
    .option(
      '--days <n>',
      "days of CloudTrail's event history read for the KMS lines (1 to 90)",
      DEFAULT_EVENT_DAYS,
    )
    .addOption(new Option('--json', 'print the report as one JSON object').default(false))
    .addOption(otherRegionOption())
    .action(async (options: DoctorCommandOptions, command: Command) =>
      setExit(
        await runDoctorCommand(globals(command), options, {
          ...deps,
          clients: deps.doctorClients ?? sdkClients,
        }),
      ),
    );

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

/** The AWS SDK clients of every command, in one region and profile; notes an old Node.js once. */
function sdkClients({
  region,
  profile,
}: {
  readonly region: string;
  readonly profile?: string;
}): DoctorClients {
  const notice = nodeVersionNotice(process.version);
  if (notice && !noticeShown) console.error(notice);
  noticeShown = true;
  return {
    backup: new BackupClient({ region, profile }),
    kms: new KMSClient({ region, profile }),
    sts: new STSClient({ region, profile }),
    cloudformation: new CloudFormationClient({ region, profile }),
    sns: new SNSClient({ region, profile }),
    cloudtrail: new CloudTrailClient({ region, profile }),
  };
}

function realDeps(): CliDeps {
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  silenceSdkNodeWarning();
  return {
    cwd: process.cwd(),
    out: (text) => console.log(text),
    err: (text) => console.error(text),
    now: () => new Date(),
    clients: sdkClients,
    doctorClients: sdkClients,
    confirm: interactive
      ? async (question) => {
          const rl = createInterface({ input: process.stdin, output: process.stdout });
          try {
            return (await rl.question(question)).trim().toLowerCase() === 'yes';
          } finally {
            rl.close();
          }
        }
      : undefined,
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
