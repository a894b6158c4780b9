/**
 * The one AWS interface of the operator tools (break-glass, doctor, drill): each method one AWS
 * concept, returning plain values of this project; no AWS SDK type leaves lib/aws. Tests give the
 * commands an in-memory fake of it; the SDK mapping below is tested on its own with mocked clients.
 */
import { type AlertsAws, alertsAws } from './alerts';
import { type BucketAws, bucketAws } from './bucket';
import type { AwsClients } from './clients';
import { type EvidenceAws, evidenceAws } from './evidence';
import { type IdentityAws, identityAws } from './identity';
import { type JobsAws, jobsAws } from './jobs';
import { type KeyAws, keyAws } from './key';
import { type KeyEventsAws, keyEventsAws } from './key-events';
import { type RestoreTestingAws, restoreTestingAws } from './restore-testing';
import { type StackAws, stackAws } from './stack';
import { type TablesAws, tablesAws } from './tables';
import { type TrackingAws, trackingAws } from './tracking';
import { type TrailsAws, trailsAws } from './trails';
import { type VaultAws, vaultAws } from './vault';

export type { AlertsAws, TopicSubscription } from './alerts';
export type { BucketAws, BucketSettings } from './bucket';
export type { AccountAccess, AwsClients } from './clients';
export type { ObjectRetention, EvidenceAws } from './evidence';
export type { CallerIdentity, IdentityAws } from './identity';
export type { JobState, JobsAws, RecoveryPointFacts } from './jobs';
export type { KeyAws, KeyRef, KeyRotation, KeyState } from './key';
export { MAX_KEY_EVENTS, type KeyEventsAws, type TrailEventRecord } from './key-events';
export type {
  RestoreTestingAws,
  RestoreTestingPlan,
  RestoreTestJob,
  VaultSelection,
} from './restore-testing';
export type { DeployedStack, StackAws } from './stack';
export type { PlainItem, TablesAws } from './tables';
export type {
  PointInTimeRecovery,
  ResourceRecoveryPoint,
  RestoreJob,
  RestoreSummary,
  Table,
  TableBackup,
  TableExport,
  TrackingAws,
  TrackingReads,
} from './tracking';
export type {
  AdvancedEventSelector,
  BasicEventSelector,
  EventSelectors,
  FieldSelector,
  TrailInfo,
  TrailsAws,
} from './trails';
export type { VaultAws, VaultRecoveryPoint, VaultRef, VaultState } from './vault';

/** Every AWS call the operator tools make, in one account and region. */
export interface OperatorAws
  extends
    IdentityAws,
    VaultAws,
    KeyAws,
    StackAws,
    EvidenceAws,
    TrackingAws,
    TablesAws,
    JobsAws,
    KeyEventsAws,
    AlertsAws,
    TrailsAws,
    BucketAws,
    RestoreTestingAws {}

/** The calls of the break-glass tool (its commands take this; tests give them the fake). */
export type BreakGlassAws = IdentityAws & VaultAws & KeyAws & StackAws & EvidenceAws & TrackingAws;

/** The interface over SDK clients; each method uses its client only when called. */
export function awsFromClients(clients: AwsClients): OperatorAws {
  return {
    ...identityAws(clients),
    ...vaultAws(clients),
    ...keyAws(clients),
    ...stackAws(clients),
    ...evidenceAws(clients),
    ...trackingAws(clients),
    ...tablesAws(clients),
    ...jobsAws(clients),
    ...keyEventsAws(clients),
    ...alertsAws(clients),
    ...trailsAws(clients),
    ...bucketAws(clients),
    ...restoreTestingAws(clients),
  };
}
