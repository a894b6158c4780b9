// Claim: this account's AWS Backup service-linked role, holding only its AWS-managed policy, may do a
// copy's key work on both keys (describe, encrypt, decrypt, re-encrypt, data keys, grants for AWS
// resources), directly or through AWS Backup (AWS does not document which principal and context KMS
// sees during a cross-account DynamoDB copy): AllowBackupServiceLinkedRoleKeyUse. Without it, the
// role is denied (EnableInAccountPermissions only delegates to IAM, and its managed policy allows
// KMS only through EC2, RDS and FSx). The statement names no role (KMS would reject a policy naming a
// role that does not exist yet) and is no root delegation: any principal, narrowed to the role's ARN.
// Assumptions: lib/analysis/iam.ts, ASSUMPTIONS (serviceLinkedRole, managedPolicies).
import { GRANT_ACTIONS, keyPolicy, SID } from '../../lib/policies';
import { configWith } from '../support/config';
import { type Caller, evaluate, UNLISTED_ACCOUNT_ID, viaService } from '../../lib/analysis/iam';
import { proveClaim } from './prove';
import { COPY_KEY_REQUESTS } from './table';

proveClaim('copy-key-use');

const config = configWith();
const backupVia = viaService('backup', config.backupRegion);
const ACTIONS = [...COPY_KEY_REQUESTS, ...GRANT_ACTIONS];
const OTHERS: [string, Caller][] = [
  ['another role of the backup account (no identity policy)', { kind: 'backupRole' }],
  ['another role of the backup account, through AWS Backup', { kind: 'backupRole', via: backupVia }],
  ['a backup-account administrator (*:*)', { kind: 'backupAdmin' }],
  ['a backup-account administrator, through AWS Backup', { kind: 'backupAdmin', via: backupVia }],
  ['a source-account role', { kind: 'sourceRole' }],
  ['a source-account role, through AWS Backup', { kind: 'sourceRole', via: backupVia }],
  ["a source account's AWSServiceRoleForBackup", { kind: 'sourceServiceLinkedRole' }],
  [
    `AWSServiceRoleForBackup of another account (${UNLISTED_ACCOUNT_ID}), through AWS Backup`,
    { kind: 'sourceServiceLinkedRole', account: UNLISTED_ACCOUNT_ID, via: backupVia },
  ],
  [
    `AWSServiceRoleForBackup of another account (${UNLISTED_ACCOUNT_ID})`,
    { kind: 'sourceServiceLinkedRole', account: UNLISTED_ACCOUNT_ID },
  ],
];

const policies = (kind: 'general' | 'ssn') => {
  const deployed = keyPolicy(kind, config);
  const without = deployed.Statement.filter((s) => s.Sid !== SID.allowBackupServiceLinkedRole);
  expect(without).toHaveLength(deployed.Statement.length - 1);
  return { deployed, without: { ...deployed, Statement: without } };
};

describe.each(['general', 'ssn'] as const)('on the %s key', (kind) => {
  const policyName = kind === 'ssn' ? 'ssnKey' : 'generalKey';

  test.each(OTHERS)('%s gains nothing from AllowBackupServiceLinkedRoleKeyUse', async (_who, caller) => {
    const { deployed, without } = policies(kind);
    for (const action of ACTIONS) {
      const request = { caller, action };
      const withIt = await evaluate(config, policyName, deployed, request);
      const withoutIt = await evaluate(config, policyName, without, request);
      expect({ action, ...withIt }).toEqual({ action, ...withoutIt });
    }
  });

  test('without it, the service-linked role could not copy: its managed policy and the root delegation give it nothing', async () => {
    const { without } = policies(kind);
    for (const caller of [
      { kind: 'backupServiceLinkedRole' },
      { kind: 'backupServiceLinkedRole', via: backupVia },
    ] as const) {
      for (const action of ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:ReEncryptTo']) {
        const result = await evaluate(config, policyName, without, { caller, action });
        expect({ action, decision: result.decision }).toEqual({ action, decision: 'ImplicitlyDenied' });
      }
    }
  });
});
