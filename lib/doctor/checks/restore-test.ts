import {
  ListRestoreJobsCommand,
  ListRestoreTestingPlansCommand,
  type RestoreJobsListMember,
  type RestoreTestingPlanForList,
} from '@aws-sdk/client-backup';
import { readFailure } from '../aws-errors';
import type { DoctorClients } from '../clients';
import { age, day } from '../expected';
import type { CheckResult, DoctorContext } from '../types';

export interface RestoreTestFacts {
  readonly planArn: string;
  readonly schedule?: string;
  /** The newest finished restore test, if any. */
  readonly last?: {
    readonly restoreJobId?: string;
    readonly created?: Date;
    readonly status?: string;
    readonly validationStatus?: string;
    /** Why it failed: the validation's message, else the restore job's. */
    readonly reason?: string;
  };
  /** Restore tests still running or being validated. */
  readonly inProgress: number;
}

const FINISHED = new Set(['COMPLETED', 'FAILED', 'ABORTED']);

/**
 * The last restore test of the stack's restore testing plan: when, its result and, when it failed,
 * why. `planName` is the plan the configuration deploys; undefined when restore testing is off,
 * which is reported (SKIP), never failed.
 */
export async function checkRestoreTest(
  clients: Pick<DoctorClients, 'backup'>,
  ctx: DoctorContext,
  planName: string | undefined,
): Promise<CheckResult<RestoreTestFacts>> {
  const base = { id: 'restore-test', title: 'Restore testing' };
  if (planName === undefined)
    return {
      ...base,
      status: 'SKIP',
      summary: 'off in this configuration: no backup is restored to prove it restores',
      details: [],
    };
  let plan: RestoreTestingPlanForList | undefined;
  const jobs: RestoreJobsListMember[] = [];
  try {
    plan = await findPlan(clients, planName);
    const planArn = plan?.RestoreTestingPlanArn;
    let nextToken: string | undefined;
    if (planArn)
      do {
        const page = await clients.backup.send(
          new ListRestoreJobsCommand({ ByRestoreTestingPlanArn: planArn, NextToken: nextToken }),
        );
        jobs.push(...(page.RestoreJobs ?? []));
        nextToken = page.NextToken;
      } while (nextToken);
  } catch (error) {
    return { ...base, status: 'FAIL', summary: `cannot be read: ${readFailure(error)}`, details: [] };
  }
  if (!plan?.RestoreTestingPlanArn)
    return {
      ...base,
      status: 'FAIL',
      summary: `the configuration turns it on, but plan ${planName} is not deployed in ${ctx.region}`,
      details: [],
    };
  const byNewest = [...jobs].sort(
    (a, b) => (b.CreationDate?.getTime() ?? 0) - (a.CreationDate?.getTime() ?? 0),
  );
  const finished = byNewest.find((j) => FINISHED.has(j.Status ?? '') && j.ValidationStatus !== 'VALIDATING');
  const inProgress = byNewest.filter(
    (j) => j !== finished && (!FINISHED.has(j.Status ?? '') || j.ValidationStatus === 'VALIDATING'),
  ).length;
  const facts: RestoreTestFacts = {
    planArn: plan.RestoreTestingPlanArn,
    schedule: plan.ScheduleExpression,
    last: finished && {
      restoreJobId: finished.RestoreJobId,
      created: finished.CreationDate,
      status: finished.Status,
      validationStatus: finished.ValidationStatus,
      reason: finished.ValidationStatusMessage ?? finished.StatusMessage,
    },
    inProgress,
  };
  const details =
    inProgress > 0 ? [`${inProgress} restore test${inProgress === 1 ? '' : 's'} in progress`] : [];
  if (!finished)
    return {
      ...base,
      status: 'WARN',
      summary: `no finished restore test yet (plan ${planName}, ${plan.ScheduleExpression ?? 'no schedule'})`,
      details,
      facts,
    };
  const when = finished.CreationDate
    ? `${day(finished.CreationDate)} (${age(ctx.now, finished.CreationDate)})`
    : 'an unknown date';
  const outcome = `restore ${finished.Status}, validation ${finished.ValidationStatus ?? 'not reported'}`;
  const reason = facts.last?.reason ? `: ${facts.last.reason}` : '';
  if (finished.Status === 'COMPLETED' && finished.ValidationStatus === 'SUCCESSFUL')
    return { ...base, status: 'PASS', summary: `last test ${when}: ${outcome}`, details, facts };
  if (finished.Status === 'COMPLETED' && finished.ValidationStatus === undefined)
    return {
      ...base,
      status: 'WARN',
      summary: `last test ${when}: ${outcome} (the validation did not report a result)`,
      details,
      facts,
    };
  return { ...base, status: 'FAIL', summary: `last test ${when}: ${outcome}${reason}`, details, facts };
}

async function findPlan(
  clients: Pick<DoctorClients, 'backup'>,
  name: string,
): Promise<RestoreTestingPlanForList | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await clients.backup.send(new ListRestoreTestingPlansCommand({ NextToken: nextToken }));
    const found = page.RestoreTestingPlans?.find((p) => p.RestoreTestingPlanName === name);
    if (found) return found;
    nextToken = page.NextToken;
  } while (nextToken);
  return undefined;
}
