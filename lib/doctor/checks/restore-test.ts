import type { RestoreTestingPlan, RestoreTestJob } from '../../aws';
import { readFailure } from '../aws-errors';
import type { DoctorAws } from '../aws';
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
  aws: Pick<DoctorAws, 'findRestoreTestingPlan' | 'restoreTestJobs'>,
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
  let plan: RestoreTestingPlan | undefined;
  let jobs: RestoreTestJob[] = [];
  try {
    plan = await aws.findRestoreTestingPlan(planName);
    if (plan?.arn) jobs = await aws.restoreTestJobs(plan.arn);
  } catch (error) {
    return { ...base, status: 'FAIL', summary: `cannot be read: ${readFailure(error)}`, details: [] };
  }
  if (!plan?.arn)
    return {
      ...base,
      status: 'FAIL',
      summary: `the configuration turns it on, but plan ${planName} is not deployed in ${ctx.region}`,
      details: [],
    };
  const byNewest = [...jobs].sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
  const finished = byNewest.find((j) => FINISHED.has(j.status ?? '') && j.validationStatus !== 'VALIDATING');
  const inProgress = byNewest.filter(
    (j) => j !== finished && (!FINISHED.has(j.status ?? '') || j.validationStatus === 'VALIDATING'),
  ).length;
  const facts: RestoreTestFacts = {
    planArn: plan.arn,
    schedule: plan.schedule,
    last: finished && {
      restoreJobId: finished.restoreJobId,
      created: finished.createdAt,
      status: finished.status,
      validationStatus: finished.validationStatus,
      reason: finished.validationMessage ?? finished.statusMessage,
    },
    inProgress,
  };
  const details =
    inProgress > 0 ? [`${inProgress} restore test${inProgress === 1 ? '' : 's'} in progress`] : [];
  if (!finished)
    return {
      ...base,
      status: 'WARN',
      summary: `no finished restore test yet (plan ${planName}, ${plan.schedule ?? 'no schedule'})`,
      details,
      facts,
    };
  const when = finished.createdAt
    ? `${day(finished.createdAt)} (${age(ctx.now, finished.createdAt)})`
    : 'an unknown date';
  const outcome = `restore ${finished.status}, validation ${finished.validationStatus ?? 'not reported'}`;
  const reason = facts.last?.reason ? `: ${facts.last.reason}` : '';
  if (finished.status === 'COMPLETED' && finished.validationStatus === 'SUCCESSFUL')
    return { ...base, status: 'PASS', summary: `last test ${when}: ${outcome}`, details, facts };
  if (finished.status === 'COMPLETED' && finished.validationStatus === undefined)
    return {
      ...base,
      status: 'WARN',
      summary: `last test ${when}: ${outcome} (the validation did not report a result)`,
      details,
      facts,
    };
  return { ...base, status: 'FAIL', summary: `last test ${when}: ${outcome}${reason}`, details, facts };
}
