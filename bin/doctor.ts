#!/usr/bin/env node
/**
 * doctor: the read-only health check of a deployed backup account (see docs/doctor.md). This file
 * only parses arguments, builds the AWS calls, prints the report (text or JSON) and returns the
 * exit code; the checks live in lib/doctor.
 */
import { Command, Option } from 'commander';
import {
  addGlobalOptions,
  configureProgram,
  EXIT,
  type ExitCode,
  type ExitCodeSelection,
  type GlobalOptions,
  nodeVersionNotice,
  type Output,
  render,
  reportError,
  runProgram,
  setUpCommand,
  startTool,
  UsageError,
} from '../lib/cli';
import { checkKindsHelp, type DoctorAws, renderText, reportJson, runDoctor } from '../lib/doctor';
import { RESTORE_TESTING_PLAN_NAME } from '../lib/stack-facts';
import { awsFromClients } from '../lib/aws';
import { sdkClients } from '../lib/aws/clients';

const TOOL = 'doctor';

/** What the command line takes from its surroundings; tests pass their own. */
export interface DoctorCliDeps extends Output {
  /** Where the configuration is looked for. */
  readonly cwd: string;
  readonly now: () => Date;
  /** The AWS reads, in one region and profile; tests give the fake. */
  readonly aws: (options: { readonly region: string; readonly profile?: string }) => DoctorAws;
  /** The profiles the AWS configuration files define. @default read with the SDK's loader */
  readonly profiles?: () => Promise<readonly string[]>;
}

interface DoctorOptions extends GlobalOptions {
  readonly json: boolean;
  /** Days of CloudTrail event history to read for the KMS lines, as given. */
  readonly days: string;
  /** Allows --region to differ from backup_region (the health check only reads). */
  readonly otherRegion: boolean;
}

const DEFAULT_EVENT_DAYS = '7';
/** CloudTrail's event history keeps 90 days of management events. */
const MAX_EVENT_DAYS = 90;
const OTHER_REGION = '--other-region';

/** The read permissions, named when AWS denies one that the check cannot do without. */
export const ACCESS_DENIED_HINT =
  'The health check only reads: use a role of the backup account allowed its read actions (the BackupAccountDoctor policy in docs/doctor.md: Describe, Get, List and Lookup on CloudFormation, AWS Backup, KMS, SNS, CloudTrail, DynamoDB and S3, and sts:GetCallerIdentity).';

/** The codes the health check returns, with what success means for it. */
const EXIT_CODES: ExitCodeSelection = {
  codes: [
    'ok',
    'unexpected',
    'usage',
    'noCredentials',
    'accessDenied',
    'throttled',
    'notFound',
    'network',
    'unhealthy',
  ],
  meanings: {
    ok: 'every check ran and none FAILed (WARN and SKIP do not fail)',
    unhealthy: 'at least one check FAILed',
  },
};

const ABOUT = `
Checks, one line each (PASS, WARN, FAIL or SKIP), a check's details indented below it:
${checkKindsHelp()}

It reads only (Describe, Get, List and Lookup calls; the exact actions are in docs/doctor.md), with
credentials of the backup account. A refused read fails only the check that needed it.`;

const EXAMPLES = `
Examples:
  npm run doctor
  npm run doctor -- --profile backup-prod --json
  npm run doctor -- --profile backup-prod -c environment=prod --days 30`;

function parseEventDays(text: string): number {
  const days = Number(text);
  if (!/^\d+$/.test(text) || days < 1 || days > MAX_EVENT_DAYS) {
    throw new UsageError(
      `--days must be a whole number of days from 1 to ${MAX_EVENT_DAYS} (CloudTrail's event history keeps ${MAX_EVENT_DAYS} days), got ${JSON.stringify(text)}`,
    );
  }
  return days;
}

export function buildProgram(deps: DoctorCliDeps, setExit: (code: ExitCode) => void): Command {
  const program = addGlobalOptions(
    new Command(TOOL).description(
      'Check the deployed CompactConnect backup account, reading only: one line per check (PASS, WARN, FAIL, SKIP).',
    ),
  )
    .option(
      '--days <n>',
      "days of CloudTrail's event history read for the KMS lines (1 to 90)",
      DEFAULT_EVENT_DAYS,
    )
    .addOption(new Option('--json', 'print the report as one JSON object').default(false))
    .addOption(
      new Option(
        OTHER_REGION,
        "allow --region to differ from the configuration's backup_region (the check only reads)",
      ).default(false),
    );
  configureProgram(program, deps, `${ABOUT}\n${EXAMPLES}`, EXIT_CODES);
  program.showHelpAfterError(`(run ${TOOL} --help for usage)`);
  program.action(async (options: DoctorOptions) => {
    const kmsEventDays = parseEventDays(options.days);
    const { config, region } = await setUpCommand(options, deps, {
      otherRegion: options.otherRegion,
      otherRegionOption: OTHER_REGION,
    });
    const report = await runDoctor(
      deps.aws({ region, profile: options.profile }),
      { config, region, now: deps.now(), kmsEventDays },
      // The plan exists only when the configuration turns restore testing on.
      { restoreTestingPlanName: config.restoreTesting ? RESTORE_TESTING_PLAN_NAME : undefined },
    );
    if (options.json) render(reportJson(report), options, () => [], deps);
    else render(report, options, renderText, deps);
    setExit(report.ok ? EXIT.ok : EXIT.unhealthy);
  });
  return program;
}

/** Runs the health check's command line on `argv` (none is the usual run); returns the exit code. */
export async function main(argv: readonly string[], deps: DoctorCliDeps): Promise<number> {
  let code: ExitCode = EXIT.ok;
  const program = buildProgram(deps, (c) => {
    code = c;
  });
  return runProgram(
    program,
    argv,
    deps,
    () => code,
    { accessDenied: ACCESS_DENIED_HINT },
    { runsWithoutArguments: true },
  );
}

/** The AWS reads over SDK clients of one region and profile, each built when a call first needs it. */
function sdkAws({ region, profile }: { readonly region: string; readonly profile?: string }): DoctorAws {
  const notice = nodeVersionNotice(process.version);
  if (notice) console.error(notice);
  return awsFromClients(sdkClients({ region, profile }));
}

if (require.main === module) {
  startTool(
    () =>
      main(process.argv.slice(2), {
        cwd: process.cwd(),
        out: (text) => console.log(text),
        err: (text) => console.error(text),
        now: () => new Date(),
        aws: sdkAws,
      }),
    (error) => reportError(TOOL, error, (text) => console.error(text), { accessDenied: ACCESS_DENIED_HINT }),
  );
}
