import { evidenceBucketChangePattern } from '../../lib/constructs/alerting/evidence-events';
import type { Template } from 'aws-cdk-lib/assertions';
import type * as events from 'aws-cdk-lib/aws-events';
import {
  aliasChangePattern,
  dataOutPattern,
  keyChangePattern,
  keyGrantPattern,
  vaultChangePattern,
} from '../../lib/constructs/alerting/audit-events';
import {
  backupIntoVaultPattern,
  restoreTestingChangePattern,
  tableOnwardPattern,
} from '../../lib/constructs/alerting/onward-events';
import { configWith } from '../support/config';
import { synthesize } from '../support/synthesis';

// Every alerting resource is asserted whole: an extra grant, principal or lost condition fails.
const ACCOUNT = '000011114444';
const TOPIC_ARN = `arn:aws:sns:us-west-2:${ACCOUNT}:compactconnect-backup-alerts`;
const LOG_GROUP_ARN = `arn:aws:logs:us-west-2:${ACCOUNT}:log-group:/compactconnect/backup-account/freshness-check`;
const TAGS = [
  { Key: 'Environment', Value: 'DataRetention' },
  { Key: 'Project', Value: 'CompactConnect' },
];
const KEY = 'AlertingKeyF32BC376';
const TOPIC = 'AlertingTopic08189029';
const TOPIC_POLICY = 'AlertingTopicPolicy3E7BF99A';
const GENERAL_KEY = 'BackupEncryptionKeyC122292D';
const SSN_KEY = 'SSNBackupEncryptionKeyB14829E2';
const EVIDENCE_KEY = 'EvidenceKey11A13AF7';
const DLQ = 'AlertingDeadLetterQueue28CDA92E';

type Resource = { Type: string; Properties: Record<string, unknown>; [k: string]: unknown };
const resources = (template: Template) => template.toJSON().Resources as Record<string, Resource>;
/** A resource without its CDK path metadata. */
function withoutMetadata(resource: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(resource).filter(([name]) => name !== 'Metadata'));
}

test('the alert key: its own policy for the four writers, rotation on, deleted with the stack', () => {
  const { template } = synthesize();
  expect(withoutMetadata(resources(template)[KEY])).toEqual({
    Type: 'AWS::KMS::Key',
    Properties: {
      Description: 'KMS key for CompactConnect backup alerts (SNS topic and freshness check logs)',
      EnableKeyRotation: true,
      PendingWindowInDays: 30,
      Tags: TAGS,
      KeyPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'EnableInAccountPermissions',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Sid: 'AllowEventBridgeToEncryptAlerts',
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
            Resource: '*',
            Condition: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': TOPIC_ARN } },
          },
          {
            Sid: 'AllowBackupToEncryptVaultNotifications',
            Effect: 'Allow',
            Principal: { Service: 'backup.amazonaws.com' },
            Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
            Resource: '*',
            Condition: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': TOPIC_ARN } },
          },
          {
            Sid: 'AllowLogsToEncryptFreshnessCheckLogs',
            Effect: 'Allow',
            Principal: { Service: 'logs.us-west-2.amazonaws.com' },
            Action: [
              'kms:Encrypt*',
              'kms:Decrypt*',
              'kms:ReEncrypt*',
              'kms:GenerateDataKey*',
              'kms:Describe*',
            ],
            Resource: '*',
            Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': LOG_GROUP_ARN } },
          },
          {
            Sid: 'AllowLogsToEncryptRestoreTestLogs',
            Effect: 'Allow',
            Principal: { Service: 'logs.us-west-2.amazonaws.com' },
            Action: [
              'kms:Encrypt*',
              'kms:Decrypt*',
              'kms:ReEncrypt*',
              'kms:GenerateDataKey*',
              'kms:Describe*',
            ],
            Resource: '*',
            Condition: {
              ArnEquals: {
                'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:us-west-2:${ACCOUNT}:log-group:/compactconnect/backup-account/restore-test`,
              },
            },
          },
          {
            Sid: 'AllowCloudWatchToEncryptAlarms',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
            Resource: '*',
            Condition: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': TOPIC_ARN } },
          },
          {
            Sid: 'DenyGrantsNotForAWSServices',
            Effect: 'Deny',
            Principal: '*',
            Action: 'kms:CreateGrant',
            Resource: '*',
            Condition: {
              BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' },
            },
          },
        ],
      },
    },
    DeletionPolicy: 'Delete',
    UpdateReplacePolicy: 'Delete',
  });
});

test('the alert topic is encrypted with the alert key; its policy admits EventBridge, AWS Backup and CloudWatch alarms of this account, over TLS only', () => {
  const { template } = synthesize();
  const all = resources(template);
  expect(withoutMetadata(all[TOPIC])).toEqual({
    Type: 'AWS::SNS::Topic',
    Properties: {
      TopicName: 'compactconnect-backup-alerts',
      DisplayName: 'CompactConnect backup alerts',
      KmsMasterKeyId: { 'Fn::GetAtt': [KEY, 'Arn'] },
      Tags: TAGS,
    },
  });
  expect(withoutMetadata(all[TOPIC_POLICY])).toEqual({
    Type: 'AWS::SNS::TopicPolicy',
    Properties: {
      Topics: [{ Ref: TOPIC }],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AllowEventBridgePublish',
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: TOPIC_ARN,
            Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
          },
          {
            Sid: 'AllowBackupVaultNotifications',
            Effect: 'Allow',
            Principal: { Service: 'backup.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: TOPIC_ARN,
            Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
          },
          {
            Sid: 'AllowCloudWatchAlarms',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: TOPIC_ARN,
            Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
          },
          {
            Sid: 'DenyPublishWithoutTLS',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'sns:Publish',
            Resource: TOPIC_ARN,
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      },
    },
  });
  // The one topic policy: nothing else added a statement of its own.
  expect(Object.keys(template.findResources('AWS::SNS::TopicPolicy'))).toEqual([TOPIC_POLICY]);
});

test('no e-mail subscription by default; one per configured address', () => {
  expect(synthesize().template.findResources('AWS::SNS::Subscription')).toEqual({});
  const { template } = synthesize(configWith({ alert_emails: ['alerts@example.com', 'oncall@example.org'] }));
  const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription')).map(withoutMetadata);
  expect(subscriptions).toEqual(
    ['alerts@example.com', 'oncall@example.org'].map((Endpoint) => ({
      Type: 'AWS::SNS::Subscription',
      Properties: { Protocol: 'email', Endpoint, TopicArn: { Ref: TOPIC } },
    })),
  );
});

test('both vaults notify the topic of restores, modified recovery points and failed copies', () => {
  const { template } = synthesize();
  for (const vault of Object.values(template.findResources('AWS::Backup::BackupVault'))) {
    expect(vault.Properties.Notifications).toEqual({
      BackupVaultEvents: [
        'RESTORE_JOB_STARTED',
        'RESTORE_JOB_COMPLETED',
        'RECOVERY_POINT_MODIFIED',
        'COPY_JOB_FAILED',
      ],
      SNSTopicArn: { Ref: TOPIC },
    });
    expect(vault.DependsOn).toEqual([TOPIC_POLICY]);
  }
});

/** The audit rules by construct ID, each with its pattern and its one target. */
function auditRules(template: Template) {
  return Object.fromEntries(
    Object.entries(template.findResources('AWS::Events::Rule'))
      .filter(([, r]) => r.Properties.EventPattern)
      .map(([id, r]) => [id.replace(/^Alerting/, '').replace(/[0-9A-F]{8}$/, ''), r.Properties]),
  );
}

/** What every rule target carries: no role, the dead-letter queue, EventBridge's longest retry policy. */
const DELIVERY = {
  RoleArn: undefined,
  DeadLetterConfig: { Arn: { 'Fn::GetAtt': [DLQ, 'Arn'] } },
  RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 },
};

const keyOf = (logicalId: string) => ({
  arn: { 'Fn::GetAtt': [logicalId, 'Arn'] },
  id: { Ref: logicalId },
});

test("fourteen audit rules: each vault, each key, each key's grants and alias, data leaving the vaults, the onward paths (backups, DynamoDB copies, restore testing plans), the evidence bucket and its key", () => {
  const rules = auditRules(synthesize().template);
  const general = keyOf(GENERAL_KEY);
  const ssn = keyOf(SSN_KEY);
  const evidence = keyOf(EVIDENCE_KEY);
  // As CloudFormation receives them: `detailType` renders as `detail-type`.
  const pattern = ({ source, detailType, detail }: events.EventPattern) => ({
    source,
    'detail-type': detailType,
    detail,
  });
  expect(Object.keys(rules).sort()).toEqual([
    'BackupEncryptionKeyAliasChanges',
    'BackupEncryptionKeyChanges',
    'BackupEncryptionKeyGrants',
    'BackupsIntoVaults',
    'CompactConnectBackupVaultChanges',
    'DataLeavingVaults',
    'EvidenceBucketChanges',
    'EvidenceKeyChanges',
    'RestoreTestingChanges',
    'SSNBackupEncryptionKeyAliasChanges',
    'SSNBackupEncryptionKeyChanges',
    'SSNBackupEncryptionKeyGrants',
    'SSNBackupVaultChanges',
    'TableDataOnward',
  ]);
  const patterns = Object.fromEntries(Object.entries(rules).map(([id, r]) => [id, r.EventPattern]));
  expect(patterns).toEqual({
    CompactConnectBackupVaultChanges: pattern(vaultChangePattern('CompactConnectBackupVault')),
    SSNBackupVaultChanges: pattern(vaultChangePattern('CompactConnectBackupVault-SSN')),
    BackupEncryptionKeyChanges: pattern(keyChangePattern(general.arn as never, general.id as never)),
    BackupEncryptionKeyGrants: pattern(keyGrantPattern(general.arn as never, general.id as never)),
    SSNBackupEncryptionKeyChanges: pattern(keyChangePattern(ssn.arn as never, ssn.id as never)),
    SSNBackupEncryptionKeyGrants: pattern(keyGrantPattern(ssn.arn as never, ssn.id as never)),
    DataLeavingVaults: pattern(dataOutPattern()),
    BackupEncryptionKeyAliasChanges: pattern(aliasChangePattern('alias/compactconnect-backup-key')),
    SSNBackupEncryptionKeyAliasChanges: pattern(aliasChangePattern('alias/compactconnect-ssn-backup-key')),
    BackupsIntoVaults: pattern(backupIntoVaultPattern()),
    TableDataOnward: pattern(tableOnwardPattern()),
    RestoreTestingChanges: pattern(restoreTestingChangePattern()),
    EvidenceBucketChanges: pattern(
      evidenceBucketChangePattern('compactconnect-backup-evidence-000011114444-us-west-2'),
    ),
    EvidenceKeyChanges: pattern(keyChangePattern(evidence.arn as never, evidence.id as never)),
  });
  for (const rule of Object.values(rules)) {
    expect(rule.State).toBe('ENABLED');
    expect(rule.Targets).toHaveLength(1);
    const { Arn, RoleArn, DeadLetterConfig, RetryPolicy } = rule.Targets[0];
    expect({ Arn, RoleArn, DeadLetterConfig, RetryPolicy }).toEqual({ Arn: { Ref: TOPIC }, ...DELIVERY });
  }
});

test('alias rules match CreateAlias, UpdateAlias and DeleteAlias on that one alias', () => {
  expect(aliasChangePattern('alias/compactconnect-ssn-backup-key')).toEqual({
    source: ['aws.kms'],
    detailType: ['AWS API Call via CloudTrail'],
    detail: {
      eventSource: ['kms.amazonaws.com'],
      eventName: ['CreateAlias', 'UpdateAlias', 'DeleteAlias'],
      requestParameters: { aliasName: ['alias/compactconnect-ssn-backup-key'] },
    },
  });
});

test('the SSN vault rule matches CloudTrail API calls on that vault only, for every protection change', () => {
  expect(vaultChangePattern('CompactConnectBackupVault-SSN')).toEqual({
    source: ['aws.backup'],
    detailType: ['AWS API Call via CloudTrail'],
    detail: {
      eventSource: ['backup.amazonaws.com'],
      eventName: [
        'PutBackupVaultAccessPolicy',
        'DeleteBackupVaultAccessPolicy',
        'PutBackupVaultLockConfiguration',
        'DeleteBackupVaultLockConfiguration',
        'PutBackupVaultNotifications',
        'DeleteBackupVaultNotifications',
        'DeleteBackupVault',
      ],
      requestParameters: { backupVaultName: ['CompactConnectBackupVault-SSN'] },
    },
  });
});

test('a key rule matches the key by its ARN in resources, or by ARN or ID in requestParameters.keyId', () => {
  expect(keyChangePattern('arn:aws:kms:us-west-2:000011114444:key/k-1', 'k-1')).toEqual({
    source: ['aws.kms'],
    detailType: ['AWS API Call via CloudTrail'],
    detail: {
      eventSource: ['kms.amazonaws.com'],
      eventName: ['PutKeyPolicy', 'DisableKey', 'ScheduleKeyDeletion', 'DisableKeyRotation'],
      $or: [
        { resources: { ARN: ['arn:aws:kms:us-west-2:000011114444:key/k-1'] } },
        { requestParameters: { keyId: ['arn:aws:kms:us-west-2:000011114444:key/k-1', 'k-1'] } },
      ],
    },
  });
});

test('grant rules skip the grants AWS Backup makes for copies, and report direct and other-service grants', () => {
  const detail = keyGrantPattern('arn:k', 'k').detail as Record<string, unknown>;
  expect(detail.eventName).toEqual(['CreateGrant']);
  expect(detail.userIdentity).toEqual({
    $or: [{ invokedBy: [{ exists: false }] }, { invokedBy: [{ 'anything-but': 'backup.amazonaws.com' }] }],
  });
  expect(detail.$or).toEqual([
    { resources: { ARN: ['arn:k'] } },
    { requestParameters: { keyId: ['arn:k', 'k'] } },
  ]);
});

test('restores and copies out are matched in the whole account', () => {
  expect(dataOutPattern()).toEqual({
    source: ['aws.backup'],
    detailType: ['AWS API Call via CloudTrail'],
    detail: { eventSource: ['backup.amazonaws.com'], eventName: ['StartRestoreJob', 'StartCopyJob'] },
  });
});

test('the onward paths are matched in the whole account: backups, DynamoDB copies and replicas, restore testing plans', () => {
  const cloudTrail = { detailType: ['AWS API Call via CloudTrail'] };
  expect(backupIntoVaultPattern()).toEqual({
    source: ['aws.backup'],
    ...cloudTrail,
    detail: {
      eventSource: ['backup.amazonaws.com'],
      eventName: ['StartBackupJob', 'CreateBackupPlan', 'UpdateBackupPlan', 'CreateBackupSelection'],
    },
  });
  expect(tableOnwardPattern()).toEqual({
    source: ['aws.dynamodb'],
    ...cloudTrail,
    detail: {
      eventSource: ['dynamodb.amazonaws.com'],
      $or: [
        {
          eventName: [
            'CreateBackup',
            'UpdateContinuousBackups',
            'ExportTableToPointInTime',
            'RestoreTableFromBackup',
            'RestoreTableToPointInTime',
            'CreateGlobalTable',
            'UpdateGlobalTable',
            'PutResourcePolicy',
          ],
        },
        {
          eventName: ['UpdateTable'],
          requestParameters: { replicaUpdates: { create: { regionName: [{ exists: true }] } } },
        },
      ],
    },
  });
  expect(restoreTestingChangePattern()).toEqual({
    source: ['aws.backup'],
    ...cloudTrail,
    detail: {
      eventSource: ['backup.amazonaws.com'],
      eventName: [
        'CreateRestoreTestingPlan',
        'UpdateRestoreTestingPlan',
        'DeleteRestoreTestingPlan',
        'CreateRestoreTestingSelection',
        'UpdateRestoreTestingSelection',
        'DeleteRestoreTestingSelection',
      ],
    },
  });
});

test('messages say what happened, to which vault or key, by whom, and whether it failed', () => {
  const rules = auditRules(synthesize().template);
  const template = (id: string) => JSON.parse(rules[id].Targets[0].InputTransformer.InputTemplate) as string;
  const paths = (id: string) => rules[id].Targets[0].InputTransformer.InputPathsMap as Record<string, string>;
  expect(template('SSNBackupVaultChanges')).toBe(
    [
      '<detail-eventName> was called on the dedicated SSN backup vault "CompactConnectBackupVault-SSN".',
      'Caller: <detail-userIdentity-arn> (<detail-userIdentity-type>, invoked by <detail-userIdentity-invokedBy>)',
      'Source IP: <detail-sourceIPAddress>; user agent: <detail-userAgent>',
      'Time: <detail-eventTime>; account <account>, region <region>',
      'Error code (empty when the call succeeded): <detail-errorCode>',
      'CloudTrail event ID: <detail-eventID>',
      'This vault holds SSN data under break-glass protection: unless this change was planned and approved, treat it as an incident.',
    ].join('\n'),
  );
  expect(paths('SSNBackupVaultChanges')).toEqual({
    'detail-eventName': '$.detail.eventName',
    'detail-userIdentity-arn': '$.detail.userIdentity.arn',
    'detail-userIdentity-type': '$.detail.userIdentity.type',
    'detail-userIdentity-invokedBy': '$.detail.userIdentity.invokedBy',
    'detail-sourceIPAddress': '$.detail.sourceIPAddress',
    'detail-userAgent': '$.detail.userAgent',
    'detail-eventTime': '$.detail.eventTime',
    account: '$.account',
    region: '$.region',
    'detail-errorCode': '$.detail.errorCode',
    'detail-eventID': '$.detail.eventID',
  });
  expect(template('SSNBackupEncryptionKeyChanges')).toMatch(
    /^<detail-eventName> was called on the dedicated SSN backup encryption key \(alias\/compactconnect-ssn-backup-key, key <detail-requestParameters-keyId>\)\.\n/,
  );
  expect(template('BackupEncryptionKeyGrants')).toMatch(
    /^A grant was created on the backup encryption key \(alias\/compactconnect-backup-key\) for <detail-requestParameters-granteePrincipal>, operations <detail-requestParameters-operations>\.\n/,
  );
  expect(template('DataLeavingVaults')).toMatch(
    /^<detail-eventName> was called in the backup account: recovery point <detail-requestParameters-recoveryPointArn>/,
  );
  expect(template('CompactConnectBackupVaultChanges')).toMatch(/^.*"CompactConnectBackupVault"\.\n/);
  expect(template('TableDataOnward')).toMatch(
    /^<detail-eventName> was called on DynamoDB in the backup account: table <[^>]+tableName><[^>]+tableArn><[^>]+sourceTableName><[^>]+sourceTableArn><[^>]+globalTableName><[^>]+resourceArn>, backup <[^>]+backupArn>, new table <[^>]+targetTableName>, export bucket <[^>]+s3Bucket>\.\n/,
  );
  expect(template('BackupsIntoVaults')).toMatch(
    /^<detail-eventName> was called in the backup account: vault <[^>]+backupVaultName>, resource <[^>]+resourceArn>, plan <[^>]+backupPlanId><[^>]+backupPlanName>\.\n/,
  );
  expect(template('RestoreTestingChanges')).toMatch(
    /^<detail-eventName> was called in the backup account: restore testing plan <[^>]+restoreTestingPlanName><[^>]+restoreTestingPlanName>, selection <[^>]+restoreTestingSelectionName><[^>]+restoreTestingSelectionName>\.\n/,
  );
  expect(template('RestoreTestingChanges')).toContain(
    'Changes to compactconnect_general_restore_testing are expected when the stack is deployed',
  );
  expect(paths('TableDataOnward')).toMatchObject({
    'detail-requestParameters-tableName': '$.detail.requestParameters.tableName',
    'detail-requestParameters-s3Bucket': '$.detail.requestParameters.s3Bucket',
  });
  for (const id of ['TableDataOnward', 'BackupsIntoVaults', 'RestoreTestingChanges'])
    expect(template(id)).toContain('\nCaller: <detail-userIdentity-arn>');
});

test('a renamed vault is watched under its new name', () => {
  const rules = auditRules(synthesize(configWith({ ssn_backup_vault_name: 'Renamed-SSN' })).template);
  expect(rules.SSNBackupVaultChanges.EventPattern.detail.requestParameters).toEqual({
    backupVaultName: ['Renamed-SSN'],
  });
});

test('alerting logical IDs are these, and depend on no configuration value', () => {
  const ids = (overrides: Record<string, unknown>) =>
    Object.keys(resources(synthesize(configWith(overrides)).template))
      .filter((id) => id.startsWith('Alerting'))
      .sort();
  const base = ids({});
  expect(base).toEqual([
    'AlertingBackupEncryptionKeyAliasChanges8D0977C8',
    'AlertingBackupEncryptionKeyAliasChangesFailedInvocations7F0710C2',
    'AlertingBackupEncryptionKeyAliasChangesInvocationsFailedToBeSentToDlqD92F1588',
    'AlertingBackupEncryptionKeyChangesE4D45EEA',
    'AlertingBackupEncryptionKeyChangesFailedInvocations4CDCC41F',
    'AlertingBackupEncryptionKeyChangesInvocationsFailedToBeSentToDlqDBF932BD',
    'AlertingBackupEncryptionKeyGrants1BB13F42',
    'AlertingBackupEncryptionKeyGrantsFailedInvocations03AB35AE',
    'AlertingBackupEncryptionKeyGrantsInvocationsFailedToBeSentToDlq0915CEC4',
    'AlertingBackupsIntoVaults62261F72',
    'AlertingBackupsIntoVaultsFailedInvocations4074F302',
    'AlertingBackupsIntoVaultsInvocationsFailedToBeSentToDlq54E1D46B',
    'AlertingCompactConnectBackupVaultChanges48EEAC90',
    'AlertingCompactConnectBackupVaultChangesFailedInvocationsDD14C3EB',
    'AlertingCompactConnectBackupVaultChangesInvocationsFailedToBeSentToDlqF2A7B0A5',
    'AlertingDataLeavingVaults9DAE91CD',
    'AlertingDataLeavingVaultsFailedInvocations234C5122',
    'AlertingDataLeavingVaultsInvocationsFailedToBeSentToDlq5F817E0D',
    'AlertingDeadLetterQueue28CDA92E',
    'AlertingDeadLetterQueueNotEmptyD4726848',
    'AlertingDeadLetterQueuePolicy89A71D31',
    'AlertingEvidenceBucketChanges011AF12A',
    'AlertingEvidenceBucketChangesFailedInvocationsB42CE96F',
    'AlertingEvidenceBucketChangesInvocationsFailedToBeSentToDlq2ACA90B8',
    'AlertingEvidenceKeyChanges8BD0355B',
    'AlertingEvidenceKeyChangesFailedInvocationsEF524812',
    'AlertingEvidenceKeyChangesInvocationsFailedToBeSentToDlq7B465EE0',
    'AlertingFreshnessCheckFunctionC148631C',
    'AlertingFreshnessCheckLogsE57957F2',
    'AlertingFreshnessCheckPolicy2B5BE35E',
    'AlertingFreshnessCheckRole92EEB451',
    'AlertingFreshnessCheckSchedule6ECAAB25',
    'AlertingFreshnessCheckScheduleAllowEventRuleBackupAccountStackAlertingFreshnessCheckFunction7A937097818563B5',
    'AlertingFreshnessCheckScheduleFailedInvocationsE90FD37B',
    'AlertingFreshnessCheckScheduleInvocationsFailedToBeSentToDlqAD5B1994',
    'AlertingKeyF32BC376',
    'AlertingRestoreTestingChanges55C6E81C',
    'AlertingRestoreTestingChangesFailedInvocationsB3284E8C',
    'AlertingRestoreTestingChangesInvocationsFailedToBeSentToDlq28FE62D4',
    'AlertingSSNBackupEncryptionKeyAliasChanges96DA7FAE',
    'AlertingSSNBackupEncryptionKeyAliasChangesFailedInvocationsA4BF4076',
    'AlertingSSNBackupEncryptionKeyAliasChangesInvocationsFailedToBeSentToDlqD08E95C7',
    'AlertingSSNBackupEncryptionKeyChanges5EC71CF3',
    'AlertingSSNBackupEncryptionKeyChangesFailedInvocations3A8BC65E',
    'AlertingSSNBackupEncryptionKeyChangesInvocationsFailedToBeSentToDlqA7E0C8E9',
    'AlertingSSNBackupEncryptionKeyGrantsCE10DCA2',
    'AlertingSSNBackupEncryptionKeyGrantsFailedInvocations65066BB1',
    'AlertingSSNBackupEncryptionKeyGrantsInvocationsFailedToBeSentToDlqDD840A8F',
    'AlertingSSNBackupVaultChanges224A00AE',
    'AlertingSSNBackupVaultChangesFailedInvocations1DE6A78D',
    'AlertingSSNBackupVaultChangesInvocationsFailedToBeSentToDlqE960C739',
    'AlertingTableDataOnward520096F9',
    'AlertingTableDataOnwardFailedInvocations53EE3EB0',
    'AlertingTableDataOnwardInvocationsFailedToBeSentToDlq11FB4C41',
    'AlertingTopic08189029',
    'AlertingTopicPolicy3E7BF99A',
  ]);
  for (const overrides of [
    { source_account_ids: ['000011112222', '000011113333', '000011115555'] },
    { source_regions: ['us-east-1', 'us-east-2'] },
    { ssn_backup_vault_name: 'Renamed-SSN', backup_vault_name: 'Renamed' },
    { freshness_alert_hours: 100 },
    { tags: {} },
  ]) {
    expect(ids(overrides)).toEqual(base);
  }
});

test('an e-mail subscription is identified by its address: removing another one replaces nothing', () => {
  const subscriptionIds = (emails: string[]) =>
    Object.entries(
      synthesize(configWith({ alert_emails: emails })).template.findResources('AWS::SNS::Subscription'),
    )
      .map(([id, r]) => `${id} ${r.Properties.Endpoint}`)
      .sort();
  const both = subscriptionIds(['first@example.com', 'second@example.com']);
  const second = subscriptionIds(['second@example.com']);
  expect(second).toHaveLength(1);
  expect(both).toContain(second[0]);
});

/** The rule logical IDs of the template, each with its FailedInvocations alarm. */
function rulesWithAlarms(template: Template) {
  const all = resources(template);
  const rules = Object.keys(template.findResources('AWS::Events::Rule')).sort();
  const alarms = Object.entries(template.findResources('AWS::CloudWatch::Alarm'));
  return rules.map((rule) => {
    const watching = alarms.filter(
      ([, a]) =>
        JSON.stringify(a.Properties.Dimensions) ===
        JSON.stringify([{ Name: 'RuleName', Value: { Ref: rule } }]),
    );
    return {
      rule,
      target: all[rule].Properties.Targets as Record<string, unknown>[],
      alarms: watching.map(([, a]) => withoutMetadata(a)),
    };
  });
}

test('the dead-letter queue: SQS-managed encryption, kept 14 days, declared a dead-letter queue, TLS only, and its policy admits exactly the rules', () => {
  const { template } = synthesize();
  const all = resources(template);
  expect(withoutMetadata(all[DLQ])).toEqual({
    Type: 'AWS::SQS::Queue',
    Properties: {
      QueueName: 'compactconnect-backup-alert-dead-letters',
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1209600,
      RedriveAllowPolicy: { redrivePermission: 'allowAll' },
      Tags: TAGS,
    },
    UpdateReplacePolicy: 'Delete',
    DeletionPolicy: 'Delete',
  });
  const rules = Object.keys(template.findResources('AWS::Events::Rule')).sort();
  expect(rules).toHaveLength(15);
  // One ALLOW per rule (as aws-events-targets writes them), in rule order for the comparison.
  const sourceOf = (s: { Condition?: { ArnEquals?: Record<string, { 'Fn::GetAtt': string[] }> } }) =>
    s.Condition?.ArnEquals?.['aws:SourceArn']['Fn::GetAtt'][0] ?? '';
  const policies = Object.values(structuredClone(template.findResources('AWS::SQS::QueuePolicy'))).map(
    (p) => {
      const statements = p.Properties.PolicyDocument.Statement as Parameters<typeof sourceOf>[0][];
      p.Properties.PolicyDocument.Statement = [...statements].sort((a, b) =>
        sourceOf(a).localeCompare(sourceOf(b)),
      );
      return withoutMetadata(p);
    },
  );
  const dlqArn = { 'Fn::GetAtt': [DLQ, 'Arn'] };
  expect(policies).toEqual([
    {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [{ Ref: DLQ }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: 'sqs:*',
              Resource: dlqArn,
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
            ...rules.map((rule) => ({
              Sid: expect.stringMatching(/^AllowEventRule/),
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Resource: dlqArn,
              Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [rule, 'Arn'] } } },
            })),
          ],
        },
      },
    },
  ]);
});

test('every rule target is retried and keeps its dead letters; every rule has a FailedInvocations and an InvocationsFailedToBeSentToDlq alarm on the topic', () => {
  const watched = rulesWithAlarms(synthesize().template);
  for (const { rule, target, alarms } of watched) {
    expect(target).toHaveLength(1);
    const { DeadLetterConfig, RetryPolicy } = target[0];
    expect({ rule, DeadLetterConfig, RetryPolicy }).toEqual({
      rule,
      DeadLetterConfig: DELIVERY.DeadLetterConfig,
      RetryPolicy: DELIVERY.RetryPolicy,
    });
    const metricOf = (alarm: Record<string, unknown>) =>
      String((alarm.Properties as { MetricName: string }).MetricName);
    const onRule = (MetricName: string, AlarmDescription: RegExp) => ({
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmActions: [{ Ref: TOPIC }],
        AlarmDescription: expect.stringMatching(AlarmDescription),
        ComparisonOperator: 'GreaterThanThreshold',
        Dimensions: [{ Name: 'RuleName', Value: { Ref: rule } }],
        EvaluationPeriods: 1,
        MetricName,
        Namespace: 'AWS/Events',
        Period: 300,
        Statistic: 'Sum',
        Threshold: 0,
        TreatMissingData: 'notBreaching',
        Tags: TAGS,
      },
    });
    expect(alarms.sort((a, b) => metricOf(a).localeCompare(metricOf(b)))).toEqual([
      onRule(
        'FailedInvocations',
        /^EventBridge could not deliver an event of the rule ".+": look in the alert dead-letter queue/,
      ),
      onRule(
        'InvocationsFailedToBeSentToDlq',
        /^EventBridge could neither deliver an event of the rule ".+" nor keep it in the alert dead-letter queue: the event is lost/,
      ),
    ]);
  }
});

test('a message in the dead-letter queue raises an alarm on the topic', () => {
  const alarm = resources(synthesize().template).AlertingDeadLetterQueueNotEmptyD4726848;
  expect(withoutMetadata(alarm)).toEqual({
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmActions: [{ Ref: TOPIC }],
      AlarmDescription:
        'An alert could not be delivered and waits in the alert dead-letter queue (see the README, "A dropped alert")',
      ComparisonOperator: 'GreaterThanThreshold',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [DLQ, 'QueueName'] } }],
      EvaluationPeriods: 1,
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Period: 300,
      Statistic: 'Maximum',
      Threshold: 0,
      TreatMissingData: 'notBreaching',
      Tags: TAGS,
    },
  });
});
