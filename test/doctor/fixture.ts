/**
 * The backup account for the health check on the shared fake (test/support/fake-aws.ts): every
 * test starts from `healthyWorld()`, changes what it tests, and `install`s it; the checks read it
 * through the one AWS interface.
 */
import type { TrailEventRecord } from '../../lib/aws';
import { policyDocument } from '../../lib/policies/documents';
import { evidenceBucketName, evidenceBucketPolicyStatements } from '../../lib/policies/evidence-statements';
import { policyText } from '../../lib/policies/policy-json';
import type { BackupAccountConfig } from '../../lib/config';
import type { DoctorContext } from '../../lib/doctor';
import type { DoctorCheck } from '../../lib/doctor/checks';
import { expectedDestinations } from '../../lib/doctor/expected';
import { type CheckText, checkText } from '../../lib/doctor/text/check-text';
import { type DestinationKind, outputName } from '../../lib/policies/destinations';
import { keyPolicy, vaultPolicy } from '../../lib/policies/documents';
import { STACK_NAME } from '../../lib/stack-facts';
import { configWith } from '../support/config';
import { FakeAws } from '../support/fake-aws';

export { serviceError } from '../support/fake-aws';

export const config: BackupAccountConfig = configWith({ alert_emails: ['backup-alerts@example.com'] });
export const ACCOUNT = config.backupAccountId;
export const SOURCE_ACCOUNT = config.sourceAccountIds[0];
export const REGION = config.backupRegion;
export const NOW = new Date('2030-03-01T10:00:00.000Z');
export const [GENERAL, SSN] = expectedDestinations(config, REGION);

export const KEY_ID: Record<DestinationKind, string> = {
  general: '11111111-2222-4333-8444-555555555555',
  ssn: '66666666-7777-4888-8999-aaaaaaaaaaaa',
};
export const KEY_ARN: Record<DestinationKind, string> = {
  general: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID.general}`,
  ssn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID.ssn}`,
};
export const STACK_ID = `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/BackupAccountStack/0000aaaa-1111-4222-8333-444455556666`;
export const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:compactconnect-backup-alerts`;
export const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/management-events`;
export const PLAN_NAME = 'general_restore_test';
export const PLAN_ARN = `arn:aws:backup:${REGION}:${ACCOUNT}:restore-testing-plan:${PLAN_NAME}-abc123`;
export const SLR_ARN = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/backup.amazonaws.com/AWSServiceRoleForBackup`;

export const HOUR = 3_600_000;
export const hoursAgo = (h: number) => new Date(NOW.getTime() - h * HOUR);

/** The deployed stack as the tests change it (none: not deployed). */
interface StackState {
  status: string;
  outputs: Record<string, string>;
  /** @default STACK_ID */
  stackId?: string;
}

/** The backup account: the shared fake, with its stack as the tests change it. */
export class World extends FakeAws {
  stack: StackState | undefined;

  /** The account of the credentials the health check runs with. */
  set callerAccount(account: string) {
    this.caller = { ...this.caller, account, arn: `arn:aws:sts::${account}:assumed-role/Administrator/jane` };
  }

  /** The evidence bucket: its settings, as the tests change them, and its objects (key to text). */
  get evidence() {
    const bucket = this.bucket(EVIDENCE_BUCKET);
    return { settings: bucket.settings, objects: bucket.objects };
  }

  override async findStack(stackName: string) {
    this.enter('findStack', stackName);
    if (!this.stack || stackName !== STACK_NAME) return undefined;
    return {
      stackId: this.stack.stackId ?? STACK_ID,
      status: this.stack.status,
      outputs: { ...this.stack.outputs },
      lastUpdated: '2029-12-01T00:00:00.000Z',
    };
  }
}

/** A CloudTrail event as the event history returns it, with the JSON record the check parses. */
export function trailEvent(record: {
  eventName: string;
  userIdentity: Record<string, unknown>;
  errorCode?: string;
}): TrailEventRecord {
  return { eventName: record.eventName, record: JSON.stringify(record) };
}

/** The AWS Backup service-linked role of this account, calling through AWS Backup. */
export const SLR_IDENTITY = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSServiceRoleForBackup/AWSBackup-AWSServiceRoleForBackup`,
  accountId: ACCOUNT,
  invokedBy: 'backup.amazonaws.com',
  sessionContext: { sessionIssuer: { type: 'Role', arn: SLR_ARN, accountId: ACCOUNT } },
};

/** The bucket the evidence check reads when the stack names none. */
export const EVIDENCE_BUCKET = evidenceBucketName(config);

export function healthyWorld(): World {
  const world = new World(ACCOUNT, REGION);
  world.now = () => NOW;
  const outputs: Record<string, string> = {};
  for (const d of [GENERAL, SSN]) {
    outputs[outputName(d.destination, 'BackupVaultName')] = d.vaultName;
    outputs[outputName(d.destination, 'BackupVaultArn')] = d.vaultArn;
    outputs[outputName(d.destination, 'BackupEncryptionKeyId')] = KEY_ID[d.kind];
    outputs[outputName(d.destination, 'BackupEncryptionKeyArn')] = KEY_ARN[d.kind];
    world.vaults.set(d.vaultName, {
      arn: d.vaultArn,
      encryptionKeyArn: KEY_ARN[d.kind],
      policy: policyText(vaultPolicy(d.kind, config)),
      createdAt: new Date('2029-12-01T00:00:00Z'),
      recoveryPointCount: 42,
      locked: true,
      minRetentionDays: 90,
      lockDate: new Date('2030-05-30T00:00:00Z'),
      points: [
        { status: 'COMPLETED', createdAt: hoursAgo(3) },
        { status: 'COMPLETED', createdAt: hoursAgo(27) },
      ],
    });
    world.keys.set(KEY_ID[d.kind], {
      keyId: KEY_ID[d.kind],
      arn: KEY_ARN[d.kind],
      policy: policyText(keyPolicy(d.kind, config)),
    });
    world.aliases.set(d.aliasName, KEY_ID[d.kind]);
    world.events.set(KEY_ARN[d.kind], [
      trailEvent({ eventName: 'GenerateDataKey', userIdentity: SLR_IDENTITY }),
      trailEvent({ eventName: 'CreateGrant', userIdentity: SLR_IDENTITY }),
    ]);
  }
  world.aliases.set('alias/aws/backup', '99999999-0000-4000-8000-000000000000');
  world.stack = { status: 'UPDATE_COMPLETE', outputs };
  world.subscriptions.set(TOPIC_ARN, [
    { protocol: 'email', endpoint: 'backup-alerts@example.com', confirmed: true },
  ]);
  world.trailList = [{ arn: TRAIL_ARN, homeRegion: 'us-east-1', multiRegion: true, organization: false }];
  world.logging.set(TRAIL_ARN, true);
  world.selectors.set(TRAIL_ARN, {
    basic: [{ readWriteType: 'All', includeManagementEvents: true }],
    advanced: [],
  });
  world.bucket(EVIDENCE_BUCKET).settings = {
    lockMode: 'COMPLIANCE',
    retentionDays: config.evidence.retentionDays,
    versioning: 'Enabled',
    publicAccessBlocked: true,
    policy: JSON.stringify(policyDocument(evidenceBucketPolicyStatements(config))),
  };
  return world;
}

let current: World | undefined;

/** Makes `world` the account the checks read (`aws()`); returns it. */
export function install(world: World): World {
  current = world;
  return world;
}

/** The installed account, as the checks call it. */
export function aws(): World {
  if (!current) throw new Error('install a world first');
  return current;
}

export function context(overrides: Partial<DoctorContext> = {}): DoctorContext {
  return { config, region: REGION, now: NOW, kmsEventDays: 7, ...overrides };
}

/** A check's result with its words as the report prints them (title, summary, details). */
export function worded<C extends DoctorCheck>(result: C, now = NOW): C & CheckText {
  return { ...result, ...checkText(result, now) };
}
