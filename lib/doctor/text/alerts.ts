import type { AlertsCheck } from '../checks/alerts';
import type { CheckText } from './check-text';
import { failureText } from './words';

export function alertsText({ topicArn, finding }: AlertsCheck): CheckText {
  const title = `Alert topic ${topicArn.split(':').pop()}`;
  switch (finding.kind) {
    case 'unreadable':
      return { title, summary: `cannot be read: ${failureText(finding.failure)}`, details: [] };
    case 'no-topic':
      return { title, summary: `${topicArn} does not exist`, details: [] };
    case 'subscriptions': {
      const { confirmed, pending, missing } = finding;
      const details = [
        ...confirmed.map((s) => `confirmed: ${s.protocol} ${s.endpoint}`),
        ...pending.map(
          (s) =>
            `PENDING CONFIRMATION: ${s.protocol} ${s.endpoint} (the address must follow the link in the e-mail SNS sent)`,
        ),
        ...missing.map(
          (e) => `NOT SUBSCRIBED: ${e} is in alert_emails but not subscribed: redeploy the stack`,
        ),
      ];
      const counts = `${confirmed.length} confirmed, ${pending.length} pending confirmation`;
      const summary =
        missing.length > 0
          ? `${counts}; ${missing.length} of alert_emails not subscribed`
          : confirmed.length === 0
            ? `${counts}: alerts reach nobody`
            : counts;
      return { title, summary, details };
    }
  }
}
