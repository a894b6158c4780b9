import { ListSubscriptionsByTopicCommand } from '@aws-sdk/client-sns';
import type { AwsClients } from './clients';
import { allPages, unless } from './calls';

/** One subscription of an SNS topic. */
export interface TopicSubscription {
  readonly protocol: string | undefined;
  readonly endpoint: string | undefined;
  /** False until the endpoint confirms (SNS shows `PendingConfirmation` instead of an ARN). */
  readonly confirmed: boolean;
}

/** SNS's subscription ARN while an endpoint has not confirmed. */
const PENDING = 'PendingConfirmation';

/** Who an SNS topic reaches. */
export interface AlertsAws {
  /** Every subscription of the topic, all pages; undefined when the topic does not exist. */
  topicSubscriptions(topicArn: string): Promise<TopicSubscription[] | undefined>;
}

export function alertsAws(clients: Pick<AwsClients, 'sns'>): AlertsAws {
  return {
    topicSubscriptions: (topicArn) =>
      unless(['NotFoundException'], () =>
        allPages(async (NextToken) => {
          const out = await clients.sns.send(
            new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken }),
          );
          return {
            next: out.NextToken,
            items: (out.Subscriptions ?? []).map((s) => ({
              protocol: s.Protocol,
              endpoint: s.Endpoint,
              confirmed: s.SubscriptionArn !== PENDING,
            })),
          };
        }),
      ),
  };
}
