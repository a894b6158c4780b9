import { type TrailCheck, type TrailFact, WATCHED_SOURCES } from '../checks/trail';
import type { CheckText } from './check-text';
import { failureText } from './words';

export function trailText({ region, status, finding }: TrailCheck): CheckText {
  const title = `CloudTrail in ${region}`;
  if (finding.kind === 'unreadable')
    return { title, summary: `trails cannot be listed: ${failureText(finding.failure)}`, details: [] };
  const details = finding.trails.map(trailLine);
  if (finding.verified.length > 0)
    return {
      title,
      summary: `${finding.verified.map((t) => t.arn.split('/').pop()).join(', ')} logs write management events, KMS included: the alerts can fire`,
      details,
    };
  // WARN: some trail could not be read, so none is known to miss the events.
  if (status === 'WARN')
    return {
      title,
      summary:
        'no trail could be verified from this account: check the unreadable ones where they are managed (the organization trail in the management account)',
      details,
    };
  return {
    title,
    summary:
      finding.trails.length === 0
        ? 'no trail applies to this region: the CloudTrail alerts never fire (see README, Alerting)'
        : 'no trail logs write management events of AWS Backup and KMS here: the CloudTrail alerts never fire',
    details,
  };
}

function trailLine(t: TrailFact): string {
  const kind = [
    t.organization ? 'organization' : 'account',
    t.multiRegion ? 'multi-Region' : 'single-Region',
  ].join(', ');
  if (t.readError)
    return `${t.arn} (${kind}): cannot be read from this account (${failureText(t.readError)})`;
  const missing = WATCHED_SOURCES.filter((s) => !t.logsWrites?.[s]);
  const selectors =
    missing.length === 0
      ? 'logs write management events of AWS Backup and KMS'
      : `does not log write management events of ${missing.join(', ')}`;
  return `${t.arn} (${kind}): ${t.logging ? 'logging' : 'NOT LOGGING'}, ${selectors}`;
}
