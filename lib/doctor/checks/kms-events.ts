import { MAX_KEY_EVENTS, type TrailEventRecord } from '../../aws';
import type { BackupAccountConfig } from '../../config/types';
import { unreadable } from '../aws-errors';
import type { DoctorAws } from '../aws';
import type { ExpectedDestination } from '../expected';
import type { Checked, DoctorContext, Unreadable } from '../types';

/** Who used a key, as CloudTrail recorded it, and through which path. */
export interface KeyUser {
  /** The role (for an assumed role, its issuing role), user or service that called KMS. */
  readonly principal: string;
  /** The service that called on the principal's behalf (`userIdentity.invokedBy`), if any. */
  readonly invokedBy?: string;
  readonly accountId?: string;
  readonly path: KeyPath;
  /** Calls per KMS operation. */
  readonly events: Readonly<Record<string, number>>;
  /** Calls KMS refused (`AccessDenied…`), per operation. */
  readonly denied: Readonly<Record<string, number>>;
}

/**
 * The paths a copy can take to the destination key (AWS does not document which one a DynamoDB copy
 * uses; the first copy shows it): this account's AWS Backup service-linked role, a source account's
 * principal through AWS Backup, an AWS service principal; anything else is not a copy.
 */
export type KeyPath =
  | 'backup-service-linked-role'
  | 'source-account'
  | 'aws-service'
  | 'this-account'
  | 'other-account';

export interface KeyEventFacts {
  readonly keyArn: string;
  readonly since: string;
  readonly eventCount: number;
  /** True when more events existed than were read (MAX_EVENTS). */
  readonly truncated: boolean;
  readonly users: readonly KeyUser[];
}

/** What in the key's use asks for attention, worst first; none: every call was a copy path's, allowed. */
export type KeyEventConcern = 'copy-path-refused' | 'other-refused' | 'other-account';

export type KeyEventFinding =
  | { readonly kind: 'no-key' }
  | Unreadable
  | { readonly kind: 'no-events' }
  | {
      readonly kind: 'events';
      readonly eventCount: number;
      readonly truncated: boolean;
      readonly users: readonly KeyUser[];
      readonly concern?: KeyEventConcern;
    };

/** `days`: how far back the event history was read. */
export type KeyEventsCheck = Checked<'kms-events', KeyEventFinding, KeyEventFacts> & {
  readonly destination: ExpectedDestination;
  readonly days: number;
};

/** The most events read per key (LookupEvents allows 2 calls a second, 50 events each). */
export const MAX_EVENTS = MAX_KEY_EVENTS;
const SERVICE_LINKED_ROLE = ':role/aws-service-role/backup.amazonaws.com/AWSServiceRoleForBackup';
const DENIED = new Set(['AccessDenied', 'AccessDeniedException']);

interface UserIdentity {
  readonly type?: string;
  readonly arn?: string;
  readonly accountId?: string;
  readonly invokedBy?: string;
  readonly sessionContext?: { readonly sessionIssuer?: { readonly arn?: string } };
}

interface TrailEvent {
  readonly eventName?: string;
  readonly errorCode?: string;
  readonly userIdentity?: UserIdentity;
}

export function pathOf(identity: UserIdentity, config: BackupAccountConfig): KeyPath {
  const arn = identity.sessionContext?.sessionIssuer?.arn ?? identity.arn ?? '';
  if (identity.type === 'AWSService') return 'aws-service';
  if (identity.accountId === config.backupAccountId)
    return arn.endsWith(SERVICE_LINKED_ROLE) ? 'backup-service-linked-role' : 'this-account';
  if (identity.accountId && config.sourceAccountIds.includes(identity.accountId)) return 'source-account';
  return 'other-account';
}

/** Groups the events by principal and invoking service. */
export function keyUsers(events: readonly TrailEventRecord[], config: BackupAccountConfig): KeyUser[] {
  const users = new Map<
    string,
    {
      user: Omit<KeyUser, 'events' | 'denied'>;
      events: Record<string, number>;
      denied: Record<string, number>;
    }
  >();
  for (const event of events) {
    const parsed = parseEvent(event);
    const identity = parsed.userIdentity ?? {};
    const principal =
      identity.sessionContext?.sessionIssuer?.arn ??
      identity.arn ??
      (identity.type === 'AWSService'
        ? (identity.invokedBy ?? 'an AWS service')
        : `${identity.type ?? 'unknown'} of account ${identity.accountId ?? '?'}`);
    const key = `${principal}|${identity.invokedBy ?? ''}`;
    let entry = users.get(key);
    if (!entry) {
      entry = {
        user: {
          principal,
          invokedBy: identity.invokedBy,
          accountId: identity.accountId,
          path: pathOf(identity, config),
        },
        events: {},
        denied: {},
      };
      users.set(key, entry);
    }
    const name = parsed.eventName ?? event.eventName ?? '?';
    entry.events[name] = (entry.events[name] ?? 0) + 1;
    if (DENIED.has(parsed.errorCode ?? '')) entry.denied[name] = (entry.denied[name] ?? 0) + 1;
  }
  return [...users.values()].map((e) => ({ ...e.user, events: e.events, denied: e.denied }));
}

function parseEvent(event: TrailEventRecord): TrailEvent {
  try {
    return JSON.parse(event.record ?? '{}') as TrailEvent;
  } catch {
    return {};
  }
}

/** A user whose refusal means copies are failing, not that a DENY did its job. */
function isCopyPath(user: KeyUser): boolean {
  return (
    user.path === 'backup-service-linked-role' ||
    user.path === 'source-account' ||
    user.invokedBy === 'backup.amazonaws.com'
  );
}

/**
 * Who used a vault key in the last days, from CloudTrail's event history (LookupEvents by the key's
 * ARN; KMS records the key ARN as the event's resource): principal, `invokedBy`, operations and
 * refusals. After the first copy this shows which path AWS used; a refused copy path fails the check.
 */
export async function checkKeyEvents(
  aws: Pick<DoctorAws, 'keyEvents'>,
  ctx: DoctorContext,
  d: ExpectedDestination,
  keyArn: string | undefined,
): Promise<KeyEventsCheck> {
  const base = {
    check: 'kms-events',
    id: `kms-events:${d.kind}`,
    destination: d,
    days: ctx.kmsEventDays,
  } as const;
  if (keyArn === undefined) return { ...base, status: 'FAIL', finding: { kind: 'no-key' } };
  const since = new Date(ctx.now.getTime() - ctx.kmsEventDays * 86_400_000);
  let read;
  try {
    read = await aws.keyEvents(keyArn, since, ctx.now);
  } catch (error) {
    return { ...base, status: 'FAIL', finding: unreadable(error) };
  }
  const { events, truncated } = read;
  const users = keyUsers(events, ctx.config);
  const facts: KeyEventFacts = {
    keyArn,
    since: since.toISOString(),
    eventCount: events.length,
    truncated,
    users,
  };
  if (events.length === 0) return { ...base, status: 'WARN', finding: { kind: 'no-events' }, facts };
  const refused = users.filter((u) => Object.keys(u.denied).length > 0);
  const concern: KeyEventConcern | undefined = refused.some(isCopyPath)
    ? 'copy-path-refused'
    : refused.length > 0
      ? 'other-refused'
      : users.some((u) => u.path === 'other-account')
        ? 'other-account'
        : undefined;
  return {
    ...base,
    status: concern === 'copy-path-refused' ? 'FAIL' : concern ? 'WARN' : 'PASS',
    finding: { kind: 'events', eventCount: events.length, truncated, users, concern },
    facts,
  };
}
