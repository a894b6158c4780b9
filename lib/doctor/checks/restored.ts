import type { TrackingReads } from '../../aws';
import { RESTORE_LOOKBACK_DAYS, remains, trackRestores } from '../../break-glass/restored';
import { restoredItemLines } from '../../break-glass/text';
import { readFailure } from '../aws-errors';
import type { ExpectedDestination } from '../expected';
import type { CheckResult, DoctorContext } from '../types';

export interface RestoredFacts {
  readonly since: string;
  readonly restoreJobs: number;
  /** The resources and copies that remain, by restore job. */
  readonly remaining: readonly { readonly restoreJobId: string; readonly ids: readonly string[] }[];
}

/**
 * The tables restored from the SSN vault and every copy of them that exists, as `break-glass
 * status` finds them. The health check has no audit log, so it cannot tell what someone accepted:
 * anything remaining is a WARN, and `break-glass status` says whether it was accepted.
 */
export async function checkRestored(
  aws: TrackingReads,
  ctx: DoctorContext,
  ssn: ExpectedDestination,
  ssnKeyArn: string | undefined,
): Promise<CheckResult<RestoredFacts>> {
  const base = { id: 'restored:ssn', title: 'Restored SSN data' };
  const since = new Date(ctx.now.getTime() - RESTORE_LOOKBACK_DAYS * 86_400_000);
  let items;
  try {
    items = await trackRestores(aws, ssn.vaultArn, since);
  } catch (error) {
    return { ...base, status: 'FAIL', summary: `cannot be read: ${readFailure(error)}`, details: [] };
  }
  const left = items.filter((item) => remains(item) || item.descendants.length > 0);
  const facts: RestoredFacts = {
    since: since.toISOString(),
    restoreJobs: items.length,
    remaining: left.map((item) => ({
      restoreJobId: item.job.restoreJobId,
      ids: [
        ...(remains(item) ? [item.job.createdResourceArn ?? `(restore job ${item.job.restoreJobId})`] : []),
        ...item.descendants.map((d) => d.id),
      ],
    })),
  };
  const jobs = `${items.length} restore job${items.length === 1 ? '' : 's'} from ${ssn.vaultName} in the last ${RESTORE_LOOKBACK_DAYS} days`;
  if (left.length === 0)
    return { ...base, status: 'PASS', summary: `none remains (${jobs})`, details: [], facts };
  return {
    ...base,
    status: 'WARN',
    summary: `restored data or copies of it remain (${jobs}): delete them (break-glass cleanup, then by hand), or see in break-glass status whether they were accepted`,
    details: left.flatMap((item) =>
      restoredItemLines(item, ssnKeyArn).map((line) => line.replace(/^ {2}/, '')),
    ),
    facts,
  };
}
