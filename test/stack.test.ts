import { type Template } from 'aws-cdk-lib/assertions';
import {
  builtAlertPolicies,
  builtPolicies,
  deployedAlertPolicies,
  deployedPolicies,
} from '../lib/analysis/iam';
import { configWith } from './support/config';
import { synthesize } from './support/synthesis';

// Policies are asserted whole: an extra statement, action, principal or a lost condition fails.
const ROOT = (account: string) => ({ AWS: `arn:aws:iam::${account}:root` });
const SOURCE = '000011112222';
const VIA_SERVICES = [
  'backup.us-east-1.amazonaws.com',
  'dynamodb.us-east-1.amazonaws.com',
  'backup.us-west-2.amazonaws.com',
  'dynamodb.us-west-2.amazonaws.com',
];

const adminStatement = {
  Sid: 'EnableInAccountPermissions',
  Effect: 'Allow',
  Principal: ROOT('000011114444'),
  Action: 'kms:*',
  Resource: '*',
};
const keyUse = (Sid: string) => ({
  Sid,
  Effect: 'Allow',
  Principal: ROOT(SOURCE),
  Action: [
    'kms:DescribeKey',
    'kms:Encrypt',
    'kms:Decrypt',
    'kms:ReEncrypt*',
    'kms:GenerateDataKey',
    'kms:GenerateDataKeyWithoutPlaintext',
  ],
  Resource: '*',
  Condition: { StringEquals: { 'kms:ViaService': VIA_SERVICES, 'aws:PrincipalOrgID': 'o-exampleorgid' } },
});
const grants = (Sid: string) => ({
  Sid,
  Effect: 'Allow',
  Principal: ROOT(SOURCE),
  Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
  Resource: '*',
  Condition: {
    Bool: { 'kms:GrantIsForAWSResource': 'true' },
    StringEquals: { 'kms:ViaService': VIA_SERVICES, 'aws:PrincipalOrgID': 'o-exampleorgid' },
  },
});
const BACKUP_SLR =
  'arn:aws:iam::000011114444:role/aws-service-role/backup.amazonaws.com/AWSServiceRoleForBackup';
// Any principal narrowed to the role's exact ARN: deploys before the role exists, and is no root delegation.
const serviceLinkedRoleCopies = {
  Sid: 'AllowBackupServiceLinkedRoleKeyUse',
  Effect: 'Allow',
  Principal: { AWS: '*' },
  Action: [
    'kms:DescribeKey',
    'kms:Encrypt',
    'kms:Decrypt',
    'kms:ReEncrypt*',
    'kms:GenerateDataKey*',
    'kms:CreateGrant',
    'kms:ListGrants',
    'kms:RevokeGrant',
  ],
  Resource: '*',
  Condition: {
    ArnEquals: { 'aws:PrincipalArn': BACKUP_SLR },
    BoolIfExists: { 'kms:GrantIsForAWSResource': 'true' },
  },
};
// AWS Control Tower CT.KMS.PR.3, in exactly its shape.
const grantControl = {
  Sid: 'DenyGrantsNotForAWSServices',
  Effect: 'Deny',
  Principal: '*',
  Action: 'kms:CreateGrant',
  Resource: '*',
  Condition: {
    BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' },
  },
};
const copyInto = (Sid: string) => ({
  Sid,
  Effect: 'Allow',
  Principal: ROOT(SOURCE),
  Action: 'backup:CopyIntoBackupVault',
  Resource: '*',
  Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-exampleorgid' } },
});
const denyDeletion = {
  Sid: 'DenyManualRecoveryPointDeletion',
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: [
    'backup:DeleteRecoveryPoint',
    'backup:UpdateRecoveryPointLifecycle',
    'backup:DisassociateRecoveryPoint',
    'backup:DisassociateRecoveryPointFromParent',
  ],
  Resource: '*',
};
// The vaults take only copies.
const denyBackupJobs = {
  Sid: 'DenyBackupJobsIntoVault',
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 'backup:StartBackupJob',
  Resource: '*',
};

/** The single resource of a type whose property `name` has this value. */
function resourceWhere(template: Template, type: string, name: string, value: unknown) {
  const matches = Object.values(template.findResources(type)).filter((r) => r.Properties[name] === value);
  expect(matches).toHaveLength(1);
  return matches[0];
}

function keyPolicyOf(template: Template, description: RegExp) {
  const keys = Object.values(template.findResources('AWS::KMS::Key')).filter((r) =>
    description.test(r.Properties.Description),
  );
  expect(keys).toHaveLength(1);
  return keys[0].Properties.KeyPolicy;
}

test('the general key policy: account administration, source use and grants via services, copies, the grant control', () => {
  const { template } = synthesize();
  expect(keyPolicyOf(template, /^KMS key for CompactConnect cross-account/)).toEqual({
    Version: '2012-10-17',
    Statement: [
      adminStatement,
      keyUse('AllowUseOfTheKey'),
      grants('AllowAttachmentOfPersistentResources'),
      serviceLinkedRoleCopies,
      grantControl,
    ],
  });
});

test('the SSN key policy adds a DENY of direct key-material use that spares AWS service paths, and seals the key for the backup account on every path', () => {
  const { template } = synthesize();
  expect(keyPolicyOf(template, /^Dedicated KMS key for CompactConnect SSN/)).toEqual({
    Version: '2012-10-17',
    Statement: [
      adminStatement,
      keyUse('AllowSSNBackupOperations'),
      grants('AllowSSNGrantCreation'),
      serviceLinkedRoleCopies,
      {
        Sid: 'DenySSNKeyDecryptOperations',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: [
          'kms:Decrypt',
          'kms:ReEncryptFrom',
          'kms:GenerateDataKey',
          'kms:GenerateDataKeyPair',
          'kms:GenerateDataKeyPairWithoutPlaintext',
          'kms:GenerateDataKeyWithoutPlaintext',
          'kms:CreateGrant',
        ],
        Resource: '*',
        Condition: {
          Null: { 'kms:ViaService': 'true' },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
          ArnNotLike: { 'aws:PrincipalArn': BACKUP_SLR },
        },
      },
      {
        Sid: 'DenySSNKeyUseInBackupAccount',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*', 'kms:CreateGrant'],
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:PrincipalAccount': '000011114444' },
          ArnNotLike: { 'aws:PrincipalArn': BACKUP_SLR },
          StringNotEquals: { 'kms:ViaService': 'backup.us-west-2.amazonaws.com' },
        },
      },
      grantControl,
    ],
  });
});

test('no key policy names an IAM role as a principal: the stack deploys before AWS Backup creates its role', () => {
  const { template } = synthesize();
  const principals = Object.values(template.findResources('AWS::KMS::Key')).flatMap((key) =>
    key.Properties.KeyPolicy.Statement.flatMap(
      ({ Principal }: { Principal: '*' | { AWS?: string | string[] } }) =>
        Principal === '*' ? ['*'] : [Principal.AWS ?? []].flat(),
    ),
  );
  expect(principals.length).toBeGreaterThan(0);
  expect(principals.filter((p: string) => p !== '*' && !/^arn:aws:iam::\d{12}:root$/.test(p))).toEqual([]);
});

test('the general vault: copy-in for source accounts of the organization, no manual deletion, no backup job', () => {
  const { template } = synthesize();
  const vault = resourceWhere(
    template,
    'AWS::Backup::BackupVault',
    'BackupVaultName',
    'CompactConnectBackupVault',
  );
  expect(vault.Properties.AccessPolicy).toEqual({
    Version: '2012-10-17',
    Statement: [copyInto('EnableBackupVaultAccess'), denyDeletion, denyBackupJobs],
  });
});

test('the SSN vault also denies restore, copy-out and every other access to recovery point data to everyone', () => {
  const { template } = synthesize();
  const vault = resourceWhere(
    template,
    'AWS::Backup::BackupVault',
    'BackupVaultName',
    'CompactConnectBackupVault-SSN',
  );
  expect(vault.Properties.AccessPolicy).toEqual({
    Version: '2012-10-17',
    Statement: [
      copyInto('EnableSSNBackupVaultAccess'),
      denyDeletion,
      denyBackupJobs,
      {
        Sid: 'DenyEmergencyRestoreOperations',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: [
          'backup:StartRestoreJob',
          'backup:GetRecoveryPointRestoreMetadata',
          'backup:StartCopyJob',
          'backup:CopyFromBackupVault',
        ],
        Resource: '*',
      },
      {
        Sid: 'DenySSNRecoveryPointDataAccess',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: [
          'backup:CreateBackupAccessPoint',
          'backup:StartScanJob',
          'backup:GetPITRMalwareScanResults',
          'backup:SearchRecoveryPoint',
          'backup:GetRecoveryPointIndexDetails',
          'backup:UpdateRecoveryPointIndexSettings',
          'backup:CreateRestoreAccessBackupVault',
          'backup:PutBackupVaultSharingPolicy',
        ],
        Resource: '*',
      },
    ],
  });
});

test('each vault is encrypted by its own key and locked as configured', () => {
  const { template, stack } = synthesize();
  for (const [name, key] of [
    ['CompactConnectBackupVault', stack.destinations.general.key],
    ['CompactConnectBackupVault-SSN', stack.destinations.ssn.key],
  ] as const) {
    const vault = resourceWhere(template, 'AWS::Backup::BackupVault', 'BackupVaultName', name);
    expect(vault.Properties.EncryptionKeyArn).toEqual({
      'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as never), 'Arn'],
    });
    expect(vault.Properties.LockConfiguration).toEqual({ MinRetentionDays: 90, ChangeableForDays: 180 });
  }
});

test('lock settings flow from the configuration; governance mode has no changeable-for days', () => {
  const raw = {
    vault_lock_mode: 'governance',
    vault_lock_changeable_for_days: undefined,
    vault_lock_min_retention_days: 30,
    vault_lock_max_retention_days: 400,
  };
  const { template } = synthesize(configWith(raw));
  const vaults = Object.values(template.findResources('AWS::Backup::BackupVault'));
  expect(vaults.map((v) => v.Properties.LockConfiguration)).toEqual([
    { MinRetentionDays: 30, MaxRetentionDays: 400 },
    { MinRetentionDays: 30, MaxRetentionDays: 400 },
  ]);
});

test('keys rotate, and keys, aliases and vaults are retained when the stack is deleted', () => {
  const { template } = synthesize();
  // The alerting and evidence resources are not backup data: test/alerting and test/evidence cover them.
  const ofDestinations = (type: string) =>
    Object.entries(template.findResources(type))
      .filter(([id]) => !id.startsWith('Alerting') && !id.startsWith('Evidence'))
      .map(([, resource]) => resource);
  const keys = ofDestinations('AWS::KMS::Key');
  expect(keys.map((k) => k.Properties.EnableKeyRotation)).toEqual([true, true]);
  for (const type of ['AWS::KMS::Key', 'AWS::KMS::Alias', 'AWS::Backup::BackupVault']) {
    const resources = ofDestinations(type);
    expect(resources).toHaveLength(2);
    for (const resource of resources) {
      expect(resource.DeletionPolicy).toBe('Retain');
      expect(resource.UpdateReplacePolicy).toBe('Retain');
    }
  }
});

test('aliases name the keys the specification names', () => {
  const { template, stack } = synthesize();
  const aliases = Object.values(template.findResources('AWS::KMS::Alias')).map((a) => [
    a.Properties.AliasName,
    a.Properties.TargetKeyId['Fn::GetAtt'][0],
  ]);
  expect(aliases).toEqual([
    [
      'alias/compactconnect-backup-key',
      stack.getLogicalId(stack.destinations.general.key.node.defaultChild as never),
    ],
    [
      'alias/compactconnect-ssn-backup-key',
      stack.getLogicalId(stack.destinations.ssn.key.node.defaultChild as never),
    ],
    [
      'alias/compactconnect-backup-evidence-key',
      stack.getLogicalId(stack.evidence.key.node.defaultChild as never),
    ],
  ]);
});

test('the stack is in the backup account and region, with termination protection', () => {
  const { stack } = synthesize(configWith({ backup_account_id: '999988887777', backup_region: 'eu-west-1' }));
  expect(stack.stackName).toBe('BackupAccountStack');
  expect(stack.account).toBe('999988887777');
  expect(stack.region).toBe('eu-west-1');
  expect(stack.terminationProtection).toBe(true);
});

test('the eight outputs carry the names, ARNs and IDs the environment account needs; two name the evidence bucket', () => {
  const { template } = synthesize();
  const outputs = template.findOutputs('*');
  const summary = Object.fromEntries(
    Object.entries(outputs).map(([name, o]) => [name, [o.Description, Object.keys(o.Value)[0]]]),
  );
  expect(summary).toEqual({
    BackupVaultName: ['Name of the cross-account backup vault', 'Fn::GetAtt'],
    BackupVaultArn: ['ARN of the cross-account backup vault', 'Fn::GetAtt'],
    BackupEncryptionKeyId: ['ID of the backup encryption key', 'Ref'],
    BackupEncryptionKeyArn: ['ARN of the backup encryption key', 'Fn::GetAtt'],
    SSNBackupVaultName: ['Name of the dedicated SSN backup vault', 'Fn::GetAtt'],
    SSNBackupVaultArn: ['ARN of the dedicated SSN backup vault', 'Fn::GetAtt'],
    SSNBackupEncryptionKeyId: ['ID of the dedicated SSN backup encryption key', 'Ref'],
    SSNBackupEncryptionKeyArn: ['ARN of the dedicated SSN backup encryption key', 'Fn::GetAtt'],
    EvidenceBucketName: ['Name of the evidence bucket (Object Lock, compliance mode)', 'Ref'],
    EvidenceBucketArn: ['ARN of the evidence bucket', 'Fn::GetAtt'],
  });
  expect(outputs.SSNBackupVaultArn.Value).toEqual({
    'Fn::GetAtt': ['SSNBackupVault0BED3CF4', 'BackupVaultArn'],
  });
  expect(outputs.SSNBackupEncryptionKeyArn.Value).toEqual({
    'Fn::GetAtt': ['SSNBackupEncryptionKeyB14829E2', 'Arn'],
  });
});

test('configured tags are on every taggable resource', () => {
  const { template } = synthesize(
    configWith({ tags: { Project: 'CompactConnect', Owner: 'data-retention' } }),
  );
  const expected = [
    { Key: 'Owner', Value: 'data-retention' },
    { Key: 'Project', Value: 'CompactConnect' },
  ];
  const resources = Object.values(
    template.toJSON().Resources as Record<string, { Type: string; Properties?: Record<string, unknown> }>,
  );
  const tagged = new Set<string>();
  for (const { Type, Properties = {} } of resources) {
    if (Type === 'AWS::Backup::BackupVault') {
      expect(Properties.BackupVaultTags).toEqual({ Owner: 'data-retention', Project: 'CompactConnect' });
      tagged.add(Type);
    } else if ('Tags' in Properties) {
      expect(Properties.Tags).toEqual(expect.arrayContaining(expected));
      tagged.add(Type);
    }
  }
  // Every type that CloudFormation lets the stack tag here is tagged.
  expect([...tagged].sort()).toEqual([
    'AWS::Backup::BackupVault',
    'AWS::CloudWatch::Alarm',
    'AWS::Events::Rule',
    'AWS::IAM::Role',
    'AWS::KMS::Key',
    'AWS::Lambda::Function',
    'AWS::Logs::LogGroup',
    'AWS::S3::Bucket',
    'AWS::SNS::Topic',
    'AWS::SQS::Queue',
  ]);
});

test('logical IDs are those of the original app, so switching from it replaces nothing', () => {
  const { template } = synthesize();
  // The alerting and evidence resources are additions; test/alerting and test/stable-identities pin their IDs.
  const original = Object.keys(template.toJSON().Resources).filter(
    (id) => !id.startsWith('Alerting') && !id.startsWith('Evidence'),
  );
  expect(original.sort()).toEqual([
    'BackupEncryptionKeyAliasD99FF942',
    'BackupEncryptionKeyC122292D',
    'CompactConnectBackupVault58EC1A60',
    'SSNBackupEncryptionKeyAlias0DCF68E6',
    'SSNBackupEncryptionKeyB14829E2',
    'SSNBackupVault0BED3CF4',
  ]);
});

const TWO_ACCOUNTS_TWO_REGIONS = {
  source_account_ids: ['000011112222', '000011113333'],
  source_regions: ['us-east-1', 'us-east-2'],
};

test('several source accounts and regions widen principals and services, nothing else', () => {
  const config = configWith(TWO_ACCOUNTS_TWO_REGIONS);
  const wider = synthesize(config).template;
  // The example's policies, with each source-account principal and each kms:ViaService list widened.
  const widen = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(widen);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        if (k === 'AWS' && v === `arn:aws:iam::${SOURCE}:root`)
          return [k, ['arn:aws:iam::000011112222:root', 'arn:aws:iam::000011113333:root']];
        if (k === 'kms:ViaService' && JSON.stringify(v) === JSON.stringify(VIA_SERVICES))
          return [
            k,
            [
              'backup.us-east-1.amazonaws.com',
              'dynamodb.us-east-1.amazonaws.com',
              'backup.us-east-2.amazonaws.com',
              'dynamodb.us-east-2.amazonaws.com',
              'backup.us-west-2.amazonaws.com',
              'dynamodb.us-west-2.amazonaws.com',
            ],
          ];
        return [k, widen(v)];
      }),
    );
  };
  const example = configWith();
  const all = (template: Template, c: typeof config) => ({
    ...deployedPolicies(template, c),
    ...deployedAlertPolicies(template, c),
  });
  const expected = widen(all(synthesize().template, example));
  expect(all(wider, config)).toEqual(expected);
  // Every source-account principal and every service list was widened: the comparison is not vacuous.
  expect(JSON.stringify(expected).split('000011113333').length - 1).toBe(6);
  expect(JSON.stringify(expected).split('backup.us-east-2').length - 1).toBe(4);
});

test('the policies the proofs, the mutation tests and the report evaluate are those the template deploys', () => {
  for (const [config, { template }] of [
    [configWith(), synthesize()],
    [configWith(TWO_ACCOUNTS_TWO_REGIONS), synthesize(configWith(TWO_ACCOUNTS_TWO_REGIONS))],
  ] as const) {
    expect(deployedPolicies(template, config)).toEqual(builtPolicies(config));
    expect(deployedAlertPolicies(template, config)).toEqual(builtAlertPolicies(config));
  }
});

/**
 * The template with each function's inline code replaced by a marker: the bundles have tests of
 * their own (test/alerting, test/restore-testing, test/bundle.test.ts), and minified code in the
 * snapshot would make every change to a handler a snapshot change a reviewer cannot read.
 */
function withoutInlineCode(template: Record<string, unknown>): { template: unknown; functions: number } {
  let functions = 0;
  const resources = Object.fromEntries(
    Object.entries(
      template.Resources as Record<string, { Type: string; Properties?: Record<string, unknown> }>,
    ).map(([id, r]) => {
      const code = r.Properties?.Code as { ZipFile?: unknown } | undefined;
      if (r.Type !== 'AWS::Lambda::Function' || typeof code?.ZipFile !== 'string') return [id, r];
      expect(code.ZipFile.length).toBeGreaterThan(100);
      functions++;
      return [
        id,
        { ...r, Properties: { ...r.Properties, Code: { ZipFile: '<inline bundle: tested on its own>' } } },
      ];
    }),
  );
  return { template: { ...template, Resources: resources }, functions };
}

test('the template matches the reviewed snapshot', () => {
  const { template } = synthesize();
  const { template: reviewed, functions } = withoutInlineCode(template.toJSON());
  expect(functions).toBe(1);
  expect(reviewed).toMatchSnapshot();
});
