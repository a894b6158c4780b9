import type { TopicSubscription } from '../../aws';
import { alertTopicArn } from '../../stack-facts';
import { unreadable } from '../aws-errors';
import type { DoctorAws } from '../aws';
import type { Checked, DoctorContext, Unreadable } from '../types';

export interface Subscription {
  readonly protocol: string;
  readonly endpoint: string;
  /** SNS shows `PendingConfirmation` instead of an ARN until the endpoint confirms. */
  readonly confirmed: boolean;
}

export interface SubscriptionFacts {
  readonly topicArn: string;
  readonly subscriptions: readonly Subscription[];
}

export type AlertsFinding =
  | Unreadable
  | { readonly kind: 'no-topic' }
  | {
      readonly kind: 'subscriptions';
      readonly confirmed: readonly Subscription[];
      readonly pending: readonly Subscription[];
      /** The `alert_emails` addresses no e-mail subscription names. */
      readonly missing: readonly string[];
    };

export type AlertsCheck = Checked<'alerts', AlertsFinding, SubscriptionFacts> & { readonly topicArn: string };

/**
 * Who receives the alerts: every subscription of the alert topic, those still pending
 * confirmation, and each `alert_emails` address that is not subscribed at all.
 */
export async function checkAlertSubscriptions(
  aws: Pick<DoctorAws, 'topicSubscriptions'>,
  ctx: DoctorContext,
): Promise<AlertsCheck> {
  const topicArn = alertTopicArn(ctx.region, ctx.config.backupAccountId);
  const base = { check: 'alerts', id: 'alerts', topicArn } as const;
  let found: TopicSubscription[] | undefined;
  try {
    found = await aws.topicSubscriptions(topicArn);
  } catch (error) {
    return { ...base, status: 'FAIL', finding: unreadable(error) };
  }
  if (!found) return { ...base, status: 'FAIL', finding: { kind: 'no-topic' } };
  const subscriptions = found.map((s) => ({
    protocol: s.protocol ?? '?',
    endpoint: s.endpoint ?? '?',
    confirmed: s.confirmed,
  }));
  const subscribed = new Set(
    subscriptions.filter((s) => s.protocol === 'email').map((s) => s.endpoint.toLowerCase()),
  );
  const finding = {
    kind: 'subscriptions',
    confirmed: subscriptions.filter((s) => s.confirmed),
    pending: subscriptions.filter((s) => !s.confirmed),
    missing: ctx.config.alerts.emails.filter((e) => !subscribed.has(e.toLowerCase())),
  } as const;
  const status =
    finding.missing.length > 0
      ? 'FAIL'
      : finding.confirmed.length === 0 || finding.pending.length > 0
        ? 'WARN'
        : 'PASS';
  return { ...base, status, finding, facts: { topicArn, subscriptions } };
}
