import { Match } from 'aws-cdk-lib/assertions';
import { AUDIT_FRAMEWORK_NAME, auditControls, CONTROLS_LEFT_OUT } from '../../lib/constructs/evidence';
import { configWith } from '../support/config';
import { synthesize } from '../support/synthesis';

const config = configWith();
const { template } = synthesize(config);
const BUCKET = `compactconnect-backup-evidence-${config.backupAccountId}-${config.backupRegion}`;
const ARN = `arn:aws:s3:::${BUCKET}`;

function evidenceBucket() {
  const buckets = template.findResources('AWS::S3::Bucket', { Properties: { BucketName: BUCKET } });
  const ids = Object.keys(buckets);
  expect(ids).toHaveLength(1);
  return { id: ids[0], resource: buckets[ids[0]] };
}

test('the evidence bucket: Object Lock in compliance mode for six years, versioned, its own key, private, logged, retained', () => {
  template.hasResource('AWS::S3::Bucket', {
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: Match.objectEquals({
      BucketName: BUCKET,
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2190 } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EvidenceKey'), 'Arn'] },
            },
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: {
        DestinationBucketName: { Ref: Match.stringLikeRegexp('^EvidenceAccessLogs') },
        LogFilePrefix: 'evidence/',
      },
      Tags: Match.anyValue(),
    }),
  });
});

test('evidence_retention_days sets the default retention', () => {
  const { template: t } = synthesize(configWith({ evidence_retention_days: 3650 }));
  t.hasResourceProperties('AWS::S3::Bucket', {
    BucketName: BUCKET,
    ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3650 } } },
  });
});

test('the bucket policy is exactly the model: TLS only, no deletion; no report delivery without the framework', () => {
  const policies = template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: BUCKET } });
  expect(Object.values(policies).map((p) => p.Properties.PolicyDocument)).toEqual([
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 's3:*',
          Resource: [ARN, `${ARN}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        {
          Sid: 'DenyEvidenceDeletion',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutLifecycleConfiguration'],
          Resource: [ARN, `${ARN}/*`],
        },
      ],
    },
  ]);
});

test('the evidence key: rotated, retained, with its alias; administered by the account, grants only for AWS resources', () => {
  const keys = template.findResources('AWS::KMS::Key', {
    Properties: { Description: 'KMS key for the CompactConnect backup account evidence bucket' },
  });
  const [key] = Object.values(keys);
  expect(key.DeletionPolicy).toBe('Retain');
  expect(key.Properties.EnableKeyRotation).toBe(true);
  expect(key.Properties.KeyPolicy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
    'EnableInAccountPermissions',
    'DenyGrantsNotForAWSServices',
  ]);
  template.hasResourceProperties('AWS::KMS::Alias', {
    AliasName: 'alias/compactconnect-backup-evidence-key',
  });
});

test('the bucket name and ARN are outputs', () => {
  template.hasOutput('EvidenceBucketName', { Value: { Ref: evidenceBucket().id } });
  template.hasOutput('EvidenceBucketArn', { Value: { 'Fn::GetAtt': [evidenceBucket().id, 'Arn'] } });
});

test('no Audit Manager framework or report plan unless audit_framework is true', () => {
  template.resourceCountIs('AWS::Backup::Framework', 0);
  template.resourceCountIs('AWS::Backup::ReportPlan', 0);
});

describe('with audit_framework', () => {
  const on = configWith({ audit_framework: true, restore_testing_schedule: 'cron(0 5 ? * SUN *)' });
  const { template: t } = synthesize(on);

  test('the framework holds exactly the controls that evaluate a destination account, with their parameters', () => {
    const frameworks = Object.values(t.findResources('AWS::Backup::Framework'));
    expect(frameworks).toHaveLength(1);
    expect(frameworks[0].Properties.FrameworkName).toBe(AUDIT_FRAMEWORK_NAME);
    expect(frameworks[0].Properties.FrameworkControls).toEqual([
      { ControlName: 'BACKUP_RECOVERY_POINT_ENCRYPTED', ControlInputParameters: [] },
      {
        ControlName: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK',
        ControlInputParameters: [{ ParameterName: 'requiredRetentionDays', ParameterValue: '90' }],
      },
      { ControlName: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED', ControlInputParameters: [] },
      {
        ControlName: 'RESTORE_TIME_FOR_RESOURCES_MEET_TARGET',
        ControlInputParameters: [{ ParameterName: 'maxRestoreTime', ParameterValue: '60' }],
      },
    ]);
  });

  test('the restore-time control needs restore testing, the only restores the account makes on its own', () => {
    expect(auditControls(configWith({ audit_framework: true })).map((c) => c.name)).not.toContain(
      'RESTORE_TIME_FOR_RESOURCES_MEET_TARGET',
    );
  });

  test('no control is both deployed and left out', () => {
    const deployed = auditControls(on).map((c) => c.name);
    expect(CONTROLS_LEFT_OUT.filter((c) => deployed.includes(c.name))).toEqual([]);
  });

  test('four report plans deliver into the evidence bucket, each under its own prefix', () => {
    const plans = Object.values(t.findResources('AWS::Backup::ReportPlan')).map((p) => ({
      template: p.Properties.ReportSetting.ReportTemplate,
      channel: p.Properties.ReportDeliveryChannel,
    }));
    expect(plans.map((p) => p.template).sort()).toEqual([
      'BACKUP_JOB_REPORT',
      'CONTROL_COMPLIANCE_REPORT',
      'COPY_JOB_REPORT',
      'RESTORE_JOB_REPORT',
    ]);
    const bucketId = Object.keys(
      t.findResources('AWS::S3::Bucket', { Properties: { BucketName: BUCKET } }),
    )[0];
    for (const plan of plans)
      expect(plan.channel).toEqual({
        S3BucketName: { Ref: bucketId },
        S3KeyPrefix: `audit-manager/${plan.template.toLowerCase()}`,
        Formats: ['CSV', 'JSON'],
      });
  });

  test('the bucket and the key let Audit Manager deliver, and nothing else changes', () => {
    const [policy] = Object.values(
      t.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: BUCKET } }),
    );
    expect(policy.Properties.PolicyDocument.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      'DenyInsecureTransport',
      'DenyEvidenceDeletion',
      'AllowAuditReportDelivery',
    ]);
    t.hasResourceProperties('AWS::KMS::Key', {
      Description: 'KMS key for the CompactConnect backup account evidence bucket',
      KeyPolicy: {
        Statement: [
          Match.objectLike({ Sid: 'EnableInAccountPermissions' }),
          {
            Sid: 'AllowAuditReportEncryption',
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
            Resource: '*',
            Condition: {
              ArnEquals: {
                'aws:PrincipalArn': `arn:aws:iam::${on.backupAccountId}:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports`,
              },
              StringEquals: { 'kms:ViaService': 's3.us-west-2.amazonaws.com' },
            },
          },
          Match.objectLike({ Sid: 'DenyGrantsNotForAWSServices' }),
        ],
      },
    });
  });
});
