#!/usr/bin/env node
/**
 * drill: proves a deployed backup account end to end with synthetic data (see docs/drill.md). This
 * file only parses arguments, builds the AWS calls of both accounts, prints progress and the
 * verdict, and returns the exit code; the logic lives in lib/drill.
 */
import { resolve } from 'node:path';
import { Command } from 'commander';
import {
  addGlobalOptions,
  configureProgram,
  describeError,
  EXIT,
  type ExitCode,
  type GlobalOptions,
  jsonText,
  nodeVersionNotice,
  type Output,
  RefusedError,
  reportError,
  runProgram,
  setUpCommand,
  startTool,
  terminalConfirm,
  UsageError,
} from '../lib/cli';
import { STACK_NAME } from '../lib/stack-facts';
import { DEFAULT_AUDIT_LOG } from '../lib/break-glass/runtime';
import { type AccountAccess, awsFromClients, type OperatorAws } from '../lib/aws';
import { assumedRoleClients, sdkClients } from '../lib/aws/clients';
import type { DrillAws } from '../lib/drill/aws';
import { drillSeal } from '../lib/drill/seal';
import type { DrillDeps } from '../lib/drill/context';
import { destinationsFromOutputs } from '../lib/drill/destinations';
import { offlineDestinations } from '../lib/drill/offline';
import { drillPlan } from '../lib/drill/plan';
import { isDrillId, type DrillRecord, newDrillId, RecordStore } from '../lib/drill/record';
import { type DrillReport, drillReport, fileReport, writeReport } from '../lib/drill/report';
import { cleanUpDrill, runDrill, startRecord } from '../lib/drill/run';
import { type DrillOptions, drillSettings } from '../lib/drill/settings';
import { planText, progressLine, verdictText } from '../lib/drill/text';

const TOOL = 'drill';

/** What the command line takes from its surroundings; tests pass their own. */
export interface DrillCliDeps extends Output {
  readonly cwd: string;
  readonly now: () => Date;
  /** The AWS calls of both accounts; tests give fakes. */
  readonly aws: (options: {
    readonly source: { readonly region: string; readonly profile?: string };
    readonly backup: { readonly region: string; readonly profile?: string };
  }) => DrillAws;
  readonly profiles?: () => Promise<readonly string[]>;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Asks a yes/no question; undefined when there is no terminal to confirm on. */
  readonly confirm?: (question: string) => Promise<boolean>;
  /** How often jobs are polled. @default 30 */
  readonly pollSeconds?: number;
  /** The backup account's calls made as a role. @default sts:AssumeRole with the backup profile */
  readonly roleAws?: (
    roleArn: string,
    base: { readonly region: string; readonly profile?: string },
  ) => Promise<OperatorAws>;
}

interface CommandOptions extends Omit<DrillOptions, 'profile' | 'region'> {
  readonly dryRun: boolean;
  readonly offline: boolean;
  readonly resume?: string;
  readonly cleanup?: string;
  readonly records: string;
  readonly json: boolean;
  readonly yes: boolean;
  readonly breakGlass?: string;
}

const EXAMPLES = `
Run it on a staging deployment first. Examples:
  npm run drill -- --dry-run --offline
  npm run drill -- --profile backup-staging --source-profile env-staging --dry-run
  npm run drill -- --profile backup-staging --source-profile env-staging --rto 30
  npm run drill -- --profile backup-staging --source-profile env-staging --resume 20261206-a1b2c3
  npm run drill -- --profile backup-staging --source-profile env-staging --cleanup 20261206-a1b2c3`;

function recordOf(store: RecordStore, id: string): DrillRecord {
  if (!isDrillId(id)) throw new UsageError(`"${id}" is not a drill ID (such as 20261206-a1b2c3)`);
  const record = store.load(id);
  if (!record) throw new UsageError(`no record of drill ${id} in ${store.folder}`);
  return record;
}

export function buildProgram(deps: DrillCliDeps, setExit: (code: ExitCode) => void): Command {
  const program = addGlobalOptions(
    new Command(TOOL).description(
      'Prove a deployed backup account end to end: back up a synthetic table in a source account, copy it into both vaults, restore and verify it, record the evidence, and remove what it made.',
    ),
  )
    .option('--source-account <id>', 'the source account (default: the first of source_account_ids)')
    .option('--source-region <region>', 'its region (default: the first of source_regions)')
    .option('--source-profile <name>', 'AWS profile for the source account')
    .option('--source-vault <name>', "the source account's backup vault", 'Default')
    .option(
      '--copy-role <arn>',
      "the source account's role for the backup and copies (default: its AWSBackupDefaultServiceRole)",
    )
    .option(
      '--restore-role <arn>',
      "the backup account's role for the restore (default: its AWSBackupDefaultServiceRole)",
    )
    .option('--rto <minutes>', 'restore time target, in minutes (default: restore_time_target_minutes, 60)')
    .option('--items <count>', 'generated items in the test table (default: 100)')
    .option('--timeout <minutes>', 'how long to wait for each job (default: backup 60, copy and restore 240)')
    .option('--dry-run', 'print the plan with every API call and resource, and make nothing', false)
    .option('--offline', 'with --dry-run: from the configuration alone, without AWS', false)
    .option('--resume <id>', 'finish an interrupted drill')
    .option('--cleanup <id>', 'remove what a drill made')
    .option('--records <folder>', 'where drill records and reports are kept', '.drill')
    .option('--json', 'print the report (or the plan) as JSON on stdout', false)
    .option(
      '--break-glass <role-arn>',
      'also run the emergency path on the SSN copy: open for this role of the backup account, restore under the SSN key as it, verify, close, show the data sealed, clean up',
    )
    .option('--break-glass-duration <duration>', 'how long the opening lasts (default: 1h)')
    .option(
      '--cache-wait <minutes>',
      'minutes to wait after close before reading the restore again (default: 6)',
    )
    .option('--yes', 'do not ask for confirmation', false);
  configureProgram(program, deps, EXAMPLES);
  program.action(async (options: CommandOptions, command: Command) => {
    const globals = command.optsWithGlobals<GlobalOptions & CommandOptions>();
    if (options.offline && !options.dryRun) throw new UsageError('--offline goes with --dry-run');
    if ([options.dryRun, options.resume, options.cleanup].filter(Boolean).length > 1)
      throw new UsageError('choose one of --dry-run, --resume and --cleanup');
    const { config, region } = await setUpCommand(globals, deps, { offline: options.offline });
    const store = new RecordStore(resolve(deps.cwd, options.records));
    const existing = options.resume ?? options.cleanup;
    const settings = existing
      ? recordOf(store, existing).settings
      : drillSettings(config, {
          ...options,
          breakGlassRole: options.breakGlass,
          profile: globals.profile,
          region,
        });
    const accounts = () =>
      deps.aws({
        source: { region: settings.sourceRegion, profile: settings.sourceProfile },
        backup: { region: settings.backupRegion, profile: settings.profile },
      });
    if (options.dryRun) {
      const id = newDrillId(deps.now());
      const destinations = options.offline
        ? offlineDestinations(config, region)
        : destinationsFromOutputs(
            (await accounts().backup.describeStack(STACK_NAME)).outputs,
            () => '(not deployed)',
          );
      const plan = drillPlan({
        format: 'compactconnect-backup-drill/1',
        id,
        createdAt: deps.now().toISOString(),
        settings,
        destinations,
        resources: {},
        steps: {},
      });
      if (options.json) deps.out(jsonText(plan));
      else for (const line of planText(id, plan)) deps.out(line);
      setExit(EXIT.ok);
      return;
    }
    const aws = accounts();
    const backupAccess = { region: settings.backupRegion, profile: settings.profile };
    const drillDeps: DrillDeps = {
      aws,
      // The emergency path runs through the break-glass tool's own commands, with its audit log.
      seal: drillSeal({
        config,
        region: settings.backupRegion,
        aws: aws.backup,
        now: deps.now,
        auditLogPath: resolve(deps.cwd, DEFAULT_AUDIT_LOG),
        sleep: deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      }),
      asRole: async (roleArn) => ({
        ...aws,
        backup: await (deps.roleAws ?? assumedBackupAws)(roleArn, backupAccess),
      }),
      config,
      store,
      now: deps.now,
      sleep: deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      pollSeconds: deps.pollSeconds,
      progress: (event) => {
        const line = progressLine(event);
        if (line) deps.err(line);
      },
    };
    let record: DrillRecord;
    if (options.cleanup) record = await cleanUpDrill(drillDeps, recordOf(store, options.cleanup));
    else if (options.resume) record = await runDrill(drillDeps, recordOf(store, options.resume));
    else {
      if (!options.yes) {
        const question = `Create a synthetic table in account ${settings.sourceAccountId}, copy it into both vaults of ${settings.backupAccountId} (the copies stay ${settings.copyRetentionDays} days under Vault Lock), restore and remove it? Type yes: `;
        if (!deps.confirm) throw new RefusedError('no terminal to confirm on: pass --yes to run the drill');
        if (!(await deps.confirm(question))) throw new RefusedError('not confirmed: nothing was made');
      }
      record = await runDrill(drillDeps, startRecord(drillDeps, settings));
    }
    const report = drillReport(record, deps.now());
    const paths = writeReport(store.folder, report);
    if (options.json) deps.out(jsonText(report));
    for (const line of verdictText(report, paths, await filedAsEvidence(aws, record, report))) deps.err(line);
    const cleanupOnly = options.cleanup !== undefined;
    const ok = cleanupOnly ? record.steps.cleanup?.status === 'passed' : report.verdict === 'passed';
    setExit(ok ? EXIT.ok : EXIT.drillFailed);
  });
  return program;
}

/** Files the report in the stack's evidence bucket, when it has one: the line that says where, or why not. */
async function filedAsEvidence(
  aws: DrillAws,
  record: DrillRecord,
  report: DrillReport,
): Promise<string | undefined> {
  const bucket = record.evidenceBucket;
  if (!bucket) return undefined;
  try {
    return `Filed as evidence: ${(await fileReport(aws, bucket, report)).join(' and ')}`;
  } catch (error) {
    return `Warning: the report could not be filed in the evidence bucket ${bucket} (${describeError(error).message}); file the local copy.`;
  }
}

/** The backup account's calls acting as `roleArn` (sts:AssumeRole with the backup profile). */
async function assumedBackupAws(roleArn: string, base: AccountAccess): Promise<OperatorAws> {
  return awsFromClients(await assumedRoleClients(roleArn, base, 'backup-drill'));
}

/** The calls of both accounts, over SDK clients each built as a call first needs it. */
function sdkDrillAws(options: { readonly source: AccountAccess; readonly backup: AccountAccess }): DrillAws {
  return {
    source: awsFromClients(sdkClients(options.source)),
    backup: awsFromClients(sdkClients(options.backup)),
  };
}

/** Runs the drill's command line; returns the exit code. */
export async function main(argv: readonly string[], deps: DrillCliDeps): Promise<number> {
  let code: ExitCode = EXIT.ok;
  const program = buildProgram(deps, (c) => {
    code = c;
  });
  return runProgram(program, argv, deps, () => code, {
    accessDenied:
      'The drill needs, in the backup account, a role that reads the stack, CloudTrail and the vaults and runs restores; in the source account, one that creates tables and starts backup and copy jobs (see docs/drill.md).',
  });
}

if (require.main === module) {
  startTool(
    () => {
      const notice = nodeVersionNotice(process.version);
      if (notice) console.error(notice);
      return main(process.argv.slice(2), {
        cwd: process.cwd(),
        out: (text) => console.log(text),
        err: (text) => console.error(text),
        now: () => new Date(),
        aws: sdkDrillAws,
        confirm: terminalConfirm(),
      });
    },
    (error) => reportError(TOOL, error, (text) => console.error(text)),
  );
}
