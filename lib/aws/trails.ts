import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import type { AwsClients } from './clients';

/** A CloudTrail trail that this account can see (its own, or its organization's). */
export interface TrailInfo {
  /** The trail's ARN (its name when AWS gives no ARN). */
  readonly arn: string;
  readonly homeRegion: string | undefined;
  readonly multiRegion: boolean;
  readonly organization: boolean;
}

/** A basic event selector (GetEventSelectors' EventSelectors). */
export interface BasicEventSelector {
  readonly includeManagementEvents?: boolean;
  /** All (the default), ReadOnly or WriteOnly. */
  readonly readWriteType?: string;
  readonly excludeManagementEventSources?: readonly string[];
}

/** One field condition of an advanced event selector. */
export interface FieldSelector {
  readonly field: string;
  readonly equals?: readonly string[];
  readonly startsWith?: readonly string[];
  readonly endsWith?: readonly string[];
  readonly notEquals?: readonly string[];
  readonly notStartsWith?: readonly string[];
  readonly notEndsWith?: readonly string[];
}

export interface AdvancedEventSelector {
  readonly fieldSelectors: readonly FieldSelector[];
}

/** A trail's selectors: basic or advanced (GetEventSelectors returns one kind). */
export interface EventSelectors {
  readonly basic: readonly BasicEventSelector[];
  readonly advanced: readonly AdvancedEventSelector[];
}

/** CloudTrail's trails: which exist, whether they log, and what. */
export interface TrailsAws {
  /** Every trail this account can see, shadow trails of other Regions included. */
  trails(): Promise<TrailInfo[]>;
  trailLogging(trailArn: string): Promise<boolean>;
  trailSelectors(trailArn: string): Promise<EventSelectors>;
}

export function trailsAws(clients: Pick<AwsClients, 'cloudtrail'>): TrailsAws {
  return {
    async trails() {
      const out = await clients.cloudtrail.send(new DescribeTrailsCommand({ includeShadowTrails: true }));
      return (out.trailList ?? []).map((t) => ({
        arn: t.TrailARN ?? t.Name ?? '?',
        homeRegion: t.HomeRegion,
        multiRegion: t.IsMultiRegionTrail === true,
        organization: t.IsOrganizationTrail === true,
      }));
    },
    async trailLogging(trailArn) {
      const out = await clients.cloudtrail.send(new GetTrailStatusCommand({ Name: trailArn }));
      return out.IsLogging === true;
    },
    async trailSelectors(trailArn) {
      const out = await clients.cloudtrail.send(new GetEventSelectorsCommand({ TrailName: trailArn }));
      return {
        basic: (out.EventSelectors ?? []).map((s) => ({
          includeManagementEvents: s.IncludeManagementEvents,
          readWriteType: s.ReadWriteType,
          excludeManagementEventSources: s.ExcludeManagementEventSources,
        })),
        advanced: (out.AdvancedEventSelectors ?? []).map((s) => ({
          fieldSelectors: (s.FieldSelectors ?? []).map((f) => ({
            field: f.Field ?? '',
            equals: f.Equals,
            startsWith: f.StartsWith,
            endsWith: f.EndsWith,
            notEquals: f.NotEquals,
            notStartsWith: f.NotStartsWith,
            notEndsWith: f.NotEndsWith,
          })),
        })),
      };
    },
  };
}
