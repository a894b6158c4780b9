import { GetRestoreTestingPlanCommand, ListRestoreJobsCommand } from '@aws-sdk/client-backup';
import { PublishCommand } from '@aws-sdk/client-sns';
import type { RestoreTestClients } from './validate';

/**
 * The watch on restore testing itself: has a restore test of the plan completed and passed validation
 * within the allowed silence (two schedule periods, plus the start and validation windows)? It runs once
 * a day and alerts on every run while none has: when AWS Backup selects no recovery point (AWS does not
 * document whether restore testing selects recovery points copied in from another account), and when
 * tests complete but are never validated (for example if the completion event never reaches the
 * function, so that AWS Backup records TIMED_OUT).
 */
export interface OverdueSettings {
  readonly planName: string;
  readonly planArn: string;
  readonly topicArn: string;
  /** Hours without a completed restore test after which the tests count as overdue. */
  readonly maxSilenceHours: number;
}

export type OverdueOutcome =
  | { readonly result: 'on-time'; readonly lastPassed: Date }
  | { readonly result: 'plan-too-new'; readonly planCreated: Date }
  | {
      readonly result: 'overdue';
      readonly since: Date;
      /** Validation statuses of the tests that completed in the period without passing ("none": not reported). */
      readonly unvalidated: readonly string[];
    };

const HOUR_MS = 3_600_000;

export async function checkOverdue(
  clients: Pick<RestoreTestClients, 'backup' | 'sns'>,
  settings: OverdueSettings,
  now: Date,
): Promise<OverdueOutcome> {
  const since = new Date(now.getTime() - settings.maxSilenceHours * HOUR_MS);
  let lastPassed: Date | undefined;
  const unvalidated: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await clients.backup.send(
      new ListRestoreJobsCommand({
        ByRestoreTestingPlanArn: settings.planArn,
        ByStatus: 'COMPLETED',
        ByCompleteAfter: since,
        NextToken: nextToken,
      }),
    );
    for (const job of page.RestoreJobs ?? []) {
      const done = job.CompletionDate;
      if (job.ValidationStatus !== 'SUCCESSFUL') unvalidated.push(job.ValidationStatus ?? 'none');
      else if (done && (!lastPassed || done > lastPassed)) lastPassed = done;
    }
    nextToken = page.NextToken;
  } while (nextToken);
  if (lastPassed) return { result: 'on-time', lastPassed };

  // A plan younger than the allowed silence has not missed anything yet.
  const { RestoreTestingPlan } = await clients.backup.send(
    new GetRestoreTestingPlanCommand({ RestoreTestingPlanName: settings.planName }),
  );
  const planCreated = RestoreTestingPlan?.CreationTime;
  if (planCreated && planCreated > since) return { result: 'plan-too-new', planCreated };

  await clients.sns.send(
    new PublishCommand({
      TopicArn: settings.topicArn,
      Subject: 'CompactConnect backups: no completed restore test',
      Message: [
        `No restore test of the plan ${settings.planName} has completed and passed validation since ${since.toISOString()} (${settings.maxSilenceHours} hours: two schedule periods, plus the start and validation windows).`,
        unvalidated.length === 0
          ? 'No restore job of the plan completed in that time.'
          : `${unvalidated.length} restore job(s) completed without passing validation (validation status: ${unvalidated.join(', ')}).`,
        '',
        "Check the plan's restore jobs (AWS Backup console, Jobs, Restore jobs, or",
        `aws backup list-restore-jobs --by-restore-testing-plan-arn ${settings.planArn}).`,
        'No job at all usually means AWS Backup found no recovery point to select: the general vault has',
        'received no DynamoDB copy within the selection window, or restore testing does not select recovery',
        'points copied in from another account (AWS does not document which). This alert repeats daily.',
      ].join('\n'),
    }),
  );
  return { result: 'overdue', since, unvalidated };
}
