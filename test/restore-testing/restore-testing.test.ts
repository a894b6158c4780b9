import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { composeApp } from '../../lib/app';
import { configWith } from '../support/config';
import { synthesize, WITHOUT_CLOUDFORMATION_VALIDATION } from '../support/synthesis';

// Every restore testing resource is asserted whole: an extra grant, a widened resource or a vault
// added to the selection fails.
const ACCOUNT = '000011114444';
const TAGS = [
  { Key: 'Environment', Value: 'DataRetention' },
  { Key: 'Project', Value: 'CompactConnect' },
];
const WEEKLY = 'cron(0 5 ? * SUN *)';
const PLAN = 'RestoreTestingPlan1C6D5760';
const FUNCTION = 'RestoreTestingValidationFC4550AF';
const TOPIC = 'AlertingTopic08189029';
const DLQ = 'AlertingDeadLetterQueue28CDA92E';
const GENERAL_KEY = 'BackupEncryptionKeyC122292D';
const PLAN_ARN = { 'Fn::GetAtt': [PLAN, 'RestoreTestingPlanArn'] };
const TEST_TABLES = `arn:aws:dynamodb:us-west-2:${ACCOUNT}:table/awsbackup-restore-test-*`;
const DELIVERY = {
  DeadLetterConfig: { Arn: { 'Fn::GetAtt': [DLQ, 'Arn'] } },
  RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 },
};

type Resource = { Type: string; Properties: Record<string, unknown>; [k: string]: unknown };
const resources = (template: Template) => template.toJSON().Resources as Record<string, Resource>;
function withoutMetadata(resource: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(resource).filter(([name]) => name !== 'Metadata'));
}
const on = configWith({ restore_testing_schedule: WEEKLY });
let template: Template;
let all: Record<string, Resource>;
beforeAll(() => {
  template = synthesize(on).template;
  all = resources(template);
});

test('off by default: no restore testing resource and no output', () => {
  const off = synthesize().template.toJSON();
  expect(Object.keys(off.Resources).filter((id) => id.startsWith('RestoreTesting'))).toEqual([]);
  expect(Object.keys(off.Outputs).filter((id) => id.startsWith('RestoreTesting'))).toEqual([]);
});

test('these resources, under RestoreTesting/, and two outputs for the health check', () => {
  expect(
    Object.keys(all)
      .filter((id) => id.startsWith('RestoreTesting'))
      .sort(),
  ).toEqual([
    'RestoreTestingFailedTests7F1C4A69',
    'RestoreTestingFailedTestsFailedInvocations8742F9D0',
    'RestoreTestingFailedTestsInvocationsFailedToBeSentToDlq977F9E6E',
    'RestoreTestingLogsEAD75E09',
    'RestoreTestingOverdueCheckAllowEventRuleBackupAccountStackRestoreTestingValidation9AEBA203F0D896AA',
    'RestoreTestingOverdueCheckE8D70C17',
    'RestoreTestingOverdueCheckFailedInvocations3E549197',
    'RestoreTestingOverdueCheckInvocationsFailedToBeSentToDlqDF73418B',
    PLAN,
    'RestoreTestingRestoreRole22B0653F',
    'RestoreTestingRestoreRolePolicy0C5B59CA',
    'RestoreTestingSelectionC64DB366',
    'RestoreTestingValidateCompletedTests1C8D7EC0',
    'RestoreTestingValidateCompletedTestsAllowEventRuleBackupAccountStackRestoreTestingValidation9AEBA2032CA3A498',
    'RestoreTestingValidateCompletedTestsFailedInvocationsB07240B2',
    'RestoreTestingValidateCompletedTestsInvocationsFailedToBeSentToDlq4A81638F',
    FUNCTION,
    'RestoreTestingValidationPolicyA5DE7BA1',
    'RestoreTestingValidationRoleC4093A94',
  ]);
  const outputs = template.toJSON().Outputs;
  expect({ name: outputs.RestoreTestingPlanName, arn: outputs.RestoreTestingPlanArn }).toEqual({
    name: {
      Description: 'Name of the restore testing plan of the general vault',
      Value: 'compactconnect_general_restore_testing',
    },
    arn: { Description: 'ARN of the restore testing plan of the general vault', Value: PLAN_ARN },
  });
});

test('the plan: the configured schedule, the latest snapshot within the window, the general vault only, the SSN vault excluded', () => {
  expect(withoutMetadata(all[PLAN])).toEqual({
    Type: 'AWS::Backup::RestoreTestingPlan',
    Properties: {
      RestoreTestingPlanName: 'compactconnect_general_restore_testing',
      ScheduleExpression: WEEKLY,
      RecoveryPointSelection: {
        Algorithm: 'LATEST_WITHIN_WINDOW',
        IncludeVaults: [{ 'Fn::GetAtt': ['CompactConnectBackupVault58EC1A60', 'BackupVaultArn'] }],
        ExcludeVaults: [{ 'Fn::GetAtt': ['SSNBackupVault0BED3CF4', 'BackupVaultArn'] }],
        RecoveryPointTypes: ['SNAPSHOT'],
        SelectionWindowDays: 7,
      },
      Tags: TAGS,
    },
  });
});

test('the SSN vault is in no selection: never included, whatever the vault names', () => {
  const renamed = configWith({
    restore_testing_schedule: WEEKLY,
    backup_vault_name: 'General',
    ssn_backup_vault_name: 'Secret-SSN',
  });
  const { template: t } = synthesize(renamed);
  const ssnVault = Object.entries(t.findResources('AWS::Backup::BackupVault')).find(
    ([, v]) => v.Properties.BackupVaultName === 'Secret-SSN',
  )?.[0];
  expect(ssnVault).toBeDefined();
  const plans = Object.values(t.findResources('AWS::Backup::RestoreTestingPlan'));
  expect(plans).toHaveLength(1);
  const selection = plans[0].Properties.RecoveryPointSelection;
  expect(JSON.stringify(selection.IncludeVaults)).not.toContain(ssnVault);
  expect(JSON.stringify(selection.IncludeVaults)).not.toContain('*');
  expect(selection.ExcludeVaults).toEqual([{ 'Fn::GetAtt': [ssnVault, 'BackupVaultArn'] }]);
});

test('the selection: every DynamoDB resource of the plan, restored as the restore role, kept for the validation window', () => {
  const t = synthesize(
    configWith({
      restore_testing_schedule: WEEKLY,
      restore_testing_selection_days: 3,
      restore_testing_validation_hours: 12,
    }),
  ).template;
  const r = resources(t);
  expect(withoutMetadata(r.RestoreTestingSelectionC64DB366)).toEqual({
    Type: 'AWS::Backup::RestoreTestingSelection',
    Properties: {
      RestoreTestingPlanName: 'compactconnect_general_restore_testing',
      RestoreTestingSelectionName: 'general_vault_dynamodb_tables',
      ProtectedResourceType: 'DynamoDB',
      ProtectedResourceArns: ['*'],
      IamRoleArn: { 'Fn::GetAtt': ['RestoreTestingRestoreRole22B0653F', 'Arn'] },
      ValidationWindowHours: 12,
    },
    DependsOn: [PLAN, 'RestoreTestingRestoreRolePolicy0C5B59CA'],
  });
  expect((r[PLAN].Properties.RecoveryPointSelection as Record<string, unknown>).SelectionWindowDays).toBe(3);
});

test('the restore role: assumed by AWS Backup, one policy: restore into test tables, the general key through DynamoDB or AWS Backup only', () => {
  expect(withoutMetadata(all.RestoreTestingRestoreRole22B0653F)).toEqual({
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' } },
        ],
      },
      Description:
        'Restore testing: AWS Backup restores general DynamoDB recovery points into test tables as this role',
      Tags: TAGS,
    },
  });
  const key = { 'Fn::GetAtt': [GENERAL_KEY, 'Arn'] };
  expect(withoutMetadata(all.RestoreTestingRestoreRolePolicy0C5B59CA)).toEqual({
    Type: 'AWS::IAM::ManagedPolicy',
    Properties: {
      Description: 'Restore testing: a DynamoDB restore from the general vault into a test table',
      Path: '/',
      Roles: [{ Ref: 'RestoreTestingRestoreRole22B0653F' }],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'RestoreIntoRestoreTestTables',
            Effect: 'Allow',
            Action: [
              'dynamodb:RestoreTableFromAwsBackup',
              'dynamodb:DescribeTable',
              'dynamodb:Scan',
              'dynamodb:Query',
              'dynamodb:GetItem',
              'dynamodb:PutItem',
              'dynamodb:UpdateItem',
              'dynamodb:DeleteItem',
              'dynamodb:BatchWriteItem',
            ],
            Resource: TEST_TABLES,
          },
          {
            Sid: 'UseTheGeneralVaultKeyThroughDynamoDBAndBackup',
            Effect: 'Allow',
            Action: [
              'kms:Decrypt',
              'kms:Encrypt',
              'kms:GenerateDataKey',
              'kms:GenerateDataKeyWithoutPlaintext',
              'kms:ReEncryptFrom',
              'kms:ReEncryptTo',
            ],
            Resource: key,
            Condition: {
              StringEquals: {
                'kms:ViaService': ['dynamodb.us-west-2.amazonaws.com', 'backup.us-west-2.amazonaws.com'],
              },
            },
          },
          {
            Sid: 'CreateGrantsOnTheGeneralVaultKeyForAWSResources',
            Effect: 'Allow',
            Action: 'kms:CreateGrant',
            Resource: key,
            Condition: {
              Bool: { 'kms:GrantIsForAWSResource': 'true' },
              StringEquals: {
                'kms:ViaService': ['dynamodb.us-west-2.amazonaws.com', 'backup.us-west-2.amazonaws.com'],
              },
            },
          },
          { Sid: 'DescribeTheGeneralVaultKey', Effect: 'Allow', Action: 'kms:DescribeKey', Resource: key },
        ],
      },
    },
  });
  // Nothing else grants the role anything.
  const attached = Object.values(all).filter((r) =>
    JSON.stringify(r.Properties?.Roles ?? []).includes('RestoreTestingRestoreRole22B0653F'),
  );
  expect(attached).toHaveLength(1);
});

test('the validation role: restore jobs, the plan, the test tables, the topic, its own logs and its records in the evidence bucket, nothing else', () => {
  expect(withoutMetadata(all.RestoreTestingValidationPolicyA5DE7BA1)).toEqual({
    Type: 'AWS::IAM::ManagedPolicy',
    Properties: {
      Description: 'Restore testing validation: least privilege',
      Path: '/',
      Roles: [{ Ref: 'RestoreTestingValidationRoleC4093A94' }],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ReadRestoreJobsAndReportValidation',
            Effect: 'Allow',
            Action: [
              'backup:DescribeRestoreJob',
              'backup:GetRestoreJobMetadata',
              'backup:ListRestoreJobs',
              'backup:PutRestoreValidationResult',
            ],
            Resource: '*',
          },
          {
            Sid: 'ReadTheRestoreTestingPlan',
            Effect: 'Allow',
            Action: 'backup:GetRestoreTestingPlan',
            Resource: `arn:aws:backup:us-west-2:${ACCOUNT}:restore-testing-plan:compactconnect_general_restore_testing-*`,
          },
          {
            Sid: 'ReadRestoreTestTables',
            Effect: 'Allow',
            Action: ['dynamodb:DescribeTable', 'dynamodb:Scan'],
            Resource: TEST_TABLES,
          },
          {
            Sid: 'PublishAlerts',
            Effect: 'Allow',
            Action: 'sns:Publish',
            Resource: `arn:aws:sns:us-west-2:${ACCOUNT}:compactconnect-backup-alerts`,
          },
          {
            Sid: 'EncryptAlertsWithTheAlertKey',
            Effect: 'Allow',
            Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
            Resource: { 'Fn::GetAtt': ['AlertingKeyF32BC376', 'Arn'] },
            Condition: { StringEquals: { 'kms:ViaService': 'sns.us-west-2.amazonaws.com' } },
          },
          {
            Sid: 'WriteOwnLogs',
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: `arn:aws:logs:us-west-2:${ACCOUNT}:log-group:/compactconnect/backup-account/restore-test:log-stream:*`,
          },
          {
            Sid: 'RecordRestoreTestResultsAsEvidence',
            Effect: 'Allow',
            Action: 's3:PutObject',
            Resource: `arn:aws:s3:::compactconnect-backup-evidence-${ACCOUNT}-us-west-2/restore-tests/*`,
          },
          {
            Sid: 'EncryptEvidenceRecordsThroughS3',
            Effect: 'Allow',
            Action: 'kms:GenerateDataKey',
            Resource: { 'Fn::GetAtt': ['EvidenceKey11A13AF7', 'Arn'] },
            Condition: { StringEquals: { 'kms:ViaService': 's3.us-west-2.amazonaws.com' } },
          },
        ],
      },
    },
  });
  const role = withoutMetadata(all.RestoreTestingValidationRoleC4093A94) as {
    Properties: Record<string, unknown>;
  };
  expect(role.Properties.AssumeRolePolicyDocument).toEqual({
    Version: '2012-10-17',
    Statement: [
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
    ],
  });
  expect(role.Properties.Policies).toBeUndefined();
  expect(role.Properties.ManagedPolicyArns).toBeUndefined();
});

test('the function: bundled inline, the plan and the allowed silence in its environment, failures to the topic, logs encrypted', () => {
  const fn = all[FUNCTION].Properties;
  expect({ ...fn, Code: undefined }).toEqual({
    Code: undefined,
    Architectures: ['arm64'],
    DeadLetterConfig: { TargetArn: { Ref: TOPIC } },
    Description: 'Validates restored test tables of the general vault and checks that restore tests complete',
    Environment: {
      Variables: {
        PLAN_NAME: 'compactconnect_general_restore_testing',
        PLAN_ARN: PLAN_ARN,
        TOPIC_ARN: { Ref: TOPIC },
        // Two weekly periods (2 × 168 h), the 24-hour start window and the 4-hour validation window.
        MAX_SILENCE_HOURS: '364',
        EVIDENCE_BUCKET: `compactconnect-backup-evidence-${ACCOUNT}-us-west-2`,
      },
    },
    Handler: 'index.handler',
    LoggingConfig: { LogGroup: { Ref: 'RestoreTestingLogsEAD75E09' } },
    MemorySize: 256,
    Role: { 'Fn::GetAtt': ['RestoreTestingValidationRoleC4093A94', 'Arn'] },
    Runtime: 'nodejs24.x',
    Tags: TAGS,
    Timeout: 180,
  });
  expect((fn.Code as { ZipFile: string }).ZipFile).toContain('PutRestoreValidationResultCommand');
  expect(withoutMetadata(all.RestoreTestingLogsEAD75E09)).toEqual({
    Type: 'AWS::Logs::LogGroup',
    Properties: {
      KmsKeyId: { 'Fn::GetAtt': ['AlertingKeyF32BC376', 'Arn'] },
      LogGroupName: '/compactconnect/backup-account/restore-test',
      RetentionInDays: 365,
      Tags: TAGS,
    },
    UpdateReplacePolicy: 'Delete',
    DeletionPolicy: 'Delete',
  });
});

test('three rules: completed tests are validated, failed ones alerted, overdue ones checked daily; each retried, with dead letters and two alarms', () => {
  const rule = (id: string) => all[id].Properties;
  const completed = rule('RestoreTestingValidateCompletedTests1C8D7EC0');
  expect(completed.EventPattern).toEqual({
    source: ['aws.backup'],
    'detail-type': ['Restore Job State Change'],
    detail: { status: ['COMPLETED'], restoreTestingPlanArn: [PLAN_ARN] },
  });
  expect(completed.Targets).toEqual([
    { Arn: { 'Fn::GetAtt': [FUNCTION, 'Arn'] }, Id: 'Target0', ...DELIVERY },
  ]);
  const failed = rule('RestoreTestingFailedTests7F1C4A69');
  expect(failed.EventPattern).toEqual({
    source: ['aws.backup'],
    'detail-type': ['Restore Job State Change'],
    detail: { status: ['FAILED', 'ABORTED'], restoreTestingPlanArn: [PLAN_ARN] },
  });
  const [target] = failed.Targets as { Arn: unknown; InputTransformer: { InputTemplate: string } }[];
  expect(target.Arn).toEqual({ Ref: TOPIC });
  expect(JSON.parse(target.InputTransformer.InputTemplate)).toBe(
    [
      'A restore test of the general backup vault ended <detail-status> (plan compactconnect_general_restore_testing).',
      'Restore job: <detail-restoreJobId>; status message: <detail-statusMessage>',
      'Time: <time>; account <account>, region <region>',
      'The general backups may not restore: see the README, "Restore testing", for how to read a failed result.',
    ].join('\n'),
  );
  expect(target).toMatchObject(DELIVERY);
  const overdue = rule('RestoreTestingOverdueCheckE8D70C17');
  expect(overdue.ScheduleExpression).toBe('cron(20 15 * * ? *)');
  expect(overdue.Targets).toEqual([{ Arn: { 'Fn::GetAtt': [FUNCTION, 'Arn'] }, Id: 'Target0', ...DELIVERY }]);

  const ruleIds = [
    'RestoreTestingValidateCompletedTests1C8D7EC0',
    'RestoreTestingFailedTests7F1C4A69',
    'RestoreTestingOverdueCheckE8D70C17',
  ];
  const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
  const queuePolicy = JSON.stringify(Object.values(template.findResources('AWS::SQS::QueuePolicy')));
  for (const id of ruleIds) {
    const watching = alarms.filter(
      (a) =>
        JSON.stringify(a.Properties.Dimensions) ===
        JSON.stringify([{ Name: 'RuleName', Value: { Ref: id } }]),
    );
    expect(watching.map((a) => [a.Properties.MetricName, a.Properties.AlarmActions])).toEqual([
      ['FailedInvocations', [{ Ref: TOPIC }]],
      ['InvocationsFailedToBeSentToDlq', [{ Ref: TOPIC }]],
    ]);
    // The dead-letter queue admits the rule.
    expect(queuePolicy).toContain(JSON.stringify({ 'aws:SourceArn': { 'Fn::GetAtt': [id, 'Arn'] } }));
  }
});

test('the silence allowed follows the schedule: two periods, the start window and the validation window', () => {
  const silence = (schedule: string, hours = 4) =>
    resources(
      synthesize(configWith({ restore_testing_schedule: schedule, restore_testing_validation_hours: hours }))
        .template,
    )[FUNCTION].Properties.Environment;
  expect(silence('cron(0 5 * * ? *)', 2)).toMatchObject({
    Variables: { MAX_SILENCE_HOURS: String(2 * 24 + 24 + 2) },
  });
  expect(silence('cron(0 5 1 * ? *)')).toMatchObject({
    Variables: { MAX_SILENCE_HOURS: String(2 * 744 + 24 + 4) },
  });
});

test('cdk-nag: restore testing adds no open finding; these are acknowledged, each with its reason', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'restore-testing-'));
  try {
    const app = new App({
      ...WITHOUT_CLOUDFORMATION_VALIDATION,
      outdir,
      context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
    });
    composeApp(app, on);
    const file = join(app.synth().directory, 'validation-report.json');
    const report = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { pluginReports: [] };
    const of = (kind: string) =>
      report.pluginReports.flatMap(
        (p: Record<string, { ruleName: string; violatingConstructs: { constructPath: string }[] }[]>) =>
          (p[kind] ?? []).flatMap((v) =>
            v.violatingConstructs
              .filter((c) => c.constructPath.includes('/RestoreTesting/'))
              .map(
                (c) => `${v.ruleName} @ ${c.constructPath.replace('BackupAccountStack/RestoreTesting/', '')}`,
              ),
          ),
      );
    expect(of('violations')).toEqual([]);
    expect(of('suppressedViolations').sort()).toEqual(
      [
        `AwsSolutions-IAM5[Resource::${TEST_TABLES}] @ RestoreRolePolicy/Resource`,
        `AwsSolutions-IAM5[Resource::${TEST_TABLES}] @ ValidationPolicy/Resource`,
        'AwsSolutions-IAM5[Resource::*] @ ValidationPolicy/Resource',
        `AwsSolutions-IAM5[Resource::arn:aws:backup:us-west-2:${ACCOUNT}:restore-testing-plan:compactconnect_general_restore_testing-*] @ ValidationPolicy/Resource`,
        `AwsSolutions-IAM5[Resource::arn:aws:logs:us-west-2:${ACCOUNT}:log-group:/compactconnect/backup-account/restore-test:log-stream:*] @ ValidationPolicy/Resource`,
        `AwsSolutions-IAM5[Resource::arn:aws:s3:::compactconnect-backup-evidence-${ACCOUNT}-us-west-2/restore-tests/*] @ ValidationPolicy/Resource`,
        'HIPAA.Security-LambdaConcurrency @ Validation/Resource',
        'HIPAA.Security-LambdaInsideVPC @ Validation/Resource',
        'NIST.800.53.R5-LambdaConcurrency @ Validation/Resource',
        'NIST.800.53.R5-LambdaInsideVPC @ Validation/Resource',
      ].sort(),
    );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});
