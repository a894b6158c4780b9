import type { TrailInfo } from '../../aws';
import { refusedRead, unreadable } from '../aws-errors';
import type { DoctorAws } from '../aws';
import type { Checked, DoctorContext, ReadFailure, Unreadable } from '../types';
import { logsManagementEvent } from './event-selectors';

/** The write events the alert rules match come from these services. */
export const WATCHED_SOURCES = ['backup.amazonaws.com', 'kms.amazonaws.com'] as const;

export interface TrailFacts {
  readonly trails: readonly {
    readonly arn: string;
    readonly organization: boolean;
    readonly multiRegion: boolean;
    /** Undefined when the trail's status or selectors could not be read from this account. */
    readonly logging?: boolean;
    /** Whether it logs write management events of each watched source. */
    readonly logsWrites?: Readonly<Record<string, boolean>>;
    /** `--json` gives it as one line: "Name: message". */
    readonly readError?: ReadFailure;
  }[];
}

export type TrailFact = TrailFacts['trails'][number];

export type TrailFinding =
  | Unreadable
  | {
      readonly kind: 'trails';
      readonly trails: readonly TrailFact[];
      /** The trails that log and keep the watched write events: any one lets the alerts fire. */
      readonly verified: readonly TrailFact[];
    };

export type TrailCheck = Checked<'cloudtrail', TrailFinding, TrailFacts> & { readonly region: string };

/**
 * EventBridge receives the CloudTrail events the alert rules match only if a trail logs them: a
 * trail (this account's, multi-Region, or the organization's) that applies to the backup region, is
 * logging, and logs write management events of AWS Backup and KMS (basic or advanced selectors).
 */
export async function checkTrail(
  aws: Pick<DoctorAws, 'trails' | 'trailLogging' | 'trailSelectors'>,
  ctx: DoctorContext,
): Promise<TrailCheck> {
  const base = { check: 'cloudtrail', id: 'cloudtrail', region: ctx.region } as const;
  let trails: TrailInfo[];
  try {
    trails = (await aws.trails()).filter((t) => t.multiRegion || t.homeRegion === ctx.region);
  } catch (error) {
    return { ...base, status: 'FAIL', finding: unreadable(error) };
  }
  const facts: TrailFacts = { trails: await Promise.all(trails.map((t) => readTrail(aws, t))) };
  const verified = facts.trails.filter((t) => t.logging && WATCHED_SOURCES.every((s) => t.logsWrites?.[s]));
  const status = verified.length > 0 ? 'PASS' : facts.trails.some((t) => t.readError) ? 'WARN' : 'FAIL';
  return { ...base, status, finding: { kind: 'trails', trails: facts.trails, verified }, facts };
}

async function readTrail(
  aws: Pick<DoctorAws, 'trailLogging' | 'trailSelectors'>,
  t: TrailInfo,
): Promise<TrailFact> {
  const { arn } = t;
  const fact = { arn, organization: t.organization, multiRegion: t.multiRegion };
  try {
    const logging = await aws.trailLogging(arn);
    const selectors = await aws.trailSelectors(arn);
    const logsWrites = Object.fromEntries(
      WATCHED_SOURCES.map((source) => [
        source,
        logsManagementEvent(selectors, { eventSource: source, readOnly: false }),
      ]),
    );
    return { ...fact, logging, logsWrites };
  } catch (error) {
    return { ...fact, readError: refusedRead(error) };
  }
}
