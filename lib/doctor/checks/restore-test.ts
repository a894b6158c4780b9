import type { RestoreTestingPlan, RestoreTestJob } from '../../aws';
import { unreadable } from '../aws-errors';
import type { DoctorAws } from '../aws';
import type { Checked, DoctorContext, Unreadable } from '../types';

/** A finished restore test. */
export interface RestoreTest {
  readonly restoreJobId?: string;
  readonly created?: Date;
  readonly status?: string;
  readonly validationStatus?: string;
  /** Why it failed: the validation's message, else the restore job's. */
  readonly reason?: string;
}

export interface RestoreTestFacts {
  readonly planArn: string;
  readonly schedule?: string;
  /** The newest finished restore test, if any. */
  readonly last?: RestoreTest;
  /** Restore tests still running or being validated. */
  readonly inProgress: number;
}

export type RestoreTestFinding =
  | { readonly kind: 'off' }
  | Unreadable
  | { readonly kind: 'no-plan'; readonly planName: string; readonly region: string }
  | {
      readonly kind: 'no-finished';
      readonly planName: string;
      readonly schedule?: string;
      readonly inProgress: number;
    }
  | { readonly kind: 'finished'; readonly last: RestoreTest; readonly inProgress: number };

export type RestoreTestCheck = Checked<'restore-test', RestoreTestFinding, RestoreTestFacts>;

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
): Promise<RestoreTestCheck> {
  const base = { check: 'restore-test', id: 'restore-test' } as const;
  if (planName === undefined) return { ...base, status: 'SKIP', finding: { kind: 'off' } };
  let plan: RestoreTestingPlan | undefined;
  let jobs: RestoreTestJob[] = [];
  try {
    plan = await aws.findRestoreTestingPlan(planName);
    if (plan?.arn) jobs = await aws.restoreTestJobs(plan.arn);
  } catch (error) {
    return { ...base, status: 'FAIL', finding: unreadable(error) };
  }
  if (!plan?.arn)
    return { ...base, status: 'FAIL', finding: { kind: 'no-plan', planName, region: ctx.region } };
  const byNewest = [...jobs].sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
  const finished = byNewest.find((j) => FINISHED.has(j.status ?? '') && j.validationStatus !== 'VALIDATING');
  const inProgress = byNewest.filter(
    (j) => j !== finished && (!FINISHED.has(j.status ?? '') || j.validationStatus === 'VALIDATING'),
  ).length;
  const last = finished && {
    restoreJobId: finished.restoreJobId,
    created: finished.createdAt,
    status: finished.status,
    validationStatus: finished.validationStatus,
    reason: finished.validationMessage ?? finished.statusMessage,
  };
  const facts: RestoreTestFacts = { planArn: plan.arn, schedule: plan.schedule, last, inProgress };
  if (!last)
    return {
      ...base,
      status: 'WARN',
      finding: { kind: 'no-finished', planName, schedule: plan.schedule, inProgress },
      facts,
    };
  const status =
    last.status === 'COMPLETED' && last.validationStatus === 'SUCCESSFUL'
      ? 'PASS'
      : last.status === 'COMPLETED' && last.validationStatus === undefined
        ? 'WARN'
        : 'FAIL';
  return { ...base, status, finding: { kind: 'finished', last, inProgress }, facts };
}
