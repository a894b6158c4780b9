import type { TrailInfo } from '../../aws';
import { readFailure } from '../aws-errors';
import type { DoctorAws } from '../aws';
import type { CheckResult, DoctorContext } from '../types';
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
    readonly readError?: string;
  }[];
}

type TrailFact = TrailFacts['trails'][number];

/**
 * EventBridge receives the CloudTrail events the alert rules match only if a trail logs them: a
 * trail (this account's, multi-Region, or the organization's) that applies to the backup region, is
 * logging, and logs write management events of AWS Backup and KMS (basic or advanced selectors).
 */
export async function checkTrail(
  aws: Pick<DoctorAws, 'trails' | 'trailLogging' | 'trailSelectors'>,
  ctx: DoctorContext,
): Promise<CheckResult<TrailFacts>> {
  const base = { id: 'cloudtrail', title: `CloudTrail in ${ctx.region}` };
  let trails: TrailInfo[];
  try {
    trails = (await aws.trails()).filter((t) => t.multiRegion || t.homeRegion === ctx.region);
  } catch (error) {
    return {
      ...base,
      status: 'FAIL',
      summary: `trails cannot be listed: ${readFailure(error)}`,
      details: [],
    };
  }
  const facts: TrailFacts = { trails: await Promise.all(trails.map((t) => readTrail(aws, t))) };
  const good = facts.trails.filter((t) => t.logging && WATCHED_SOURCES.every((s) => t.logsWrites?.[s]));
  const details = facts.trails.map(describeTrail);
  if (good.length > 0)
    return {
      ...base,
      status: 'PASS',
      summary: `${good.map((t) => t.arn.split('/').pop()).join(', ')} logs write management events, KMS included: the alerts can fire`,
      details,
      facts,
    };
  if (facts.trails.some((t) => t.readError))
    return {
      ...base,
      status: 'WARN',
      summary:
        'no trail could be verified from this account: check the unreadable ones where they are managed (the organization trail in the management account)',
      details,
      facts,
    };
  return {
    ...base,
    status: 'FAIL',
    summary:
      facts.trails.length === 0
        ? 'no trail applies to this region: the CloudTrail alerts never fire (see README, Alerting)'
        : 'no trail logs write management events of AWS Backup and KMS here: the CloudTrail alerts never fire',
    details,
    facts,
  };
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
    return { ...fact, readError: readFailure(error) };
  }
}

function describeTrail(t: TrailFact): string {
  const kind = [
    t.organization ? 'organization' : 'account',
    t.multiRegion ? 'multi-Region' : 'single-Region',
  ].join(', ');
  if (t.readError) return `${t.arn} (${kind}): cannot be read from this account (${t.readError})`;
  const missing = WATCHED_SOURCES.filter((s) => !t.logsWrites?.[s]);
  const selectors =
    missing.length === 0
      ? 'logs write management events of AWS Backup and KMS'
      : `does not log write management events of ${missing.join(', ')}`;
  return `${t.arn} (${kind}): ${t.logging ? 'logging' : 'NOT LOGGING'}, ${selectors}`;
}
