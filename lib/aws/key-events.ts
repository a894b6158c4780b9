import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import type { AwsClients } from './clients';

/** One management event of CloudTrail's event history. */
export interface TrailEventRecord {
  readonly eventName: string | undefined;
  /** The whole CloudTrail record, as the JSON text LookupEvents returns. */
  readonly record: string | undefined;
}

/** LookupEvents returns 50 events a page and allows 2 calls a second: read at most this many. */
export const MAX_KEY_EVENTS = 1000;

/** The event history of a key (CloudTrail's LookupEvents). */
export interface KeyEventsAws {
  /**
   * The management events on a key in a window (KMS records the key ARN as the event's resource),
   * at most MAX_KEY_EVENTS; `truncated` when more remained unread.
   */
  keyEvents(
    keyArn: string,
    since: Date,
    until: Date,
  ): Promise<{ readonly events: TrailEventRecord[]; readonly truncated: boolean }>;
}

export function keyEventsAws(clients: Pick<AwsClients, 'cloudtrail'>): KeyEventsAws {
  return {
    async keyEvents(keyArn, since, until) {
      const events: TrailEventRecord[] = [];
      let nextToken: string | undefined;
      do {
        const page = await clients.cloudtrail.send(
          new LookupEventsCommand({
            LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: keyArn }],
            StartTime: since,
            EndTime: until,
            NextToken: nextToken,
          }),
        );
        for (const e of page.Events ?? []) events.push({ eventName: e.EventName, record: e.CloudTrailEvent });
        nextToken = page.NextToken;
      } while (nextToken && events.length < MAX_KEY_EVENTS);
      return { events, truncated: nextToken !== undefined };
    },
  };
}
