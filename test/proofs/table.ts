/**
 * The proofs, as data: each row is a request, the policy it is evaluated against, the verdict we
 * expect (decision and deciding statement), and the assumptions about AWS it rests on. The proof
 * tests run every row against the synthesized template; the mutation test runs the same rows
 * against mutated copies of each policy.
 */
import type { BackupAccountConfig } from '../../lib/config';
import {
  BACKUP_JOB_ACTIONS,
  destination,
  GRANT_ACTIONS,
  KEY_MATERIAL_ACTIONS,
  keyViaServices,
  RECOVERY_POINT_DATA_ACTIONS,
  RECOVERY_POINT_DELETION_ACTIONS,
  RESTORE_AND_COPY_OUT_ACTIONS,
  SID,
} from '../../lib/policies';
import type { ApplyingStatements } from '../../lib/analysis/mutants';
import type { PolicyJson } from '../../lib/policies/policy-json';
import {
  type AccessRequest,
  type AssumptionId,
  type Caller,
  evaluateAnalysed,
  OTHER_ORGANIZATION_ID,
  type PolicyName,
  UNLISTED_ACCOUNT_ID,
  type Verdict,
  verdictOf,
  viaService,
} from '../../lib/analysis/iam';

/**
 * Whether a version of its policy (a mutant, for the mutation tests) gives the proof its expected
 * verdict, and which statements of that version apply to its request.
 */
export async function proofOn(
  config: BackupAccountConfig,
  proof: Proof,
  policy: PolicyJson,
): Promise<{ holds: boolean; applying: ApplyingStatements }> {
  const { evaluation, applying } = await evaluateAnalysed(config, proof.policy, policy, proof.request);
  const { decision, sid } = verdictOf(evaluation);
  const holds = decision === proof.expected.decision && sid === proof.expected.sid;
  return { holds, applying };
}

/** The claims the proofs back; each proof test file runs one of them. */
export type Claim =
  | 'copy-in'
  | 'source-key-use'
  | 'copy-key-use'
  | 'ssn-break-glass-deny'
  | 'general-admin-access'
  | 'ssn-service-paths'
  | 'break-glass-path'
  | 'no-manual-deletion'
  | 'only-copies-in'
  | 'ssn-key-sealed-in-account';

export interface Proof {
  /** The behaviour, as a sentence: also the test's name. */
  readonly name: string;
  readonly claim: Claim;
  readonly policy: PolicyName;
  readonly request: AccessRequest;
  readonly expected: Verdict;
  readonly assumptions: readonly AssumptionId[];
}

/** CT.KMS.PR.3's DENY, on every key. */
const GRANT_DENY = SID.denyGrantsNotForAwsServices;
/** The SSN key's DENY of every use of its material by this account's principals, by any path. */
const ACCOUNT_DENY = SID.denySsnKeyUseInBackupAccount;

/**
 * Every action the SSN key's account DENY names (`SEALED_KEY_ACTIONS`), each action its
 * `GenerateDataKey*` and `ReEncrypt*` cover included.
 */
export const SEALED_KEY_REQUESTS = [
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:GenerateDataKeyPair',
  'kms:GenerateDataKeyPairWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:CreateGrant',
];

const ALLOWED = (sid?: string): Verdict => (sid ? { decision: 'Allowed', sid } : { decision: 'Allowed' });
const EXPLICIT = (sid: string): Verdict => ({ decision: 'ExplicitlyDenied', sid });
const IMPLICIT: Verdict = { decision: 'ImplicitlyDenied' };

/** The actions a source account may call on a key through a service (one per KEY_USE_ACTIONS entry). */
const KEY_USE_REQUESTS = [
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
];

/**
 * The key-use actions of a copy: one per COPY_KEY_ACTIONS entry but the grant operations, and each
 * action that its `ReEncrypt*` and `GenerateDataKey*` cover.
 */
export const COPY_KEY_REQUESTS = [
  ...KEY_USE_REQUESTS,
  'kms:GenerateDataKeyPair',
  'kms:GenerateDataKeyPairWithoutPlaintext',
];

// Which Sid a side uses comes from the destination model.
const [GENERAL, SSN] = [destination('general'), destination('ssn')];
const VAULTS: readonly { policy: PolicyName; noun: string; copyIn: string }[] = [
  { policy: 'generalVault', noun: 'the general vault', copyIn: GENERAL.sids.copyIn },
  { policy: 'ssnVault', noun: 'the SSN vault', copyIn: SSN.sids.copyIn },
];
const KEYS: readonly { policy: PolicyName; noun: string; use: string; grants: string }[] = [
  { policy: 'generalKey', noun: 'the general key', use: GENERAL.sids.keyUse, grants: GENERAL.sids.grants },
  { policy: 'ssnKey', noun: 'the SSN key', use: SSN.sids.keyUse, grants: SSN.sids.grants },
];

export function proofTable(config: BackupAccountConfig): Proof[] {
  const proofs: Proof[] = [];
  const add = (
    claim: Claim,
    policy: PolicyName,
    name: string,
    caller: Caller,
    action: string,
    expected: Verdict,
    assumptions: readonly AssumptionId[],
  ) => proofs.push({ name, claim, policy, request: { caller, action }, expected, assumptions });
  const region = config.backupRegion;
  const backupVia = viaService('backup', region);
  const dynamodbVia = viaService('dynamodb', region);
  const base: AssumptionId[] = ['identityAdmin', 'principalArn', 'principalOrgId'];

  // 1. Copy-in: listed source accounts in the organization only.
  for (const vault of VAULTS) {
    const copy = 'backup:CopyIntoBackupVault';
    const arns = [...base, 'recoveryPointArn'] as const;
    for (const account of config.sourceAccountIds) {
      add(
        'copy-in',
        vault.policy,
        `source account ${account}, in the organization, may copy into ${vault.noun}`,
        { kind: 'sourceRole', account },
        copy,
        ALLOWED(vault.copyIn),
        arns,
      );
      add(
        'copy-in',
        vault.policy,
        `source account ${account}, moved to another organization, may not copy into ${vault.noun}`,
        { kind: 'sourceRole', account, organizationId: OTHER_ORGANIZATION_ID },
        copy,
        IMPLICIT,
        arns,
      );
      add(
        'copy-in',
        vault.policy,
        `source account ${account}, in no organization, may not copy into ${vault.noun}`,
        { kind: 'sourceRole', account, organizationId: null },
        copy,
        IMPLICIT,
        arns,
      );
    }
    add(
      'copy-in',
      vault.policy,
      `an unlisted account in the organization may not copy into ${vault.noun}`,
      { kind: 'unlistedRole' },
      copy,
      IMPLICIT,
      arns,
    );
    add(
      'copy-in',
      vault.policy,
      `an unlisted account of another organization may not copy into ${vault.noun}`,
      { kind: 'unlistedRole', organizationId: OTHER_ORGANIZATION_ID },
      copy,
      IMPLICIT,
      arns,
    );
  }

  // 2. Source accounts use the keys only through the listed services, and grant only for AWS resources.
  for (const key of KEYS) {
    const ssn = key.policy === 'ssnKey';
    const viaAssumptions: AssumptionId[] = [...base, 'viaService', 'principalIsAwsService'];
    for (const account of config.sourceAccountIds) {
      for (const via of keyViaServices(config)) {
        add(
          'source-key-use',
          key.policy,
          `source account ${account} may decrypt with ${key.noun} through ${via}`,
          { kind: 'sourceRole', account, via },
          'kms:Decrypt',
          ALLOWED(key.use),
          viaAssumptions,
        );
      }
      for (const action of KEY_USE_REQUESTS) {
        add(
          'source-key-use',
          key.policy,
          `source account ${account} may call ${action} on ${key.noun} through AWS Backup`,
          { kind: 'sourceRole', account, via: backupVia },
          action,
          ALLOWED(key.use),
          viaAssumptions,
        );
      }
      for (const action of GRANT_ACTIONS) {
        add(
          'source-key-use',
          key.policy,
          `source account ${account} may call ${action} on ${key.noun} for an AWS resource, through AWS Backup`,
          { kind: 'sourceRole', account, via: backupVia },
          action,
          ALLOWED(key.grants),
          [...viaAssumptions, 'grantIsForAwsResource'],
        );
      }
      for (const via of keyViaServices(config)) {
        add(
          'source-key-use',
          key.policy,
          `source account ${account} may create a grant on ${key.noun} for an AWS resource through ${via}`,
          { kind: 'sourceRole', account, via },
          'kms:CreateGrant',
          ALLOWED(key.grants),
          [...viaAssumptions, 'grantIsForAwsResource'],
        );
      }
    }
    for (const [where, organizationId] of [
      ['moved to another organization', OTHER_ORGANIZATION_ID],
      ['in no organization', null],
    ] as const) {
      add(
        'source-key-use',
        key.policy,
        `a source account ${where} may not decrypt with ${key.noun}, even through AWS Backup`,
        { kind: 'sourceRole', via: backupVia, organizationId },
        'kms:Decrypt',
        IMPLICIT,
        viaAssumptions,
      );
      add(
        'source-key-use',
        key.policy,
        `a source account ${where} may not create a grant on ${key.noun}, even for an AWS resource through AWS Backup`,
        { kind: 'sourceRole', via: backupVia, organizationId },
        'kms:CreateGrant',
        IMPLICIT,
        [...viaAssumptions, 'grantIsForAwsResource'],
      );
    }
    const direct = { kind: 'sourceRole' } as const;
    const directAssumptions: AssumptionId[] = [...base, 'viaService', 'principalIsAwsService'];
    add(
      'source-key-use',
      key.policy,
      `a source account may not decrypt with ${key.noun} directly`,
      direct,
      'kms:Decrypt',
      ssn ? EXPLICIT(SID.denySsnKeyDecryptOperations) : IMPLICIT,
      directAssumptions,
    );
    add(
      'source-key-use',
      key.policy,
      `a source account may not generate data keys with ${key.noun} directly`,
      direct,
      'kms:GenerateDataKey',
      ssn ? EXPLICIT(SID.denySsnKeyDecryptOperations) : IMPLICIT,
      directAssumptions,
    );
    add(
      'source-key-use',
      key.policy,
      `a source account may not encrypt with ${key.noun} directly`,
      direct,
      'kms:Encrypt',
      IMPLICIT,
      directAssumptions,
    );
    add(
      'source-key-use',
      key.policy,
      `a source account may not use ${key.noun} through an unlisted service (S3)`,
      { kind: 'sourceRole', via: viaService('s3', region) },
      'kms:Decrypt',
      IMPLICIT,
      directAssumptions,
    );
    add(
      'source-key-use',
      key.policy,
      `a source account may not use ${key.noun} through AWS Backup in an unlisted region`,
      { kind: 'sourceRole', via: viaService('backup', 'eu-central-1') },
      'kms:Decrypt',
      IMPLICIT,
      directAssumptions,
    );
    const grantAssumptions: AssumptionId[] = [...directAssumptions, 'grantIsForAwsResource'];
    add(
      'source-key-use',
      key.policy,
      `a source account may not create a grant on ${key.noun} that is not for an AWS resource`,
      direct,
      'kms:CreateGrant',
      ssn ? EXPLICIT(`${SID.denySsnKeyDecryptOperations}, ${GRANT_DENY}`) : EXPLICIT(GRANT_DENY),
      grantAssumptions,
    );
    add(
      'source-key-use',
      key.policy,
      `a source account may not create a grant on ${key.noun} for an AWS resource through an unlisted service (S3)`,
      { kind: 'sourceRole', via: viaService('s3', region) },
      'kms:CreateGrant',
      IMPLICIT,
      grantAssumptions,
    );
    add(
      'source-key-use',
      key.policy,
      `a source account may not list grants of ${key.noun} through AWS Backup when kms:GrantIsForAWSResource is false`,
      { kind: 'sourceRole', via: backupVia, grantIsForAwsResource: 'false' },
      'kms:ListGrants',
      IMPLICIT,
      grantAssumptions,
    );
    add(
      'source-key-use',
      key.policy,
      `a source account may not create a grant on ${key.noun} through AWS Backup in an unlisted region`,
      { kind: 'sourceRole', via: viaService('backup', 'eu-central-1') },
      'kms:CreateGrant',
      IMPLICIT,
      grantAssumptions,
    );
    add(
      'source-key-use',
      key.policy,
      `a source account may not list grants of ${key.noun} directly`,
      direct,
      'kms:ListGrants',
      IMPLICIT,
      grantAssumptions,
    );
    add(
      'source-key-use',
      key.policy,
      `a source account may not revoke grants of ${key.noun} directly`,
      direct,
      'kms:RevokeGrant',
      IMPLICIT,
      grantAssumptions,
    );
    add(
      'source-key-use',
      key.policy,
      `a source account may not list grants of ${key.noun} when kms:GrantIsForAWSResource is absent`,
      { kind: 'sourceRole', grantIsForAwsResource: 'absent' },
      'kms:ListGrants',
      IMPLICIT,
      grantAssumptions,
    );
    add(
      'source-key-use',
      key.policy,
      `an unlisted account may not decrypt with ${key.noun}, even through AWS Backup`,
      { kind: 'unlistedRole', via: backupVia },
      'kms:Decrypt',
      IMPLICIT,
      directAssumptions,
    );
    add(
      'source-key-use',
      key.policy,
      `an unlisted account may not decrypt with ${key.noun} directly`,
      { kind: 'unlistedRole' },
      'kms:Decrypt',
      ssn ? EXPLICIT(SID.denySsnKeyDecryptOperations) : IMPLICIT,
      directAssumptions,
    );
    add(
      'source-key-use',
      key.policy,
      `an unlisted account may not create grants on ${key.noun}, even for AWS resources`,
      { kind: 'unlistedRole', via: backupVia },
      'kms:CreateGrant',
      IMPLICIT,
      grantAssumptions,
    );
    add(
      'source-key-use',
      key.policy,
      `an unlisted account may not change the policy of ${key.noun}`,
      { kind: 'unlistedRole' },
      'kms:PutKeyPolicy',
      IMPLICIT,
      directAssumptions,
    );
    add(
      'source-key-use',
      key.policy,
      `a source account may not change the policy of ${key.noun}`,
      direct,
      'kms:PutKeyPolicy',
      IMPLICIT,
      directAssumptions,
    );
  }

  // 3. SSN: the backup account's own principals are denied restore, copy-out and direct key material.
  const admin = { kind: 'backupAdmin' } as const;
  const directDeny = (action: string) =>
    action === 'kms:CreateGrant'
      ? EXPLICIT(`${SID.denySsnKeyDecryptOperations}, ${ACCOUNT_DENY}, ${GRANT_DENY}`)
      : EXPLICIT(`${SID.denySsnKeyDecryptOperations}, ${ACCOUNT_DENY}`);
  for (const action of RESTORE_AND_COPY_OUT_ACTIONS) {
    add(
      'ssn-break-glass-deny',
      'ssnVault',
      `a backup-account administrator (*:*) is denied ${action} on SSN recovery points`,
      admin,
      action,
      EXPLICIT(SID.denyEmergencyRestoreOperations),
      [...base, 'recoveryPointArn', 'crossAccountBackup'],
    );
  }
  add(
    'ssn-break-glass-deny',
    'ssnVault',
    "the backup account's AWS Backup service-linked role is denied restores of SSN recovery points",
    { kind: 'backupServiceLinkedRole' },
    'backup:StartRestoreJob',
    EXPLICIT(SID.denyEmergencyRestoreOperations),
    [...base, 'recoveryPointArn', 'serviceLinkedRole', 'managedPolicies'],
  );
  add(
    'ssn-break-glass-deny',
    'ssnVault',
    'the role a restore runs as is denied restores of SSN recovery points: the vault is the restore gate',
    { kind: 'restoreRole' },
    'backup:StartRestoreJob',
    EXPLICIT(SID.denyEmergencyRestoreOperations),
    [...base, 'recoveryPointArn', 'restoreRole', 'managedPolicies'],
  );
  for (const action of RECOVERY_POINT_DATA_ACTIONS) {
    add(
      'ssn-break-glass-deny',
      'ssnVault',
      `a backup-account administrator (*:*) is denied ${action} on the SSN vault's recovery points`,
      admin,
      action,
      EXPLICIT(SID.denySsnRecoveryPointDataAccess),
      [...base, 'recoveryPointArn', 'crossAccountBackup'],
    );
  }
  for (const action of KEY_MATERIAL_ACTIONS) {
    add(
      'ssn-break-glass-deny',
      'ssnKey',
      `a backup-account administrator (*:*) is denied ${action} on the SSN key when calling directly`,
      admin,
      action,
      directDeny(action),
      [...base, 'viaService', 'principalIsAwsService', 'grantIsForAwsResource'],
    );
  }
  for (const action of ['kms:Decrypt', 'kms:CreateGrant']) {
    add(
      'ssn-break-glass-deny',
      'ssnKey',
      `a backup-account administrator is denied ${action} on the SSN key also when aws:PrincipalIsAWSService is absent`,
      { kind: 'backupAdmin', principalIsAwsServiceKey: false },
      action,
      directDeny(action),
      [...base, 'viaService', 'principalIsAwsService', 'grantIsForAwsResource'],
    );
  }
  add(
    'ssn-break-glass-deny',
    'ssnKey',
    'a backup-account administrator is denied creating an SSN key grant when kms:GrantIsForAWSResource is absent',
    { kind: 'backupAdmin', grantIsForAwsResource: 'absent' },
    'kms:CreateGrant',
    directDeny('kms:CreateGrant'),
    [...base, 'viaService', 'principalIsAwsService', 'grantIsForAwsResource'],
  );

  // 4. The same administrator keeps all of it on the general vault and key, but for grants of its
  //    own (CT.KMS.PR.3, on every key): those only through a service, for an AWS resource.
  for (const action of [...RESTORE_AND_COPY_OUT_ACTIONS, ...RECOVERY_POINT_DATA_ACTIONS]) {
    add(
      'general-admin-access',
      'generalVault',
      `a backup-account administrator may call ${action} on general recovery points`,
      admin,
      action,
      ALLOWED(),
      [...base, 'recoveryPointArn'],
    );
  }
  for (const action of ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:CreateGrant']) {
    add(
      'general-admin-access',
      'generalKey',
      `a DynamoDB restore from the general vault may call ${action} on the general key, through DynamoDB as the role the restore runs as`,
      { kind: 'restoreRole', via: dynamodbVia },
      action,
      ALLOWED(SID.enableInAccountPermissions),
      [
        ...base,
        'viaService',
        'principalIsAwsService',
        'restoreRole',
        'managedPolicies',
        'grantIsForAwsResource',
      ],
    );
  }
  for (const action of KEY_MATERIAL_ACTIONS.filter((a) => a !== 'kms:CreateGrant')) {
    add(
      'general-admin-access',
      'generalKey',
      `a backup-account administrator may call ${action} on the general key directly`,
      admin,
      action,
      ALLOWED(SID.enableInAccountPermissions),
      [...base, 'viaService', 'principalIsAwsService'],
    );
  }
  for (const caller of [admin, { kind: 'backupAdmin', principalIsAwsServiceKey: false } as const]) {
    add(
      'general-admin-access',
      'generalKey',
      `a backup-account administrator may not create a grant on the general key directly${caller === admin ? '' : ', also without aws:PrincipalIsAWSService'} (CT.KMS.PR.3)`,
      caller,
      'kms:CreateGrant',
      EXPLICIT(GRANT_DENY),
      [...base, 'viaService', 'principalIsAwsService', 'grantIsForAwsResource'],
    );
  }
  for (const via of [backupVia, dynamodbVia]) {
    add(
      'general-admin-access',
      'generalKey',
      `a backup-account administrator may create a grant on the general key for an AWS resource through ${via}`,
      { kind: 'backupAdmin', via },
      'kms:CreateGrant',
      ALLOWED(SID.enableInAccountPermissions),
      [...base, 'viaService', 'principalIsAwsService', 'grantIsForAwsResource'],
    );
  }

  // 5. A copy's key work: this account's AWS Backup service-linked role, holding its AWS-managed
  //    policy only, may do it on both keys, directly or through AWS Backup (AWS does not document
  //    which). The statement that allows it gives nobody else anything (copy-key-use.test.ts).
  const slrAssumptions: AssumptionId[] = [
    ...base,
    'serviceLinkedRole',
    'managedPolicies',
    'principalIsAwsService',
    'viaService',
  ];
  const slrGrant: AssumptionId[] = [...slrAssumptions, 'grantIsForAwsResource'];
  // Its managed policy allows kms:DescribeKey (then the root delegation grants too), nothing else here.
  const SLR = (action: string) =>
    ALLOWED(
      action === 'kms:DescribeKey'
        ? `${SID.enableInAccountPermissions}, ${SID.allowBackupServiceLinkedRole}`
        : SID.allowBackupServiceLinkedRole,
    );
  for (const key of KEYS) {
    for (const action of COPY_KEY_REQUESTS) {
      for (const via of [undefined, backupVia]) {
        add(
          'copy-key-use',
          key.policy,
          `this account's AWS Backup service-linked role may call ${action} on ${key.noun} ${via ? 'through AWS Backup' : 'directly'}`,
          { kind: 'backupServiceLinkedRole', via },
          action,
          SLR(action),
          slrAssumptions,
        );
      }
    }
    for (const action of GRANT_ACTIONS) {
      add(
        'copy-key-use',
        key.policy,
        `this account's AWS Backup service-linked role may call ${action} on ${key.noun} for an AWS resource, through AWS Backup`,
        { kind: 'backupServiceLinkedRole', via: backupVia },
        action,
        SLR(action),
        slrGrant,
      );
      add(
        'copy-key-use',
        key.policy,
        `this account's AWS Backup service-linked role may not call ${action} on ${key.noun} directly (not for an AWS resource)`,
        { kind: 'backupServiceLinkedRole' },
        action,
        action === 'kms:CreateGrant' ? EXPLICIT(GRANT_DENY) : IMPLICIT,
        slrGrant,
      );
    }
    add(
      'copy-key-use',
      key.policy,
      `this account's AWS Backup service-linked role may decrypt with ${key.noun} also when aws:PrincipalIsAWSService is absent`,
      { kind: 'backupServiceLinkedRole', principalIsAwsServiceKey: false },
      'kms:Decrypt',
      SLR('kms:Decrypt'),
      slrAssumptions,
    );
    const ssn = key.policy === 'ssnKey';
    const nothing: [string, Caller][] = [
      ['another role of the backup account, with no identity policy', { kind: 'backupRole' }],
      [
        `a role named AWSServiceRoleForBackup in another account (${UNLISTED_ACCOUNT_ID})`,
        { kind: 'sourceServiceLinkedRole', account: UNLISTED_ACCOUNT_ID },
      ],
    ];
    for (const [who, caller] of nothing) {
      const inThisAccount = caller.kind === 'backupRole';
      add(
        'copy-key-use',
        key.policy,
        `${who} may not decrypt with ${key.noun}`,
        caller,
        'kms:Decrypt',
        !ssn
          ? IMPLICIT
          : EXPLICIT(
              inThisAccount
                ? `${SID.denySsnKeyDecryptOperations}, ${ACCOUNT_DENY}`
                : SID.denySsnKeyDecryptOperations,
            ),
        slrAssumptions,
      );
      add(
        'copy-key-use',
        key.policy,
        `${who} may not list grants of ${key.noun}, even through AWS Backup`,
        { ...caller, via: backupVia },
        'kms:ListGrants',
        IMPLICIT,
        slrGrant,
      );
    }
    add(
      'copy-key-use',
      key.policy,
      `a source account's AWS Backup service-linked role (its AWS-managed policy) may not decrypt with ${key.noun} through AWS Backup`,
      { kind: 'sourceServiceLinkedRole', via: backupVia },
      'kms:Decrypt',
      IMPLICIT,
      slrAssumptions,
    );
    add(
      'copy-key-use',
      key.policy,
      `a source account's AWS Backup service-linked role may not create grants on ${key.noun}, even for an AWS resource through AWS Backup`,
      { kind: 'sourceServiceLinkedRole', via: backupVia },
      'kms:CreateGrant',
      IMPLICIT,
      slrGrant,
    );
    add(
      'copy-key-use',
      key.policy,
      `the service principal backup.amazonaws.com is not denied a grant on ${key.noun} (CT.KMS.PR.3 spares services), nor allowed one`,
      { kind: 'backupServicePrincipal' },
      'kms:CreateGrant',
      IMPLICIT,
      ['servicePrincipal', 'principalIsAwsService', 'managedPolicies'],
    );
  }

  // 6. Every plausible AWS service path to the SSN key that a copy may take stays open: source
  //    accounts through AWS Backup or DynamoDB, this account's service-linked role (copy-key-use),
  //    service principals (not denied).
  const svc: AssumptionId[] = [...base, 'viaService', 'principalIsAwsService'];
  for (const via of [backupVia, dynamodbVia]) {
    for (const action of ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:Encrypt']) {
      add(
        'ssn-service-paths',
        'ssnKey',
        `${action} on the SSN key through ${via} on behalf of a source account is allowed`,
        { kind: 'sourceRole', via },
        action,
        ALLOWED(SID.allowSsnBackupOperations),
        svc,
      );
    }
    add(
      'ssn-service-paths',
      'ssnKey',
      `a source account may create a grant on the SSN key for an AWS resource through ${via}, also without aws:PrincipalIsAWSService`,
      { kind: 'sourceRole', via, principalIsAwsServiceKey: false },
      'kms:CreateGrant',
      ALLOWED(SID.allowSsnGrantCreation),
      [...svc, 'grantIsForAwsResource'],
    );
  }

  // 7. The SSN key's material is sealed for this account on every path but AWS Backup's: no
  //    principal of the backup account but AWS Backup's service-linked role uses it, directly or
  //    through DynamoDB or any other service. Through AWS Backup in the backup region it stays
  //    usable: creating a vault with the key needs it, and the SSN vault's DENYs gate every AWS
  //    Backup path to the data. Key administration stays open (break-glass-path).
  const sealedAssumptions: AssumptionId[] = [...svc, 'grantIsForAwsResource', 'principalAccount'];
  for (const action of SEALED_KEY_REQUESTS) {
    add(
      'ssn-key-sealed-in-account',
      'ssnKey',
      `a backup-account administrator (*:*) is denied ${action} on the SSN key through DynamoDB`,
      { kind: 'backupAdmin', via: dynamodbVia },
      action,
      EXPLICIT(ACCOUNT_DENY),
      sealedAssumptions,
    );
  }
  // AWS Backup Developer Guide, "Backup vault creation and deletion": the caller of CreateBackupVault
  // needs these on the vault's key.
  for (const action of ['kms:CreateGrant', 'kms:Decrypt', 'kms:GenerateDataKey']) {
    add(
      'ssn-key-sealed-in-account',
      'ssnKey',
      `a backup-account administrator may still call ${action} on the SSN key through AWS Backup in the backup region, as creating the SSN vault needs`,
      { kind: 'backupAdmin', via: backupVia },
      action,
      ALLOWED(SID.enableInAccountPermissions),
      sealedAssumptions,
    );
  }
  add(
    'ssn-key-sealed-in-account',
    'ssnKey',
    'a backup-account administrator is denied kms:Decrypt on the SSN key through AWS Backup of another region',
    { kind: 'backupAdmin', via: viaService('backup', config.sourceRegions[0]) },
    'kms:Decrypt',
    EXPLICIT(ACCOUNT_DENY),
    sealedAssumptions,
  );
  add(
    'ssn-key-sealed-in-account',
    'ssnKey',
    'a backup-account administrator is denied kms:Decrypt on the SSN key through a service also without aws:PrincipalIsAWSService',
    { kind: 'backupAdmin', via: dynamodbVia, principalIsAwsServiceKey: false },
    'kms:Decrypt',
    EXPLICIT(ACCOUNT_DENY),
    sealedAssumptions,
  );
  add(
    'ssn-key-sealed-in-account',
    'ssnKey',
    'a backup-account administrator is denied kms:Decrypt on the SSN key through an unlisted service (S3)',
    { kind: 'backupAdmin', via: viaService('s3', region) },
    'kms:Decrypt',
    EXPLICIT(ACCOUNT_DENY),
    sealedAssumptions,
  );
  for (const action of ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:CreateGrant']) {
    add(
      'ssn-key-sealed-in-account',
      'ssnKey',
      `a DynamoDB restore's ${action} on the SSN key, through DynamoDB as the role the restore runs as, is denied: restored SSN data under the SSN key stays unreadable without an opening`,
      { kind: 'restoreRole', via: dynamodbVia },
      action,
      EXPLICIT(ACCOUNT_DENY),
      [...sealedAssumptions, 'restoreRole', 'managedPolicies'],
    );
  }
  add(
    'ssn-key-sealed-in-account',
    'ssnKey',
    'another role of the backup account is denied kms:Decrypt on the SSN key through DynamoDB',
    { kind: 'backupRole', via: dynamodbVia },
    'kms:Decrypt',
    EXPLICIT(ACCOUNT_DENY),
    sealedAssumptions,
  );
  for (const via of [undefined, backupVia]) {
    add(
      'ssn-key-sealed-in-account',
      'ssnKey',
      `this account's AWS Backup service-linked role is the one exception: it may decrypt with the SSN key ${via ? 'through AWS Backup' : 'directly'} (copies in)`,
      { kind: 'backupServiceLinkedRole', via },
      'kms:Decrypt',
      ALLOWED(SID.allowBackupServiceLinkedRole),
      [...sealedAssumptions, 'serviceLinkedRole', 'managedPolicies'],
    );
  }
  for (const action of ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:PutKeyPolicy']) {
    add(
      'ssn-key-sealed-in-account',
      'ssnKey',
      `a backup-account administrator may still call ${action} on the SSN key through a service: administration is not sealed`,
      { kind: 'backupAdmin', via: backupVia },
      action,
      ALLOWED(SID.enableInAccountPermissions),
      sealedAssumptions,
    );
  }
  add(
    'ssn-key-sealed-in-account',
    'generalKey',
    'the general key is not sealed: a backup-account administrator may decrypt with it through DynamoDB',
    { kind: 'backupAdmin', via: dynamodbVia },
    'kms:Decrypt',
    ALLOWED(SID.enableInAccountPermissions),
    sealedAssumptions,
  );
  add(
    'ssn-service-paths',
    'ssnKey',
    "a source account's AWS Backup service-linked role calling directly is denied by the SSN DENY: only this account's role is exempt",
    { kind: 'sourceServiceLinkedRole' },
    'kms:Decrypt',
    EXPLICIT(SID.denySsnKeyDecryptOperations),
    slrAssumptions,
  );
  for (const action of ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:CreateGrant']) {
    add(
      'ssn-service-paths',
      'ssnKey',
      `the service principal backup.amazonaws.com is not denied ${action} on the SSN key (no statement allows it either)`,
      { kind: 'backupServicePrincipal' },
      action,
      IMPLICIT,
      ['servicePrincipal', 'principalIsAwsService'],
    );
  }

  // 8. The break-glass path stays open: administrators edit the SSN vault policy and key policy.
  for (const action of ['backup:PutBackupVaultAccessPolicy', 'backup:DeleteBackupVaultAccessPolicy']) {
    add(
      'break-glass-path',
      'ssnVault',
      `a backup-account administrator may call ${action} on the SSN vault`,
      admin,
      action,
      ALLOWED(),
      [...base, 'recoveryPointArn'],
    );
  }
  for (const action of ['kms:PutKeyPolicy', 'kms:GetKeyPolicy', 'kms:DescribeKey']) {
    add(
      'break-glass-path',
      'ssnKey',
      `a backup-account administrator may call ${action} on the SSN key`,
      admin,
      action,
      ALLOWED(SID.enableInAccountPermissions),
      [...base, 'principalIsAwsService'],
    );
  }
  add(
    'break-glass-path',
    'ssnKey',
    'a backup-account administrator may put the SSN key policy also when aws:PrincipalIsAWSService is absent',
    { kind: 'backupAdmin', principalIsAwsServiceKey: false },
    'kms:PutKeyPolicy',
    ALLOWED(SID.enableInAccountPermissions),
    [...base, 'principalIsAwsService'],
  );

  // 9. Nobody deletes recovery points or shortens their retention by hand, in either vault.
  for (const vault of VAULTS) {
    for (const action of RECOVERY_POINT_DELETION_ACTIONS) {
      add(
        'no-manual-deletion',
        vault.policy,
        `a backup-account administrator (*:*) is denied ${action} in ${vault.noun}`,
        admin,
        action,
        EXPLICIT(SID.denyRecoveryPointDeletion),
        [...base, 'recoveryPointArn'],
      );
    }
  }
  // 10. The vaults take only copies: nobody starts a backup job into either, and copy-in works.
  for (const vault of VAULTS) {
    for (const action of BACKUP_JOB_ACTIONS) {
      for (const [who, caller] of [
        ['a backup-account administrator (*:*)', admin],
        ["this account's AWS Backup service-linked role", { kind: 'backupServiceLinkedRole' }],
        ['a role of a source account (*:*)', { kind: 'sourceRole' }],
      ] as const) {
        add(
          'only-copies-in',
          vault.policy,
          `${who} is denied ${action} into ${vault.noun}`,
          caller,
          action,
          EXPLICIT(SID.denyBackupJobsIntoVault),
          [...base, 'recoveryPointArn', 'managedPolicies'],
        );
      }
    }
    add(
      'only-copies-in',
      vault.policy,
      `a source account in the organization may still copy into ${vault.noun}`,
      { kind: 'sourceRole' },
      'backup:CopyIntoBackupVault',
      ALLOWED(vault.copyIn),
      [...base, 'recoveryPointArn'],
    );
  }
  return proofs;
}

export function proofsOf(config: BackupAccountConfig, claim: Claim): Proof[] {
  return proofTable(config).filter((p) => p.claim === claim);
}
