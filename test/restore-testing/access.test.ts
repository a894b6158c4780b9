// Restore testing proven with the IAM engine against the synthesized template: the service-linked role
// that starts restore tests is denied on the SSN vault's recovery points and allowed on the general
// vault's; the role a restore test runs as uses the general vault's key only through DynamoDB or AWS
// Backup, never the SSN key, and creates only test tables. The vault and key policies are those of
// lib/analysis/iam.ts (deployedPolicies); the requests and their context are built here.
import type { Template } from 'aws-cdk-lib/assertions';
import { configWith } from '../support/config';
import { synthesize } from '../support/synthesis';
import {
  type Caller,
  deployedPolicies,
  evaluateRequest,
  keyArnOf,
  type PolicyJson,
  type PolicyName,
  resourceArn,
  viaService,
} from '../../lib/analysis/iam';
import { policyDocument } from '../../lib/policies/documents';
import { evidenceKeyPolicyStatements } from '../../lib/policies/evidence-statements';

vi.setConfig({ testTimeout: 60_000 });
const config = configWith({ restore_testing_schedule: 'cron(0 5 ? * SUN *)' });
const ACCOUNT = config.backupAccountId;
const REGION = config.backupRegion;

/**
 * AWS's managed policy of the restore testing service-linked role, `AWSServiceRolePolicyForBackupRestoreTesting`
 * (AWS Managed Policy Reference; statements BackupActions and IamPassRole as published in v2, 2024-02-14).
 * Its other statements (describe and delete actions of EC2, EFS, RDS, DynamoDB…) do not touch
 * recovery points or keys and are left out; a role whose permissions AWS fixes is never given `*:*`.
 */
const RESTORE_TESTING_SLR_POLICY: PolicyJson = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'BackupActions',
      Effect: 'Allow',
      Action: [
        'backup:DescribeRecoveryPoint',
        'backup:DescribeRestoreJob',
        'backup:DescribeProtectedResource',
        'backup:GetRecoveryPointRestoreMetadata',
        'backup:ListBackupVaults',
        'backup:ListProtectedResources',
        'backup:ListProtectedResourcesByBackupVault',
        'backup:ListRecoveryPointsByBackupVault',
        'backup:ListRecoveryPointsByResource',
        'backup:ListTags',
        'backup:StartRestoreJob',
      ],
      Resource: '*',
    },
    {
      Sid: 'IamPassRole',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: '*',
      Condition: { StringEquals: { 'iam:PassedToService': 'backup.amazonaws.com' } },
    },
  ],
} as PolicyJson;

const SLR_ARN = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/restore-testing.backup.amazonaws.com/AWSServiceRoleForBackupRestoreTesting`;
/** The restore role's name is generated at deployment: a stand-in in the backup account. */
const RESTORE_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/BackupAccountStack-RestoreTestingRestoreRole-EXAMPLE`;
const VALIDATION_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/BackupAccountStack-RestoreTestingValidationRole-EXAMPLE`;
const TEST_TABLE = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/awsbackup-restore-test-0a1b2c3d`;
const OTHER_TABLE = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/licensee`;

let template: Template;
let policies: Record<PolicyName, PolicyJson>;
let restoreRolePolicy: PolicyJson;
let validationPolicy: PolicyJson;
beforeAll(() => {
  template = synthesize(config).template;
  policies = deployedPolicies(template, config);
  restoreRolePolicy = identityPolicy('RestoreTestingRestoreRolePolicy');
  validationPolicy = identityPolicy('RestoreTestingValidationPolicy');
});

/** The evidence key's ARN in these proofs (its ID exists only once deployed). */
const EVIDENCE_KEY_ARN = `arn:aws:kms:${config.backupRegion}:${config.backupAccountId}:key/77777777-8888-4999-aaaa-bbbbbbbbbbbb`;

/** A role's managed policy as deployed, its tokens (key ARNs) replaced by fake ARNs. */
function identityPolicy(prefix: string): PolicyJson {
  const found = Object.entries(template.findResources('AWS::IAM::ManagedPolicy')).filter(([id]) =>
    id.startsWith(prefix),
  );
  if (found.length !== 1) throw new Error(`expected one policy ${prefix}…, found ${found.length}`);
  const json = JSON.stringify(found[0][1].Properties.PolicyDocument)
    .split(JSON.stringify({ 'Fn::GetAtt': ['BackupEncryptionKeyC122292D', 'Arn'] }))
    .join(JSON.stringify(keyArnOf(config, 'general')))
    .split(JSON.stringify({ 'Fn::GetAtt': ['AlertingKeyF32BC376', 'Arn'] }))
    .join(JSON.stringify(keyArnOf(config, 'alert')))
    .split(JSON.stringify({ 'Fn::GetAtt': ['EvidenceKey11A13AF7', 'Arn'] }))
    .join(JSON.stringify(EVIDENCE_KEY_ARN));
  if (json.includes('"Fn::') || json.includes('"Ref"')) throw new Error(`${prefix} holds other tokens`);
  return JSON.parse(json);
}

interface Request {
  readonly roleArn: string;
  readonly identity: PolicyJson;
  readonly action: string;
  readonly resource: string;
  readonly resourcePolicy?: PolicyJson;
  /** The service calling KMS on the role's behalf. @default - a direct call */
  readonly via?: 'dynamodb' | 'backup' | 's3';
}

/** A role of the backup account with its own identity policy, through the harness's request context. */
async function decide({ roleArn, identity, action, resource, resourcePolicy, via }: Request) {
  const caller: Caller = {
    kind: 'backupRole',
    roleArn,
    identityPolicy: { name: 'RolePolicy', policy: identity },
    via: via && viaService(via, REGION),
  };
  const result = await evaluateRequest(config, { caller, action, resource }, resourcePolicy);
  expect(result.ignoredContextKeys).toEqual([]);
  return { decision: result.decision, resourceSids: result.resourceSids, identitySids: result.identitySids };
}

const recoveryPoint = resourceArn(config, 'ssnVault', 'backup:StartRestoreJob');

describe('the service-linked role that starts restore tests (AWSServiceRoleForBackupRestoreTesting)', () => {
  const slr = { roleArn: SLR_ARN, identity: RESTORE_TESTING_SLR_POLICY };
  test('is denied StartRestoreJob on an SSN recovery point by the SSN vault', async () => {
    expect(
      await decide({
        ...slr,
        action: 'backup:StartRestoreJob',
        resource: recoveryPoint,
        resourcePolicy: policies.ssnVault,
      }),
    ).toEqual({
      decision: 'ExplicitlyDenied',
      resourceSids: ['DenyEmergencyRestoreOperations'],
      identitySids: [],
    });
  });
  test('may start a restore of a general recovery point', async () => {
    expect(
      await decide({
        ...slr,
        action: 'backup:StartRestoreJob',
        resource: recoveryPoint,
        resourcePolicy: policies.generalVault,
      }),
    ).toEqual({ decision: 'Allowed', resourceSids: [], identitySids: ['BackupActions'] });
  });
});

describe('the role a restore test runs as', () => {
  const role = { roleArn: RESTORE_ROLE_ARN };
  const general = keyArnOf(config, 'general');
  const ssn = keyArnOf(config, 'ssn');

  test.each(['dynamodb', 'backup'] as const)(
    'decrypts with the general vault key through %s',
    async (via) => {
      const result = await decide({
        ...role,
        identity: restoreRolePolicy,
        action: 'kms:Decrypt',
        resource: general,
        resourcePolicy: policies.generalKey,
        via,
      });
      expect(result).toEqual({
        decision: 'Allowed',
        resourceSids: ['EnableInAccountPermissions'],
        identitySids: ['UseTheGeneralVaultKeyThroughDynamoDBAndBackup'],
      });
    },
  );
  test.each(['dynamodb', 'backup'] as const)(
    'creates a grant on the general vault key for an AWS resource through %s',
    async (via) => {
      const result = await decide({
        ...role,
        identity: restoreRolePolicy,
        action: 'kms:CreateGrant',
        resource: general,
        resourcePolicy: policies.generalKey,
        via,
      });
      expect(result).toEqual({
        decision: 'Allowed',
        resourceSids: ['EnableInAccountPermissions'],
        identitySids: ['CreateGrantsOnTheGeneralVaultKeyForAWSResources'],
      });
    },
  );
  test('creates no grant on the general vault key through another service (S3), even for an AWS resource', async () => {
    const result = await decide({
      ...role,
      identity: restoreRolePolicy,
      action: 'kms:CreateGrant',
      resource: general,
      resourcePolicy: policies.generalKey,
      via: 's3',
    });
    expect(result).toEqual({ decision: 'ImplicitlyDenied', resourceSids: [], identitySids: [] });
  });
  test('does not decrypt with the general vault key directly', async () => {
    const result = await decide({
      ...role,
      identity: restoreRolePolicy,
      action: 'kms:Decrypt',
      resource: general,
      resourcePolicy: policies.generalKey,
    });
    expect(result.decision).toBe('ImplicitlyDenied');
  });
  test.each([
    ['kms:Decrypt', 'dynamodb'],
    ['kms:Decrypt', 'backup'],
    ['kms:GenerateDataKey', 'dynamodb'],
    ['kms:ReEncryptFrom', 'dynamodb'],
    ['kms:CreateGrant', 'dynamodb'],
    ['kms:Decrypt', 'no service (a direct call)'],
  ] as const)(
    'is denied %s on the SSN key (through %s): its policy never names that key',
    async (action, through) => {
      const via = through === 'dynamodb' || through === 'backup' ? through : undefined;
      const result = await decide({
        ...role,
        identity: restoreRolePolicy,
        action,
        resource: ssn,
        resourcePolicy: policies.ssnKey,
        via,
      });
      expect(result.decision).not.toBe('Allowed');
      expect(result.identitySids).toEqual([]);
    },
  );
  test('may not start a restore itself, least of all from the SSN vault', async () => {
    const ssnResult = await decide({
      ...role,
      identity: restoreRolePolicy,
      action: 'backup:StartRestoreJob',
      resource: recoveryPoint,
      resourcePolicy: policies.ssnVault,
    });
    expect(ssnResult).toEqual({
      decision: 'ExplicitlyDenied',
      resourceSids: ['DenyEmergencyRestoreOperations'],
      identitySids: [],
    });
    const generalResult = await decide({
      ...role,
      identity: restoreRolePolicy,
      action: 'backup:StartRestoreJob',
      resource: recoveryPoint,
      resourcePolicy: policies.generalVault,
    });
    expect(generalResult.decision).toBe('ImplicitlyDenied');
  });
  test('restores into a test table, and into no other table', async () => {
    const restore = (resource: string) =>
      decide({
        ...role,
        identity: restoreRolePolicy,
        action: 'dynamodb:RestoreTableFromAwsBackup',
        resource,
      });
    expect(await restore(TEST_TABLE)).toEqual({
      decision: 'Allowed',
      resourceSids: [],
      identitySids: ['RestoreIntoRestoreTestTables'],
    });
    expect((await restore(OTHER_TABLE)).decision).toBe('ImplicitlyDenied');
  });
});

describe('the validation function role', () => {
  test.each(['dynamodb:Scan', 'dynamodb:DescribeTable'])(
    'reads test tables (%s), and no other table',
    async (action) => {
      const read = (resource: string) =>
        decide({ roleArn: VALIDATION_ROLE_ARN, identity: validationPolicy, action, resource });
      expect(await read(TEST_TABLE)).toEqual({
        decision: 'Allowed',
        resourceSids: [],
        identitySids: ['ReadRestoreTestTables'],
      });
      expect((await read(OTHER_TABLE)).decision).toBe('ImplicitlyDenied');
    },
  );
  test("records results under the restore tests' prefix of the evidence bucket, and nowhere else; reads and deletes nothing there", async () => {
    const bucket = `arn:aws:s3:::compactconnect-backup-evidence-${config.backupAccountId}-${config.backupRegion}`;
    const s3 = (action: string, resource: string) =>
      decide({ roleArn: VALIDATION_ROLE_ARN, identity: validationPolicy, action, resource });
    expect(await s3('s3:PutObject', `${bucket}/restore-tests/job-1.json`)).toEqual({
      decision: 'Allowed',
      resourceSids: [],
      identitySids: ['RecordRestoreTestResultsAsEvidence'],
    });
    for (const [action, resource] of [
      ['s3:PutObject', `${bucket}/break-glass/trail/00000001.json`],
      ['s3:GetObject', `${bucket}/restore-tests/job-1.json`],
      ['s3:DeleteObject', `${bucket}/restore-tests/job-1.json`],
    ])
      expect((await s3(action, resource)).decision).toBe('ImplicitlyDenied');
    // The evidence key's policy delegates to IAM (EnableInAccountPermissions): the role's grant decides.
    const evidenceKeyPolicy = policyDocument(evidenceKeyPolicyStatements(config));
    const useKey = (via: 's3' | 'dynamodb') =>
      decide({
        roleArn: VALIDATION_ROLE_ARN,
        identity: validationPolicy,
        action: 'kms:GenerateDataKey',
        resource: EVIDENCE_KEY_ARN,
        resourcePolicy: evidenceKeyPolicy,
        via,
      });
    expect((await useKey('s3')).decision).toBe('Allowed');
    expect((await useKey('dynamodb')).decision).toBe('ImplicitlyDenied');
  });
  test('cannot restore, write to a table, or use the vault keys', async () => {
    const base = { roleArn: VALIDATION_ROLE_ARN, identity: validationPolicy };
    expect(
      (
        await decide({
          ...base,
          action: 'backup:StartRestoreJob',
          resource: recoveryPoint,
          resourcePolicy: policies.generalVault,
        })
      ).decision,
    ).toBe('ImplicitlyDenied');
    expect((await decide({ ...base, action: 'dynamodb:PutItem', resource: TEST_TABLE })).decision).toBe(
      'ImplicitlyDenied',
    );
    expect(
      (
        await decide({
          ...base,
          action: 'kms:Decrypt',
          resource: keyArnOf(config, 'general'),
          resourcePolicy: policies.generalKey,
          via: 'dynamodb',
        })
      ).decision,
    ).toBe('ImplicitlyDenied');
  });
});
