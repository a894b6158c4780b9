import type { Template } from 'aws-cdk-lib/assertions';
import { configWith } from '../support/config';
import { synthesize } from '../support/synthesis';

// The freshness check's resources, asserted whole: its grants are exactly the four below.
const ACCOUNT = '000011114444';
const TAGS = [
  { Key: 'Environment', Value: 'DataRetention' },
  { Key: 'Project', Value: 'CompactConnect' },
];
const ROLE = 'AlertingFreshnessCheckRole92EEB451';
const POLICY = 'AlertingFreshnessCheckPolicy2B5BE35E';
const FUNCTION = 'AlertingFreshnessCheckFunctionC148631C';
const LOGS = 'AlertingFreshnessCheckLogsE57957F2';
const SCHEDULE = 'AlertingFreshnessCheckSchedule6ECAAB25';

type Resource = { Type: string; Properties: Record<string, unknown>; [k: string]: unknown };
const resources = (template: Template) => template.toJSON().Resources as Record<string, Resource>;
/** A resource without its CDK path metadata. */
function withoutMetadata(resource: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(resource).filter(([name]) => name !== 'Metadata'));
}

test('the role: assumed by Lambda only, with one customer-managed policy and nothing else', () => {
  const { template } = synthesize();
  expect(withoutMetadata(resources(template)[ROLE])).toEqual({
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
        ],
      },
      Description: 'Backup freshness check: lists recovery points of the two vaults, publishes alerts',
      Tags: TAGS,
    },
  });
  expect(template.findResources('AWS::IAM::Policy')).toEqual({});
  expect(Object.keys(template.findResources('AWS::IAM::ManagedPolicy'))).toEqual([POLICY]);
  expect(Object.keys(template.findResources('AWS::IAM::Role'))).toEqual([ROLE]);
});

test('its policy: list the two vaults, publish to the topic with the alert key, write its own logs', () => {
  const { template } = synthesize();
  expect(withoutMetadata(resources(template)[POLICY])).toEqual({
    Type: 'AWS::IAM::ManagedPolicy',
    Properties: {
      Description: 'Backup freshness check: least privilege',
      Path: '/',
      Roles: [{ Ref: ROLE }],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ListRecoveryPointsOfTheWatchedVaults',
            Effect: 'Allow',
            Action: 'backup:ListRecoveryPointsByBackupVault',
            Resource: [
              `arn:aws:backup:us-west-2:${ACCOUNT}:backup-vault:CompactConnectBackupVault`,
              `arn:aws:backup:us-west-2:${ACCOUNT}:backup-vault:CompactConnectBackupVault-SSN`,
            ],
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
            Resource: `arn:aws:logs:us-west-2:${ACCOUNT}:log-group:/compactconnect/backup-account/freshness-check:log-stream:*`,
          },
        ],
      },
    },
  });
});

test('the function: latest Node.js, inline bundled code, settings in its environment, failures to the topic', () => {
  const { template } = synthesize(configWith({ freshness_alert_hours: 50 }));
  const fn = withoutMetadata(resources(template)[FUNCTION]);
  const { Code: code, ...rest } = fn.Properties as { Code: { ZipFile: string } };
  expect({ ...fn, Properties: rest }).toEqual({
    Type: 'AWS::Lambda::Function',
    Properties: {
      Architectures: ['arm64'],
      DeadLetterConfig: { TargetArn: { Ref: 'AlertingTopic08189029' } },
      Description:
        'Alerts when no new recovery point has arrived in a backup vault within the freshness window',
      Environment: {
        Variables: {
          VAULTS: JSON.stringify([
            { name: 'CompactConnectBackupVault', description: 'the cross-account backup vault' },
            { name: 'CompactConnectBackupVault-SSN', description: 'the dedicated SSN backup vault' },
          ]),
          FRESHNESS_HOURS: '50',
          CHECK_INTERVAL_MINUTES: '60',
          REMINDER_HOUR_UTC: '15',
          TOPIC_ARN: { Ref: 'AlertingTopic08189029' },
          ACCOUNT_ID: ACCOUNT,
        },
      },
      Handler: 'index.handler',
      LoggingConfig: { LogGroup: { Ref: LOGS } },
      MemorySize: 256,
      Role: { 'Fn::GetAtt': [ROLE, 'Arn'] },
      Runtime: 'nodejs24.x',
      Tags: TAGS,
      Timeout: 60,
    },
    DependsOn: [POLICY, ROLE],
  });
  // One CommonJS file that exports the handler and takes the AWS SDK from the runtime.
  expect(code.ZipFile).toMatch(/^"use strict";/);
  expect(code.ZipFile).toContain('require("@aws-sdk/client-backup")');
  expect(code.ZipFile).toContain('require("@aws-sdk/client-sns")');
  expect(code.ZipFile).toContain('ListRecoveryPointsByBackupVaultCommand');
  expect(code.ZipFile).not.toMatch(/class BackupClient|@smithy\/core\/dist/);
  expect(code.ZipFile.length).toBeLessThan(20_000);
});

test('its log group is encrypted with the alert key, kept a year, deleted with the stack', () => {
  const { template } = synthesize();
  expect(withoutMetadata(resources(template)[LOGS])).toEqual({
    Type: 'AWS::Logs::LogGroup',
    Properties: {
      LogGroupName: '/compactconnect/backup-account/freshness-check',
      KmsKeyId: { 'Fn::GetAtt': ['AlertingKeyF32BC376', 'Arn'] },
      RetentionInDays: 365,
      Tags: TAGS,
    },
    DeletionPolicy: 'Delete',
    UpdateReplacePolicy: 'Delete',
  });
});

test('it runs every hour, invoked by its schedule rule only, retried, with dead letters kept', () => {
  const { template } = synthesize();
  const all = resources(template);
  expect(withoutMetadata(all[SCHEDULE])).toEqual({
    Type: 'AWS::Events::Rule',
    Properties: {
      Description: 'Runs the backup freshness check every hour',
      ScheduleExpression: 'cron(5 * * * ? *)',
      State: 'ENABLED',
      Tags: TAGS,
      Targets: [
        {
          Arn: { 'Fn::GetAtt': [FUNCTION, 'Arn'] },
          Id: 'Target0',
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['AlertingDeadLetterQueue28CDA92E', 'Arn'] } },
          RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 },
        },
      ],
    },
  });
  const permissions = Object.values(template.findResources('AWS::Lambda::Permission')).map(withoutMetadata);
  expect(permissions).toEqual([
    {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [FUNCTION, 'Arn'] },
        Principal: 'events.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [SCHEDULE, 'Arn'] },
      },
    },
  ]);
});
