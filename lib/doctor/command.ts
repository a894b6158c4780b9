import {
  EXIT,
  type ExitCode,
  type GlobalOptions,
  type Output,
  render,
  setUpCommand,
  UsageError,
} from '../cli';
import { RESTORE_TESTING_PLAN_NAME } from '../stack-facts';
import type { DoctorClients } from './clients';
import { renderText } from './render';
import { runDoctor } from './run';

export interface DoctorCommandOptions {
  readonly json: boolean;
  /** Days of CloudTrail event history to read for the KMS lines, as given (`--days`). */
  readonly days: string;
  /** Allows --region to differ from backup_region (the health check only reads). */
  readonly otherRegion: boolean;
}

/** What the command takes from its surroundings; tests pass their own. */
export interface DoctorCommandDeps extends Output {
  /** Where the configuration is looked for. */
  readonly cwd: string;
  readonly now: () => Date;
  readonly clients: (options: { readonly region: string; readonly profile?: string }) => DoctorClients;
  /** The profiles the AWS configuration files define. @default read with the SDK's loader */
  readonly profiles?: () => Promise<readonly string[]>;
}

export const DEFAULT_EVENT_DAYS = '7';
/** CloudTrail's event history keeps 90 days of management events. */
const MAX_EVENT_DAYS = 90;

export function parseEventDays(text: string): number {
  const days = Number(text);
  if (!/^\d+$/.test(text) || days < 1 || days > MAX_EVENT_DAYS) {
    throw new UsageError(
      `--days must be a whole number of days from 1 to ${MAX_EVENT_DAYS} (CloudTrail's event history keeps ${MAX_EVENT_DAYS} days), got ${JSON.stringify(text)}`,
    );
  }
  return days;
}

/**
 * `doctor`: loads the configuration as the app does, applies the shared --profile and --region
 * rules, runs every check and prints the report (text or `--json`). Exits 0 when no check FAILed,
 * `EXIT.unhealthy` when one did; failures to run at all (credentials, configuration) take the
 * shared exit codes.
 */
export async function runDoctorCommand(
  globals: GlobalOptions,
  options: DoctorCommandOptions,
  deps: DoctorCommandDeps,
): Promise<ExitCode> {
  const kmsEventDays = parseEventDays(options.days);
  const { config, region } = await setUpCommand(globals, deps, {
    otherRegion: options.otherRegion,
    otherRegionOption: '--other-region',
  });
  const report = await runDoctor(
    deps.clients({ region, profile: globals.profile }),
    { config, region, now: deps.now(), kmsEventDays },
    // The plan exists only when the configuration turns restore testing on.
    { restoreTestingPlanName: config.restoreTesting ? RESTORE_TESTING_PLAN_NAME : undefined },
  );
  render(report, options, renderText, deps);
  return report.ok ? EXIT.ok : EXIT.unhealthy;
}
