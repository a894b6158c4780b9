import type { TrackingReads } from '../../aws';
import { RESTORE_LOOKBACK_DAYS, remains, type RestoredItem, trackRestores } from '../../break-glass/restored';
import { unreadable } from '../aws-errors';
import type { ExpectedDestination } from '../expected';
import type { Checked, DoctorContext, Unreadable } from '../types';

export interface RestoredFacts {
  readonly since: string;
  readonly restoreJobs: number;
  /** The resources and copies that remain, by restore job. */
  readonly remaining: readonly { readonly restoreJobId: string; readonly ids: readonly string[] }[];
}

export type RestoredFinding =
  | Unreadable
  | {
      readonly kind: 'restores';
      readonly restoreJobs: number;
      /** The restores of which the table, or a copy of it, remains. */
      readonly left: readonly RestoredItem[];
      /** The SSN vault's key, which the lines name as the seal's. */
      readonly ssnKeyArn?: string;
    };

export type RestoredCheck = Checked<'restored', RestoredFinding, RestoredFacts> & {
  readonly vaultName: string;
};

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
): Promise<RestoredCheck> {
  const base = { check: 'restored', id: 'restored:ssn', vaultName: ssn.vaultName } as const;
  const since = new Date(ctx.now.getTime() - RESTORE_LOOKBACK_DAYS * 86_400_000);
  let items;
  try {
    items = await trackRestores(aws, ssn.vaultArn, since);
  } catch (error) {
    return { ...base, status: 'FAIL', finding: unreadable(error) };
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
  return {
    ...base,
    status: left.length === 0 ? 'PASS' : 'WARN',
    finding: { kind: 'restores', restoreJobs: items.length, left, ssnKeyArn },
    facts,
  };
}
