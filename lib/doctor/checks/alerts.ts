import type { TopicSubscription } from '../../aws';
import { alertTopicArn } from '../../stack-facts';
import { readFailure } from '../aws-errors';
import type { DoctorAws } from '../aws';
import type { CheckResult, DoctorContext } from '../types';

export interface SubscriptionFacts {
  readonly topicArn: string;
  readonly subscriptions: readonly {
    readonly protocol: string;
    readonly endpoint: string;
    /** SNS shows `PendingConfirmation` instead of an ARN until the endpoint confirms. */
    readonly confirmed: boolean;
  }[];
}

/**
 * Who receives the alerts: every subscription of the alert topic, those still pending
 * confirmation, and each `alert_emails` address that is not subscribed at all.
 */
export async function checkAlertSubscriptions(
  aws: Pick<DoctorAws, 'topicSubscriptions'>,
  ctx: DoctorContext,
): Promise<CheckResult<SubscriptionFacts>> {
  const topicArn = alertTopicArn(ctx.region, ctx.config.backupAccountId);
  const base = { id: 'alerts', title: `Alert topic ${topicArn.split(':').pop()}` };
  let found: TopicSubscription[] | undefined;
  try {
    found = await aws.topicSubscriptions(topicArn);
  } catch (error) {
    return { ...base, status: 'FAIL', summary: `cannot be read: ${readFailure(error)}`, details: [] };
  }
  if (!found) return { ...base, status: 'FAIL', summary: `${topicArn} does not exist`, details: [] };
  const subscriptions = found.map((s) => ({
    protocol: s.protocol ?? '?',
    endpoint: s.endpoint ?? '?',
    confirmed: s.confirmed,
  }));
  const facts: SubscriptionFacts = { topicArn, subscriptions };
  const pending = subscriptions.filter((s) => !s.confirmed);
  const confirmed = subscriptions.filter((s) => s.confirmed);
  const subscribed = new Set(
    subscriptions.filter((s) => s.protocol === 'email').map((s) => s.endpoint.toLowerCase()),
  );
  const missing = ctx.config.alerts.emails.filter((e) => !subscribed.has(e.toLowerCase()));
  const details = [
    ...confirmed.map((s) => `confirmed: ${s.protocol} ${s.endpoint}`),
    ...pending.map(
      (s) =>
        `PENDING CONFIRMATION: ${s.protocol} ${s.endpoint} (the address must follow the link in the e-mail SNS sent)`,
    ),
    ...missing.map((e) => `NOT SUBSCRIBED: ${e} is in alert_emails but not subscribed: redeploy the stack`),
  ];
  const counts = `${confirmed.length} confirmed, ${pending.length} pending confirmation`;
  if (missing.length > 0)
    return {
      ...base,
      status: 'FAIL',
      summary: `${counts}; ${missing.length} of alert_emails not subscribed`,
      details,
      facts,
    };
  if (confirmed.length === 0)
    return { ...base, status: 'WARN', summary: `${counts}: alerts reach nobody`, details, facts };
  return { ...base, status: pending.length > 0 ? 'WARN' : 'PASS', summary: counts, details, facts };
}
