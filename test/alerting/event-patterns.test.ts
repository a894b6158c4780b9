// Each audit rule's pattern, evaluated offline against CloudTrail records as EventBridge delivers them
// ("AWS API Call via CloudTrail": the envelope of the Amazon EventBridge User Guide, the CloudTrail
// record of the AWS CloudTrail User Guide, "CloudTrail record contents", in `detail`): every event a
// rule names matches that rule and no other, and near misses match none. The patterns are those the
// stack deploys (test/alerting/alerting.test.ts pins the template's patterns to these builders).
import {
  ALIAS_CHANGE_EVENTS,
  aliasChangePattern,
  DATA_OUT_EVENTS,
  dataOutPattern,
  KEY_CHANGE_EVENTS,
  keyChangePattern,
  keyGrantPattern,
  VAULT_CHANGE_EVENTS,
  vaultChangePattern,
} from '../../lib/constructs/alerting/audit-events';
import {
  BACKUP_INTO_VAULT_EVENTS,
  backupIntoVaultPattern,
  RESTORE_TESTING_CHANGE_EVENTS,
  restoreTestingChangePattern,
  TABLE_ONWARD_EVENTS,
  tableOnwardPattern,
} from '../../lib/constructs/alerting/onward-events';
import { asDeployed, matchesEventPattern } from '../support/event-pattern';
import { synthesize } from '../support/synthesis';

const ACCOUNT = '000011114444';
const REGION = 'us-west-2';
const SSN_VAULT = 'CompactConnectBackupVault-SSN';
const GENERAL_VAULT = 'CompactConnectBackupVault';
const keyArn = (id: string) => `arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}`;
const SSN_KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const OTHER_KEY_ID = '0987dcba-09fe-87dc-65ba-ab0987654321';
const TABLE = 'restored-ssn-licensees';
const TABLE_ARN = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${TABLE}`;

const RULES = {
  SSNBackupVaultChanges: vaultChangePattern(SSN_VAULT),
  SSNBackupEncryptionKeyChanges: keyChangePattern(keyArn(SSN_KEY_ID), SSN_KEY_ID),
  SSNBackupEncryptionKeyGrants: keyGrantPattern(keyArn(SSN_KEY_ID), SSN_KEY_ID),
  SSNBackupEncryptionKeyAliasChanges: aliasChangePattern('alias/compactconnect-ssn-backup-key'),
  DataLeavingVaults: dataOutPattern(),
  BackupsIntoVaults: backupIntoVaultPattern(),
  TableDataOnward: tableOnwardPattern(),
  RestoreTestingChanges: restoreTestingChangePattern(),
};
type RuleName = keyof typeof RULES;

interface Call {
  readonly source: string;
  readonly eventName: string;
  readonly requestParameters?: Record<string, unknown>;
  readonly invokedBy?: string;
  readonly resources?: { ARN: string; accountId: string; type: string }[];
  readonly detailType?: string;
  readonly errorCode?: string;
}

/** A CloudTrail management event of the backup account, as EventBridge delivers it. */
function cloudTrailEvent(call: Call) {
  const service = call.source.replace(/^aws\./, '');
  return {
    version: '0',
    id: '36eb8523-97d0-4518-b33d-ee3579ff19f0',
    'detail-type': call.detailType ?? 'AWS API Call via CloudTrail',
    source: call.source,
    account: ACCOUNT,
    time: '2026-12-01T10:00:00Z',
    region: REGION,
    resources: [],
    detail: {
      eventVersion: '1.09',
      userIdentity: {
        type: 'AssumedRole',
        principalId: 'AROAEXAMPLEID:operator',
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/operator`,
        accountId: ACCOUNT,
        ...(call.invokedBy ? { invokedBy: call.invokedBy } : {}),
      },
      eventTime: '2026-12-01T10:00:00Z',
      eventSource: `${service}.amazonaws.com`,
      eventName: call.eventName,
      awsRegion: REGION,
      sourceIPAddress: '192.0.2.10',
      userAgent: 'aws-cli/2.22.0',
      ...(call.errorCode ? { errorCode: call.errorCode, errorMessage: 'denied' } : {}),
      requestParameters: call.requestParameters ?? null,
      responseElements: null,
      requestID: 'b5e4ad9e-6a3f-4f9c-8a71-0f3b1c7f2a10',
      eventID: 'a1f6e0c2-4c8d-4f2e-9b6a-7d1e2f3a4b5c',
      readOnly: false,
      ...(call.resources ? { resources: call.resources } : {}),
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: ACCOUNT,
      eventCategory: 'Management',
    },
  };
}

/** The rules whose deployed pattern matches the call. */
const matching = (call: Call): RuleName[] =>
  (Object.keys(RULES) as RuleName[]).filter((name) =>
    matchesEventPattern(asDeployed(RULES[name] as Record<string, unknown>), cloudTrailEvent(call)),
  );

const backup = (
  eventName: string,
  requestParameters?: Record<string, unknown>,
  more: Partial<Call> = {},
) => ({
  source: 'aws.backup',
  eventName,
  requestParameters,
  ...more,
});
const dynamodb = (
  eventName: string,
  requestParameters?: Record<string, unknown>,
  more: Partial<Call> = {},
) => ({
  source: 'aws.dynamodb',
  eventName,
  requestParameters,
  ...more,
});
const kms = (eventName: string, requestParameters?: Record<string, unknown>, more: Partial<Call> = {}) => ({
  source: 'aws.kms',
  eventName,
  requestParameters,
  ...more,
});
const keyResource = (id: string) => [{ ARN: keyArn(id), accountId: ACCOUNT, type: 'AWS::KMS::Key' }];

/** A sample request of each call a rule names, in the shape of the API request (lowerCamelCase). */
const TABLE_REQUESTS: Record<string, Record<string, unknown>> = {
  CreateBackup: { tableName: TABLE, backupName: 'keep-a-copy' },
  UpdateContinuousBackups: {
    tableName: TABLE,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  },
  ExportTableToPointInTime: {
    tableArn: TABLE_ARN,
    s3Bucket: 'somewhere-else',
    exportFormat: 'DYNAMODB_JSON',
  },
  RestoreTableFromBackup: {
    targetTableName: 'second-copy',
    backupArn: `${TABLE_ARN}/backup/01733049600000-1a2b3c4d`,
  },
  RestoreTableToPointInTime: {
    sourceTableName: TABLE,
    targetTableName: 'second-copy',
    useLatestRestorableTime: true,
  },
  CreateGlobalTable: { globalTableName: TABLE, replicationGroup: [{ regionName: 'us-east-1' }] },
  UpdateGlobalTable: { globalTableName: TABLE, replicaUpdates: [{ create: { regionName: 'us-east-2' } }] },
  PutResourcePolicy: { resourceArn: TABLE_ARN, policy: '{"Version":"2012-10-17","Statement":[]}' },
};

const BACKUP_REQUESTS: Record<string, Record<string, unknown>> = {
  StartBackupJob: {
    backupVaultName: GENERAL_VAULT,
    resourceArn: TABLE_ARN,
    iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/Admin`,
  },
  CreateBackupPlan: {
    backupPlan: {
      backupPlanName: 'daily',
      rules: [{ ruleName: 'r', targetBackupVaultName: GENERAL_VAULT }],
    },
  },
  UpdateBackupPlan: { backupPlanId: 'plan-1', backupPlan: { backupPlanName: 'daily' } },
  CreateBackupSelection: {
    backupPlanId: 'plan-1',
    backupSelection: { selectionName: 'all', resources: [`arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/*`] },
  },
};

const TESTING_REQUESTS: Record<string, Record<string, unknown>> = {
  CreateRestoreTestingPlan: {
    restoreTestingPlan: {
      restoreTestingPlanName: 'another_plan',
      recoveryPointSelection: { algorithm: 'LATEST_WITHIN_WINDOW', includeVaults: ['*'] },
      scheduleExpression: 'cron(0 5 ? * * *)',
    },
  },
  UpdateRestoreTestingPlan: {
    restoreTestingPlanName: 'another_plan',
    restoreTestingPlan: {
      recoveryPointSelection: {
        includeVaults: [`arn:aws:backup:${REGION}:${ACCOUNT}:backup-vault:${SSN_VAULT}`],
      },
    },
  },
  DeleteRestoreTestingPlan: { restoreTestingPlanName: 'another_plan' },
  CreateRestoreTestingSelection: {
    restoreTestingPlanName: 'another_plan',
    restoreTestingSelection: { restoreTestingSelectionName: 'tables', protectedResourceType: 'DynamoDB' },
  },
  UpdateRestoreTestingSelection: {
    restoreTestingPlanName: 'another_plan',
    restoreTestingSelectionName: 'tables',
    restoreTestingSelection: { protectedResourceArns: ['*'] },
  },
  DeleteRestoreTestingSelection: {
    restoreTestingPlanName: 'another_plan',
    restoreTestingSelectionName: 'tables',
  },
};

describe('the onward paths of restored data', () => {
  test('the rules name exactly these calls', () => {
    expect([...TABLE_ONWARD_EVENTS]).toEqual(Object.keys(TABLE_REQUESTS));
    expect([...BACKUP_INTO_VAULT_EVENTS]).toEqual(Object.keys(BACKUP_REQUESTS));
    expect([...RESTORE_TESTING_CHANGE_EVENTS]).toEqual(Object.keys(TESTING_REQUESTS));
  });
  test.each(Object.keys(TABLE_REQUESTS).map((e) => [e]))(
    'DynamoDB %s matches TableDataOnward only',
    (eventName) => {
      expect(matching(dynamodb(eventName, TABLE_REQUESTS[eventName]))).toEqual(['TableDataOnward']);
    },
  );
  test('a denied attempt matches too, and so does a call AWS Backup makes itself', () => {
    expect(
      matching(dynamodb('CreateBackup', TABLE_REQUESTS.CreateBackup, { errorCode: 'AccessDenied' })),
    ).toEqual(['TableDataOnward']);
    expect(
      matching(dynamodb('CreateBackup', TABLE_REQUESTS.CreateBackup, { invokedBy: 'backup.amazonaws.com' })),
    ).toEqual(['TableDataOnward']);
  });
  test('UpdateTable matches when it adds a replica (current global tables), and not otherwise', () => {
    const update = (requestParameters: Record<string, unknown>) =>
      matching(dynamodb('UpdateTable', { tableName: TABLE, ...requestParameters }));
    expect(update({ replicaUpdates: [{ create: { regionName: 'us-east-2' } }] })).toEqual([
      'TableDataOnward',
    ]);
    expect(
      update({
        replicaUpdates: [{ delete: { regionName: 'us-east-1' } }, { create: { regionName: 'us-east-2' } }],
      }),
    ).toEqual(['TableDataOnward']);
    expect(update({ replicaUpdates: [{ delete: { regionName: 'us-east-2' } }] })).toEqual([]);
    expect(update({ provisionedThroughput: { readCapacityUnits: 5, writeCapacityUnits: 5 } })).toEqual([]);
    expect(update({ streamSpecification: { streamEnabled: true, streamViewType: 'NEW_IMAGE' } })).toEqual([]);
  });
  test('near misses: other DynamoDB calls, the same name from another service, another detail type', () => {
    for (const eventName of ['CreateTable', 'DeleteTable', 'DeleteBackup', 'ImportTable', 'UpdateTimeToLive'])
      expect({ eventName, rules: matching(dynamodb(eventName, { tableName: TABLE })) }).toEqual({
        eventName,
        rules: [],
      });
    expect(
      matching({ ...dynamodb('CreateBackup', TABLE_REQUESTS.CreateBackup), source: 'aws.backup' }),
    ).toEqual([]);
    expect(
      matching(
        dynamodb('CreateBackup', TABLE_REQUESTS.CreateBackup, {
          detailType: 'AWS Service Event via CloudTrail',
        }),
      ),
    ).toEqual([]);
  });

  test.each(Object.keys(BACKUP_REQUESTS).map((e) => [e]))(
    'AWS Backup %s matches BackupsIntoVaults only',
    (eventName) => {
      expect(matching(backup(eventName, BACKUP_REQUESTS[eventName]))).toEqual(['BackupsIntoVaults']);
    },
  );
  test('near misses: deleting a plan or selection, reading one, copies in', () => {
    for (const eventName of [
      'DeleteBackupPlan',
      'DeleteBackupSelection',
      'GetBackupPlan',
      'CopyIntoBackupVault',
    ])
      expect({ eventName, rules: matching(backup(eventName, { backupPlanId: 'plan-1' })) }).toEqual({
        eventName,
        rules: [],
      });
  });

  test.each(Object.keys(TESTING_REQUESTS).map((e) => [e]))(
    'AWS Backup %s matches RestoreTestingChanges only',
    (eventName) => {
      expect(matching(backup(eventName, TESTING_REQUESTS[eventName]))).toEqual(['RestoreTestingChanges']);
    },
  );
  test('near misses: reading restore testing plans, a restore test reporting its result', () => {
    for (const eventName of [
      'GetRestoreTestingPlan',
      'ListRestoreTestingPlans',
      'ListRestoreTestingSelections',
      'PutRestoreValidationResult',
    ])
      expect({ eventName, rules: matching(backup(eventName, { restoreTestingPlanName: 'p' })) }).toEqual({
        eventName,
        rules: [],
      });
  });
});

/** The value at a `$.a.b` path of an event, as an input transformer reads it. */
function valueAt(event: unknown, path: string): unknown {
  return path
    .replace(/^\$\./, '')
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], event);
}

describe("the messages name what each call acts on, at the paths of the calls' records", () => {
  const deployed = synthesize().template.toJSON().Resources as Record<
    string,
    {
      Type: string;
      Properties: { Targets?: { InputTransformer?: { InputPathsMap: Record<string, string> } }[] };
    }
  >;
  /** The request paths the deployed message of a rule reads. */
  const requestPaths = (rule: RuleName) => {
    const [, resource] = Object.entries(deployed).find(
      ([id, r]) => r.Type === 'AWS::Events::Rule' && new RegExp(`^Alerting${rule}[0-9A-F]{8}$`).test(id),
    ) ?? [undefined, undefined];
    const paths = resource?.Properties.Targets?.[0].InputTransformer?.InputPathsMap ?? {};
    return Object.values(paths).filter((p) => p.startsWith('$.detail.requestParameters.'));
  };
  const named = (rule: RuleName, call: Call) =>
    requestPaths(rule).filter((p) => valueAt(cloudTrailEvent(call), p) !== undefined);

  test('each DynamoDB call of the samples is named by the message: its table, backup or new table', () => {
    const replica = { tableName: TABLE, replicaUpdates: [{ create: { regionName: 'us-east-2' } }] };
    for (const [eventName, request] of [...Object.entries(TABLE_REQUESTS), ['UpdateTable', replica] as const])
      expect({ eventName, some: named('TableDataOnward', dynamodb(eventName, request)).length > 0 }).toEqual({
        eventName,
        some: true,
      });
  });
  test('each backup call names its vault, resource or plan; each restore testing call its plan', () => {
    for (const [eventName, request] of Object.entries(BACKUP_REQUESTS))
      expect({ eventName, some: named('BackupsIntoVaults', backup(eventName, request)).length > 0 }).toEqual({
        eventName,
        some: true,
      });
    for (const [eventName, request] of Object.entries(TESTING_REQUESTS))
      expect({
        eventName,
        plan: named('RestoreTestingChanges', backup(eventName, request)).some((p) => p.endsWith('PlanName')),
      }).toEqual({ eventName, plan: true });
  });
  test('a path the message does not read names nothing (the check can fail)', () => {
    expect(named('TableDataOnward', dynamodb('CreateBackup', { somethingElse: TABLE }))).toEqual([]);
  });
});

describe('the existing rules, on the same records', () => {
  test.each(VAULT_CHANGE_EVENTS.map((e) => [e]))('%s on the SSN vault matches its rule only', (eventName) => {
    expect(matching(backup(eventName, { backupVaultName: SSN_VAULT }))).toEqual(['SSNBackupVaultChanges']);
  });
  test('the same calls on another vault, or reading the vault, do not', () => {
    expect(matching(backup('PutBackupVaultAccessPolicy', { backupVaultName: GENERAL_VAULT }))).toEqual([]);
    expect(matching(backup('GetBackupVaultAccessPolicy', { backupVaultName: SSN_VAULT }))).toEqual([]);
  });
  test.each(DATA_OUT_EVENTS.map((e) => [e]))('%s matches DataLeavingVaults only', (eventName) => {
    const recoveryPointArn = `arn:aws:backup:${REGION}:${ACCOUNT}:recovery-point:0a1b2c3d`;
    expect(matching(backup(eventName, { recoveryPointArn, sourceBackupVaultName: SSN_VAULT }))).toEqual([
      'DataLeavingVaults',
    ]);
  });
  test.each(KEY_CHANGE_EVENTS.map((e) => [e]))(
    '%s on the SSN key matches by resources ARN, by key ARN or by key ID; another key does not',
    (eventName) => {
      expect(matching(kms(eventName, { keyId: SSN_KEY_ID }, { resources: keyResource(SSN_KEY_ID) }))).toEqual(
        ['SSNBackupEncryptionKeyChanges'],
      );
      expect(matching(kms(eventName, { keyId: keyArn(SSN_KEY_ID) }))).toEqual([
        'SSNBackupEncryptionKeyChanges',
      ]);
      expect(matching(kms(eventName, { keyId: SSN_KEY_ID }))).toEqual(['SSNBackupEncryptionKeyChanges']);
      expect(matching(kms(eventName, {}, { resources: keyResource(SSN_KEY_ID) }))).toEqual([
        'SSNBackupEncryptionKeyChanges',
      ]);
      expect(
        matching(kms(eventName, { keyId: OTHER_KEY_ID }, { resources: keyResource(OTHER_KEY_ID) })),
      ).toEqual([]);
    },
  );
  test('grants on the SSN key: direct and by another service match, those AWS Backup makes do not', () => {
    const grant = (invokedBy?: string) =>
      matching(
        kms(
          'CreateGrant',
          {
            keyId: keyArn(SSN_KEY_ID),
            granteePrincipal: `arn:aws:iam::${ACCOUNT}:role/Admin`,
            operations: ['Decrypt'],
          },
          { resources: keyResource(SSN_KEY_ID), invokedBy },
        ),
      );
    expect(grant()).toEqual(['SSNBackupEncryptionKeyGrants']);
    expect(grant('dynamodb.amazonaws.com')).toEqual(['SSNBackupEncryptionKeyGrants']);
    expect(grant('backup.amazonaws.com')).toEqual([]);
  });
  test.each(ALIAS_CHANGE_EVENTS.map((e) => [e]))(
    '%s on the SSN alias matches its rule; another alias does not',
    (eventName) => {
      expect(
        matching(
          kms(eventName, { aliasName: 'alias/compactconnect-ssn-backup-key', targetKeyId: OTHER_KEY_ID }),
        ),
      ).toEqual(['SSNBackupEncryptionKeyAliasChanges']);
      expect(
        matching(kms(eventName, { aliasName: 'alias/something-else', targetKeyId: SSN_KEY_ID })),
      ).toEqual([]);
    },
  );
});
