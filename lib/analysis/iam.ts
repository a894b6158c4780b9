/**
 * A small harness around a real IAM policy evaluation engine (`@cloud-copilot/iam-simulate`, AGPL:
 * a devDependency). lib/analysis is development-only: the proofs, the mutation tests and
 * `npm run report` use it; the app never imports it (a test checks the bundle).
 *
 * Use:
 *   const policies = builtPolicies(config);
 *   const result = await evaluate(config, 'ssnKey', policies.ssnKey, {
 *     caller: { kind: 'backupAdmin' },
 *     action: 'kms:Decrypt',
 *   });
 *   // result: { decision: 'ExplicitlyDenied',
 *   //   resourceSids: ['DenySSNKeyDecryptOperations', 'DenySSNKeyUseInBackupAccount'],
 *   //   identitySids: [], ignoredContextKeys: [], encryptionContext: {} }
 *   // verdictOf(result).sid: 'DenySSNKeyDecryptOperations, DenySSNKeyUseInBackupAccount'
 *
 * One caller type (`Caller`), one request (`AccessRequest` on a vault or key policy, or
 * `ResourceRequest` on any resource ARN), one result (`Evaluation`): `evaluate` (vault and key
 * policies), `evaluateRequest` (any resource), `evaluateAlert` (alerting, with the encryption
 * context), all through the same engine run.
 *
 * The engine adds no request context of its own: every context key is set here, by `requestContext`,
 * and each one rests on an assumption listed in `ASSUMPTIONS` with its source.
 */
import {
  allowedContextKeysForRequest,
  getDenialReasons,
  getGrantReasons,
  runSimulation,
  runUnsafeSimulation,
  type Simulation,
} from '@cloud-copilot/iam-simulate';
import {
  createValidatedPolicy,
  isValidatedPolicy,
  type ValidatedPolicy,
  validateIdentityPolicy,
  validateResourcePolicy,
  type ValidationError,
} from '@cloud-copilot/iam-policy';
import type { Template } from 'aws-cdk-lib/assertions';
import type { BackupAccountConfig } from '../config';
import { committedManagedPolicies, managedPolicy, managedPolicyVersion } from './managed-policies';
import { MANAGED_POLICY_OF, type ManagedPolicyName } from './managed-policy-pins';
import type { ApplyingStatements, ConditionOutcome } from './mutants';
import {
  alertKeyPolicy,
  alertTopicPolicy,
  backupServiceLinkedRoleArn,
  backupVaultArn,
  destination,
  destinationVaultArn,
  viaService,
  freshnessCheckPolicy,
  keyPolicy,
  partitionOf,
  vaultPolicy,
} from '../policies';
import { type PolicyJson, type StatementJson } from '../policies/policy-json';
import { ACTIONS_ON_THE_VAULT } from '../policies/vault-actions';

/** The four policies the stack deploys. */
export type PolicyName = 'generalVault' | 'ssnVault' | 'generalKey' | 'ssnKey';
export const POLICY_NAMES: readonly PolicyName[] = ['generalVault', 'ssnVault', 'generalKey', 'ssnKey'];

export type { PolicyJson, StatementJson } from '../policies/policy-json';

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/**
 * What the engine decided about a request, and which statements decided it, for every request the
 * harness evaluates (vault and key policies, alerting, restore testing, evidence).
 */
export interface Evaluation {
  readonly decision: Decision;
  /**
   * Deciding statements of the resource policy (vault, key or topic policy): the DENYs that fired, or
   * the ALLOWs that granted. Empty when the decision is implicit, or when the caller's own identity
   * policy granted a same-account request that the resource policy is silent about.
   */
  readonly resourceSids: readonly string[];
  /** Deciding statements of the caller's identity policies; `*` for the `*:*` of `AdministratorAccess`. */
  readonly identitySids: readonly string[];
  /** Context keys the engine dropped (the encryption context excepted): must be empty. */
  readonly ignoredContextKeys: readonly string[];
  /** The encryption context evaluated through the harness's path (see ALERT_ASSUMPTIONS); {} if none. */
  readonly encryptionContext: Readonly<Record<string, string>>;
}

/** A proof's verdict: the decision, and the resource policy's deciding Sids joined by ", " if any. */
export interface Verdict {
  readonly decision: Decision;
  readonly sid?: string;
}

export function verdictOf(evaluation: Evaluation): Verdict {
  const { decision, resourceSids } = evaluation;
  return resourceSids.length > 0 ? { decision, sid: resourceSids.join(', ') } : { decision };
}

type RequestAnalysis = Parameters<typeof getGrantReasons>[0];

/** Fake accounts and organizations that are not in any configuration. */
export const UNLISTED_ACCOUNT_ID = '999900001111';
export const OTHER_ORGANIZATION_ID = 'o-otherorg0001';

/**
 * Who calls, and with which identity policy (`IDENTITY_POLICIES`): administrators and the
 * environment accounts' roles hold `"Action": "*", "Resource": "*"` in their own account (worst case:
 * only the vault and key policies stand between them and the data); principals whose permissions AWS
 * fixes hold exactly those.
 * - `sourceRole`: a role in a listed source account (the first, unless `account` says otherwise), `*:*`;
 * - `unlistedRole`: a role in an account that is not listed (999900001111), `*:*`;
 * - `backupAdmin`: an administrator role of the backup account, `*:*`;
 * - `backupRole`: another role of the backup account, with no identity policy of its own;
 * - `backupServiceLinkedRole` / `sourceServiceLinkedRole`: `AWSServiceRoleForBackup` of the backup
 *   account / of another account (a source account unless `account` says otherwise), holding its
 *   AWS-managed policy `AWSBackupServiceLinkedRolePolicyForBackup`;
 * - `restoreRole`: the role a restore runs as (`AWSBackupDefaultServiceRole` of the backup account),
 *   holding `AWSBackupServiceRolePolicyForRestores`;
 * - `backupServicePrincipal`: the service principal `backup.amazonaws.com`, calling as itself, no
 *   identity policy;
 * - `eventsService` / `backupNotifications` / `logsService`: the service principals
 *   `events.amazonaws.com` (an EventBridge rule's target), `backup.amazonaws.com` publishing vault
 *   notifications, and `logs.<region>.amazonaws.com`, calling as themselves (for KMS: SNS or
 *   CloudWatch Logs uses the key on their behalf, and KMS sees the service principal); see
 *   ALERT_ASSUMPTIONS;
 * - `freshnessRole`: the freshness check function's execution role, with the identity policy the
 *   template attaches to it (`identityPolicy`).
 */
export type CallerKind =
  | 'sourceRole'
  | 'unlistedRole'
  | 'backupAdmin'
  | 'backupRole'
  | 'backupServiceLinkedRole'
  | 'sourceServiceLinkedRole'
  | 'restoreRole'
  | 'backupServicePrincipal'
  | 'eventsService'
  | 'backupNotifications'
  | 'logsService'
  | 'freshnessRole';

export interface Caller {
  readonly kind: CallerKind;
  /** The caller's account, for `sourceRole` and `sourceServiceLinkedRole`. @default - the first source account */
  readonly account?: string;
  /**
   * Another role of the caller's account than the kind's own (same identity policy), as
   * `aws:PrincipalArn` carries it. @default - the kind's role
   */
  readonly roleArn?: string;
  /** The caller holds no identity policy at all (only the resource policy can grant). @default false */
  readonly withoutIdentityPolicy?: boolean;
  /** `aws:CurrentTime`. @default - a fixed instant, 2026-11-27T12:00:00Z */
  readonly time?: string;
  /**
   * The caller's organization (`aws:PrincipalOrgID`); `null`: its account is in no organization.
   * @default - the configured organization
   */
  readonly organizationId?: string | null;
  /**
   * The service endpoint that calls KMS on the caller's behalf (`kms:ViaService`), e.g.
   * `backup.us-west-2.amazonaws.com`. @default - a direct call
   */
  readonly via?: string;
  /**
   * Whether a role session's request carries `aws:PrincipalIsAWSService` (= "false"). See
   * ASSUMPTIONS.principalIsAwsService: AWS documents it on every signed request, but it may be
   * absent on calls made by or for a service; the policies must hold either way. @default true
   */
  readonly principalIsAwsServiceKey?: boolean;
  /**
   * `kms:GrantIsForAWSResource` on grant operations: "true" through a service, "false" direct;
   * `'absent'` to leave it out. @default - "true" when `via` is set, otherwise "false"
   */
  readonly grantIsForAwsResource?: 'true' | 'false' | 'absent';
  /**
   * The identity policy of a `backupRole` that holds one (a role the template or a test defines),
   * and the freshness role's; the kinds whose permissions AWS fixes keep theirs
   * (ASSUMPTIONS.managedPolicies). @default - none
   */
  readonly identityPolicy?: { readonly name: string; readonly policy: PolicyJson };
  /** `aws:SourceAccount` of a service's request: the account of the rule or vault. @default - the backup account */
  readonly sourceAccount?: string;
  /** The topic in the SNS encryption context (`kms:EncryptionContext:aws:sns:topicArn`). @default - the alert topic */
  readonly topicArn?: string;
  /** The log group in the CloudWatch Logs encryption context. @default - the freshness check's log group */
  readonly logGroupArn?: string;
  /** `aws:SecureTransport`. @default true */
  readonly secureTransport?: boolean;
}

export interface AccessRequest {
  readonly caller: Caller;
  /** `backup:…` or `kms:…`; what it acts on (vault, recovery point, key) follows from the action. */
  readonly action: string;
}

/** A request on a resource named by its ARN, with the context keys of the action itself. */
export interface ResourceRequest extends AccessRequest {
  /** The resource's ARN; one that names no account (an S3 bucket's) is the backup account's. */
  readonly resource: string;
  /** Keys the action carries (`s3:x-amz-acl`, …), added to the caller's; they may override them. */
  readonly context?: Readonly<Record<string, string>>;
}

/** A pinned AWS-managed policy as the assumptions name it: `AWSBackup…PolicyForBackup (v31)`. */
const pinnedPolicy = (name: ManagedPolicyName) => `${name} (${managedPolicyVersion(name)})`;

/**
 * What we assume AWS puts in each request context, with the source. A proof names the assumptions
 * it rests on.
 */
export const ASSUMPTIONS = {
  identityAdmin: {
    text: 'Administrators of the backup account and roles of the environment (source) accounts hold "*" on "*" in their own account, so only the vault and key policies limit them (worst case).',
    source: 'a modelling choice, not an AWS fact',
  },
  managedPolicies: {
    text: `AWS Backup's service-linked role AWSServiceRoleForBackup holds exactly ${pinnedPolicy(MANAGED_POLICY_OF.backupServiceLinkedRole)}, which nobody can edit; the role a restore runs as holds ${pinnedPolicy(MANAGED_POLICY_OF.restoreRole)}; a service principal holds no identity policy.`,
    source: `IAM User Guide, "Service-linked roles"; AWS Backup Developer Guide, "Using service-linked roles" and "AWS managed policies for AWS Backup"; the documents: npm package ${committedManagedPolicies().source} (lib/analysis/managed-policies.json)`,
  },
  principalArn: {
    text: 'aws:PrincipalArn is the role ARN (with its path), not the session ARN; aws:PrincipalAccount is its account.',
    source: 'IAM User Guide, "AWS global condition context keys", aws:PrincipalArn',
  },
  principalAccount: {
    text: "aws:PrincipalAccount is the account of the principal that signed the request, and stays that principal's account when a service calls KMS on its behalf (forward access session); a service principal calling as itself carries none. The SSN key's account DENY rests on it.",
    source:
      'IAM User Guide, "AWS global condition context keys", aws:PrincipalAccount, and "Forward access sessions"',
  },
  principalOrgId: {
    text: "aws:PrincipalOrgID is the organization of the caller's account, and absent when the account is in none.",
    source: 'IAM User Guide, "AWS global condition context keys", aws:PrincipalOrgID',
  },
  principalIsAwsService: {
    text: 'aws:PrincipalIsAWSService is "true" only for a service principal calling as itself; for role sessions (service-linked roles and forward access sessions included) it is "false" or absent. AWS documents it as present on signed requests; we do not rely on that for calls made by or for a service: proofs cover both.',
    source: 'IAM User Guide, aws:PrincipalIsAWSService',
  },
  viaService: {
    text: 'kms:ViaService is set ("<service>.<region>.amazonaws.com") only when a service calls KMS on a principal\'s behalf; the principal stays the caller, and aws:ViaAWSService is "true".',
    source: 'AWS KMS Developer Guide, "kms:ViaService"; IAM User Guide, aws:ViaAWSService',
  },
  serviceLinkedRole: {
    text: "AWS Backup performs the cross-account copy with the destination account's service-linked role AWSServiceRoleForBackup (path aws-service-role/backup.amazonaws.com/). AWS does not document whether it calls KMS with its own credentials (no kms:ViaService) or through AWS Backup (kms:ViaService backup.<region>), nor whether the source account's principal calls through AWS Backup instead: proofs cover every one of these.",
    source:
      'AWS Backup Developer Guide, "Using service-linked roles" ("the destination account uses a service-linked role to pull backups into the destination vault")',
  },
  restoreRole: {
    text: "A restore runs as the IAM role passed to StartRestoreJob; a DynamoDB restore uses the key through DynamoDB, on that role's behalf (kms:ViaService dynamodb.<region>).",
    source:
      'AWS Backup Developer Guide, "Restoring a DynamoDB table"; AWS KMS Developer Guide, kms:ViaService',
  },
  servicePrincipal: {
    text: 'A service principal calling as itself carries aws:PrincipalIsAWSService "true" and aws:PrincipalServiceName, and no aws:PrincipalArn, aws:PrincipalAccount or aws:PrincipalOrgID.',
    source: 'IAM User Guide, aws:PrincipalIsAWSService and aws:PrincipalServiceName',
  },
  grantIsForAwsResource: {
    text: 'kms:GrantIsForAWSResource is "true" on CreateGrant/ListGrants/RevokeGrant only when an integrated service calls on the principal\'s behalf; a direct call carries "false" (proofs also cover it absent).',
    source: 'AWS KMS Developer Guide, "kms:GrantIsForAWSResource"',
  },
  recoveryPointArn: {
    text: "Restore, restore metadata, copy-out and deletion act on recovery-point ARNs; copy-in and vault policy edits act on the vault ARN. The vault's access policy governs its recovery points.",
    source: 'Service Authorization Reference, AWS Backup',
  },
  crossAccountBackup: {
    text: 'AWS Backup rejects cross-account calls other than CopyIntoBackupVault whatever the vault policy says; the engine does not model this, so cross-account restore proofs are not needed.',
    source: 'AWS Backup Developer Guide, "Vault access policies"',
  },
} as const;
export type AssumptionId = keyof typeof ASSUMPTIONS;

/** A fixed clock: no policy reads it, but the engine adds nothing itself. */
const CURRENT_TIME = '2026-11-27T12:00:00Z';
/** Fake key IDs: the template's key ARNs are CloudFormation tokens. */
const KEY_IDS: Record<'general' | 'ssn', string> = {
  general: '11111111-2222-4333-8444-555555555555',
  ssn: '66666666-7777-4888-8999-aaaaaaaaaaaa',
};
const RECOVERY_POINT_ID = 'b1c2d3e4-0000-4000-8000-000000000001';

const GRANT_OPERATIONS = new Set(['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant']);

export const ALL_ACCESS = {
  name: 'AdministratorAccess',
  policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

/** The identity policies each kind of caller holds (see ASSUMPTIONS.identityAdmin and managedPolicies). */
export function identityPoliciesOf(caller: Caller): Simulation['identityPolicies'] {
  if (caller.identityPolicy) {
    if (!['backupRole', 'freshnessRole'].includes(caller.kind) || caller.withoutIdentityPolicy)
      throw new Error(`a ${caller.kind} caller holds the identity policy its kind gives it`);
    return [caller.identityPolicy];
  }
  if (caller.withoutIdentityPolicy) return [];
  const managed = (
    name: 'AWSBackupServiceLinkedRolePolicyForBackup' | 'AWSBackupServiceRolePolicyForRestores',
  ) => [{ name, policy: managedPolicy(name) }];
  switch (caller.kind) {
    case 'sourceRole':
    case 'unlistedRole':
    case 'backupAdmin':
      return [ALL_ACCESS];
    case 'backupServiceLinkedRole':
    case 'sourceServiceLinkedRole':
      return managed('AWSBackupServiceLinkedRolePolicyForBackup');
    case 'restoreRole':
      return managed('AWSBackupServiceRolePolicyForRestores');
    case 'freshnessRole':
      throw new Error('the freshness role needs its identity policy');
    case 'backupRole':
    case 'backupServicePrincipal':
    case 'eventsService':
    case 'backupNotifications':
    case 'logsService':
      return [];
  }
}

/**
 * The vault access policies and key policies exactly as the template deploys them. The SSN key is
 * found as the key that encrypts the SSN vault (not by description), and every policy must be plain
 * JSON: a CloudFormation token would not be evaluated.
 */
export function deployedPolicies(
  template: Template,
  config: BackupAccountConfig,
): Record<PolicyName, PolicyJson> {
  const vaults = template.findResources('AWS::Backup::BackupVault');
  const keys = template.findResources('AWS::KMS::Key');
  const vaultNamed = (name: string) => {
    const found = Object.values(vaults).filter((v) => v.Properties.BackupVaultName === name);
    if (found.length !== 1) throw new Error(`expected one vault named ${name}, found ${found.length}`);
    return found[0];
  };
  const keyOf = (vault: Record<string, { EncryptionKeyArn?: unknown }>) => {
    const ref = vault.Properties?.EncryptionKeyArn as { 'Fn::GetAtt'?: [string, string] } | undefined;
    const key = ref?.['Fn::GetAtt'] ? keys[ref['Fn::GetAtt'][0]] : undefined;
    if (!key) throw new Error('a vault is not encrypted by a key of this template');
    return key;
  };
  const general = vaultNamed(config.backupVaultName);
  const ssn = vaultNamed(config.ssnBackupVaultName);
  const policies: Record<PolicyName, unknown> = {
    generalVault: general.Properties.AccessPolicy,
    ssnVault: ssn.Properties.AccessPolicy,
    generalKey: keyOf(general).Properties.KeyPolicy,
    ssnKey: keyOf(ssn).Properties.KeyPolicy,
  };
  for (const [name, policy] of Object.entries(policies)) {
    if (
      JSON.stringify(policy ?? null).includes('"Fn::') ||
      JSON.stringify(policy ?? null).includes('"Ref"')
    ) {
      throw new Error(`the ${name} policy holds CloudFormation tokens: it cannot be evaluated as deployed`);
    }
    if (!policy) throw new Error(`the ${name} policy is missing from the template`);
  }
  return policies as Record<PolicyName, PolicyJson>;
}

/**
 * The vault and key policies as the builders make them, which is what the stack deploys: a test
 * pins them equal to the synthesized template (`deployedPolicies`), so the proofs, the mutation
 * tests and the report evaluate them without synthesizing.
 */
export function builtPolicies(config: BackupAccountConfig): Record<PolicyName, PolicyJson> {
  const [general, ssn] = [destination('general'), destination('ssn')];
  return {
    generalVault: vaultPolicy(general, config),
    ssnVault: vaultPolicy(ssn, config),
    generalKey: keyPolicy(general, config),
    ssnKey: keyPolicy(ssn, config),
  };
}

/** The ARN an action of the request acts on, for the resource governed by the named policy. */
export function resourceArn(config: BackupAccountConfig, policy: PolicyName, action: string): string {
  const { backupRegion: region, backupAccountId: account } = config;
  const partition = partitionOf(region);
  const [service] = action.split(':');
  if (policy === 'generalKey' || policy === 'ssnKey') {
    if (service !== 'kms') throw new Error(`${action} is not a KMS action: it cannot act on a key`);
    return `arn:${partition}:kms:${region}:${account}:key/${KEY_IDS[policy === 'ssnKey' ? 'ssn' : 'general']}`;
  }
  if (service !== 'backup')
    throw new Error(`${action} is not an AWS Backup action: it cannot act on a vault`);
  if (ACTIONS_ON_THE_VAULT.has(action)) {
    return destinationVaultArn(destination(policy === 'ssnVault' ? 'ssn' : 'general'), config);
  }
  return `arn:${partition}:backup:${region}:${account}:recovery-point:${RECOVERY_POINT_ID}`;
}

/** The principal that signs the request (a role session for roles), and its account if any. */
export function principalOf(
  config: BackupAccountConfig,
  caller: Caller,
): { principal: string; roleArn?: string; account?: string } {
  const partition = partitionOf(config.backupRegion);
  const sourceAccount = caller.account ?? config.sourceAccountIds[0];
  const role = (account: string, path: string, name: string) => ({
    principal: `arn:${partition}:sts::${account}:assumed-role/${name}/session`,
    roleArn: `arn:${partition}:iam::${account}:role/${path}${name}`,
    account,
  });
  const slr = (account: string) => ({
    principal: `arn:${partition}:sts::${account}:assumed-role/AWSServiceRoleForBackup/session`,
    roleArn: backupServiceLinkedRoleArn(config.backupRegion, account),
    account,
  });
  if (caller.roleArn) {
    const [, account, name] = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(caller.roleArn) ?? [];
    if (!account) throw new Error(`not a role ARN: ${caller.roleArn}`);
    const own = principalOf(config, { ...caller, roleArn: undefined });
    if (own.account !== account) throw new Error(`${caller.roleArn} is not in the account of ${caller.kind}`);
    return {
      principal: `arn:${partition}:sts::${account}:assumed-role/${name}/session`,
      roleArn: caller.roleArn,
      account,
    };
  }
  switch (caller.kind) {
    case 'sourceRole':
      return role(sourceAccount, '', 'BackupOperator');
    case 'unlistedRole': {
      const account = caller.account ?? UNLISTED_ACCOUNT_ID;
      if (config.sourceAccountIds.includes(account)) throw new Error(`${account} is a listed source account`);
      return role(account, '', 'BackupOperator');
    }
    case 'backupAdmin':
      return role(config.backupAccountId, '', 'Administrator');
    case 'backupRole':
      return role(config.backupAccountId, '', 'BackupOperator');
    case 'restoreRole':
      return role(config.backupAccountId, 'service-role/', 'AWSBackupDefaultServiceRole');
    case 'backupServiceLinkedRole':
      return slr(config.backupAccountId);
    case 'sourceServiceLinkedRole':
      return slr(sourceAccount);
    case 'freshnessRole':
      return role(config.backupAccountId, '', FRESHNESS_ROLE_NAME);
    case 'backupServicePrincipal':
    case 'eventsService':
    case 'backupNotifications':
    case 'logsService':
      return { principal: servicePrincipalOf(config, caller.kind) };
  }
}

const SERVICE_PRINCIPALS = new Set<CallerKind>([
  'backupServicePrincipal',
  'eventsService',
  'backupNotifications',
  'logsService',
]);

function servicePrincipalOf(config: BackupAccountConfig, kind: CallerKind): string {
  const region = config.backupRegion;
  if (kind === 'eventsService') return 'events.amazonaws.com';
  if (kind === 'logsService') return viaService('logs', region);
  return 'backup.amazonaws.com';
}

/** Every context key the request carries; see ASSUMPTIONS for why each is there. */
export function requestContext(
  config: BackupAccountConfig,
  caller: Caller,
  action: string,
): Record<string, string> {
  const { principal, roleArn, account } = principalOf(config, caller);
  const context: Record<string, string> = {
    'aws:CurrentTime': caller.time ?? CURRENT_TIME,
    'aws:SecureTransport': String(caller.secureTransport ?? true),
  };
  if (SERVICE_PRINCIPALS.has(caller.kind)) {
    context['aws:PrincipalIsAWSService'] = 'true';
    context['aws:PrincipalServiceName'] = principal;
    if (caller.via) throw new Error('a service principal calling as itself has no kms:ViaService');
    // A rule's or vault's publication names its source (ALERT_ASSUMPTIONS).
    const arns = alertArns(config, caller.sourceAccount ?? config.backupAccountId);
    if (caller.kind === 'eventsService' || caller.kind === 'backupNotifications') {
      context['aws:SourceAccount'] = arns.account;
      context['aws:SourceArn'] =
        caller.kind === 'eventsService' ? arns.rule : arns.vault(config.backupVaultName);
    }
    return context;
  }
  if (!roleArn || !account) throw new Error(`no role for ${caller.kind}`);
  context['aws:PrincipalArn'] = roleArn;
  context['aws:PrincipalAccount'] = account;
  context['aws:PrincipalType'] = 'AssumedRole';
  const organizationId = caller.organizationId === undefined ? config.organizationId : caller.organizationId;
  if (organizationId !== null) context['aws:PrincipalOrgID'] = organizationId;
  if (caller.principalIsAwsServiceKey ?? true) context['aws:PrincipalIsAWSService'] = 'false';
  if (action.startsWith('kms:')) {
    context['kms:CallerAccount'] = account;
    if (caller.via) {
      context['kms:ViaService'] = caller.via;
      context['aws:ViaAWSService'] = 'true';
    }
    if (GRANT_OPERATIONS.has(action)) {
      const grant = caller.grantIsForAwsResource ?? (caller.via ? 'true' : 'false');
      if (grant !== 'absent') context['kms:GrantIsForAWSResource'] = grant;
    }
  } else if (caller.via) {
    throw new Error(`kms:ViaService applies to KMS calls only, not to ${action}`);
  }
  if (action === 'backup:CopyFromBackupVault') {
    // Copy-out names its target vault; an obviously fake vault in another account.
    context['backup:CopyTargets'] =
      `arn:${partitionOf(config.backupRegion)}:backup:${config.backupRegion}:${UNLISTED_ACCOUNT_ID}:backup-vault:elsewhere`;
  }
  return context;
}

/**
 * Each policy document validated once, however many requests are evaluated against it: the engine
 * reuses a validated policy (with its errors, which it reports as for a raw one) instead of
 * validating the document again on every request.
 */
const validatedPolicies = new WeakMap<object, ValidatedPolicy>();
function validatedOnce(
  policy: PolicyJson,
  validate: (policy: unknown) => ValidationError[],
): ValidatedPolicy {
  let validated = validatedPolicies.get(policy);
  if (!validated) {
    validated = createValidatedPolicy(policy, validate);
    validatedPolicies.set(policy, validated);
  }
  return validated;
}

/** The simulation the engine runs: request, the caller's identity policy, and the resource policy. */
export function simulationOf(
  config: BackupAccountConfig,
  request: ResourceRequest,
  resourcePolicy: PolicyJson | undefined,
): Simulation {
  const { caller, action, resource } = request;
  return {
    request: {
      principal: principalOf(config, caller).principal,
      action,
      resource: { resource, accountId: resource.split(':')[4] || config.backupAccountId },
      contextVariables: { ...requestContext(config, caller, action), ...request.context },
    },
    identityPolicies: identityPoliciesOf(caller),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy,
  };
}

/** `simulationOf` a request on one vault or key policy, the policies validated once. */
export function simulationFor(
  config: BackupAccountConfig,
  policyName: PolicyName,
  policy: PolicyJson,
  request: AccessRequest,
): Simulation {
  const simulation = simulationOf(
    config,
    { ...request, resource: resourceArn(config, policyName, request.action) },
    undefined,
  );
  return {
    ...simulation,
    identityPolicies: simulation.identityPolicies.map(({ name, policy: identity }) => ({
      name,
      policy: validatedOnce(identity, validateIdentityPolicy),
    })),
    resourcePolicy: validatedOnce(policy, validateResourcePolicy),
  };
}

/** Evaluates a request on a resource named by its ARN (`simulationOf`), through the engine. */
export async function evaluateRequest(...request: Parameters<typeof simulationOf>): Promise<Evaluation> {
  return (await runEngine(simulationOf(...request))).evaluation;
}

/**
 * Evaluates a request against one vault or key policy, in the engine's Strict mode. Throws when the
 * engine rejects the simulation (unknown action, wrong resource type, invalid policy).
 */
export async function evaluate(...request: Parameters<typeof simulate>): Promise<Evaluation> {
  return (await simulate(...request)).evaluation;
}

/** `evaluate`, with the statements of the policy that apply to the request. */
export async function evaluateAnalysed(
  ...request: Parameters<typeof simulate>
): Promise<{ evaluation: Evaluation; applying: ApplyingStatements }> {
  const { evaluation, analysis } = await simulate(...request);
  return { evaluation, applying: applyingStatements(analysis) };
}

async function simulate(
  config: BackupAccountConfig,
  policyName: PolicyName,
  policy: PolicyJson,
  request: AccessRequest,
): Promise<{ evaluation: Evaluation; analysis: RequestAnalysis }> {
  return runEngine(simulationFor(config, policyName, policy, request));
}

/** A policy of a simulation as JSON, whether given raw or validated once (`validatedOnce`). */
function documentOf(policy: PolicyJson | ValidatedPolicy | undefined): PolicyJson | undefined {
  return policy && isValidatedPolicy(policy) ? (policy.policyDocument as PolicyJson) : (policy as PolicyJson);
}

/**
 * Runs a simulation through the engine's validated entry point, in Strict mode, and reads the
 * deciding statements from its analysis. Throws when the engine rejects the simulation (unknown
 * action, wrong resource type, invalid policy). `harnessKeys`: see `evaluateSimulation`.
 */
async function runEngine(
  simulation: Simulation,
  harnessKeys: readonly string[] = [],
): Promise<{ evaluation: Evaluation; analysis: RequestAnalysis }> {
  const result = await runSimulation(simulation, { simulationMode: 'Strict' });
  const { action, resource } = simulation.request;
  if (result.resultType !== 'single') {
    const detail = result.resultType === 'error' ? JSON.stringify(result.errors) : result.resultType;
    throw new Error(`the engine did not evaluate ${action} on ${resource.resource}: ${detail}`);
  }
  const { analysis, ignoredContextKeys = [] } = result.result;
  const decision = result.overallResult as Decision;
  const identitySids = (
    decision === 'Allowed'
      ? getGrantReasons(analysis)
      : getDenialReasons(analysis).flatMap((d) => (d.denialType === 'Explicit' ? [d] : []))
  ).flatMap((r) =>
    r.policyType !== 'identity'
      ? []
      : ['policyIdentifier' in r && r.policyIdentifier === ALL_ACCESS.name ? '*' : sidOf(r)],
  );
  const evaluation: Evaluation = {
    decision,
    resourceSids: decidingSids(analysis, decision, documentOf(simulation.resourcePolicy)),
    identitySids,
    ignoredContextKeys: ignoredContextKeys.filter((k) => !harnessKeys.includes(k)),
    encryptionContext: Object.fromEntries(
      harnessKeys.map((k) => [k, simulation.request.contextVariables[k] as string]),
    ),
  };
  return { evaluation, analysis };
}

/**
 * The statements of the resource policy (by position, from 1) whose action and resource match the
 * request, of those the ones whose principal matches too, and the outcome of each of their condition
 * entries, as the engine analysed them (it analyses every statement). The mutation tests use it to
 * skip requests a mutant cannot change (`mayChange`).
 */
export function applyingStatements(analysis: RequestAnalysis): ApplyingStatements {
  const resource = analysis.resourceAnalysis;
  const statements = resource
    ? [...resource.denyStatements, ...resource.allowStatements, ...resource.unmatchedStatements].filter(
        (s) => s.actionMatch && s.resourceMatch,
      )
    : [];
  return {
    anyPrincipal: new Set(statements.map((s) => s.statement.index())),
    matching: new Set(
      statements.filter((s) => s.principalMatch !== 'NoMatch').map((s) => s.statement.index()),
    ),
    conditions: new Map(statements.map((s) => [s.statement.index(), conditionOutcomes(s)])),
  };
}

/** A statement of a resource policy as the engine analysed it. */
type AnalysedStatement = NonNullable<RequestAnalysis['resourceAnalysis']>['denyStatements'][number];

/**
 * The outcome of each condition entry of an analysed statement. `mayChange` rests on the statement's
 * conditions holding exactly when every entry holds: checked here, on every analysis.
 */
function conditionOutcomes(s: AnalysedStatement): ConditionOutcome[] {
  const outcomes = (s.explain.conditions ?? []).map((c) => ({
    operator: c.operator,
    key: c.conditionKeyValue,
    holds: c.matches,
  }));
  if ((s.conditionMatch === 'Match') !== outcomes.every((c) => c.holds)) {
    throw new Error(
      `the engine's condition entries of statement ${s.statement.index()} disagree with its result`,
    );
  }
  return outcomes;
}

/**
 * The statements of the resource policy that decided: the DENYs that fired, or the ALLOWs that
 * granted. A statement whose principals are only account roots delegates to IAM: it grants only
 * together with the caller's identity policy, so it is left out when that policy allowed nothing
 * (the engine lists it as matching either way).
 */
export function decidingSids(
  analysis: RequestAnalysis,
  decision: Decision,
  resourcePolicy: PolicyJson | undefined,
): string[] {
  if (decision !== 'Allowed') {
    return getDenialReasons(analysis).flatMap((d) =>
      d.policyType === 'resource' && d.denialType === 'Explicit' ? [sidOf(d)] : [],
    );
  }
  const grants = getGrantReasons(analysis);
  const identityAllowed = grants.some((g) => g.policyType === 'identity');
  const statements = resourcePolicy ? [resourcePolicy.Statement].flat() : [];
  const rootsOnly = (index: number) => {
    const principal = statements[index - 1]?.Principal;
    const aws = principal && principal !== '*' ? [principal.AWS ?? []].flat() : ['*'];
    return aws.length > 0 && aws.every((arn) => /^arn:[^:]+:iam::\d{12}:root$/.test(arn));
  };
  return grants.flatMap((g) =>
    g.policyType === 'resource' && (identityAllowed || !rootsOnly(g.statementIndex)) ? [sidOf(g)] : [],
  );
}

function sidOf(reason: { statementId?: string; statementIndex: number }): string {
  return reason.statementId ?? `statement #${reason.statementIndex}`;
}

/** The `kms:ViaService` value of a service in a region (the policy model's). */
export { viaService };

// ---------------------------------------------------------------------------------------------
// Alerting: the alert key's policy, the alert topic's policy, and the freshness check role's
// identity policy, as the template deploys them, and the requests that reach them.
// ---------------------------------------------------------------------------------------------

/** The three alerting policies that grant anything. */
export type AlertPolicyName = 'alertKey' | 'alertTopic' | 'freshnessRole';

/** Fake key ID of the alert key: its ARN is a CloudFormation token in the template. */
const ALERT_KEY_ID = 'cccccccc-dddd-4eee-8fff-000000000000';
/** The freshness check role's name is generated by CloudFormation: a stand-in with the same account. */
export const FRESHNESS_ROLE_NAME = 'BackupAccountStack-AlertingFreshnessCheckRole-EXAMPLE';
/** The EventBridge rule and the vault named as aws:SourceArn by the services' requests. */
const EXAMPLE_RULE_NAME = 'ExampleAlertRule';

/** The ARN of one of the stack's keys (fake key IDs: the template holds tokens). */
export function keyArnOf(config: BackupAccountConfig, key: 'general' | 'ssn' | 'alert'): string {
  const { backupRegion: region, backupAccountId: account } = config;
  const id = key === 'alert' ? ALERT_KEY_ID : KEY_IDS[key];
  return `arn:${partitionOf(region)}:kms:${region}:${account}:key/${id}`;
}

/** ARNs the alerting requests name, built here from the configuration (not by the stack's builders). */
export function alertArns(config: BackupAccountConfig, account = config.backupAccountId) {
  const region = config.backupRegion;
  const p = partitionOf(region);
  return {
    account,
    topic: `arn:${p}:sns:${region}:${account}:compactconnect-backup-alerts`,
    otherTopic: `arn:${p}:sns:${region}:${account}:some-other-topic`,
    logGroup: `arn:${p}:logs:${region}:${account}:log-group:/compactconnect/backup-account/freshness-check`,
    otherLogGroup: `arn:${p}:logs:${region}:${account}:log-group:/some/other/log-group`,
    vault: (name: string) => backupVaultArn(region, account, name),
    recoveryPoint: `arn:${p}:backup:${region}:${account}:recovery-point:${RECOVERY_POINT_ID}`,
    rule: `arn:${p}:events:${region}:${account}:rule/${EXAMPLE_RULE_NAME}`,
  };
}

/**
 * The alerting policies as the builders make them, the freshness check role's with the alert key's
 * stand-in ARN (`keyArnOf(config, 'alert')`): pinned equal to `deployedAlertPolicies` by a test.
 */
export function builtAlertPolicies(config: BackupAccountConfig): Record<AlertPolicyName, PolicyJson> {
  const context = { region: config.backupRegion, accountId: config.backupAccountId };
  const vaults = [config.backupVaultName, config.ssnBackupVaultName];
  return {
    alertKey: alertKeyPolicy(context),
    alertTopic: alertTopicPolicy(context),
    freshnessRole: freshnessCheckPolicy(context, vaults, keyArnOf(config, 'alert')),
  };
}

type CfnResource = { Type: string; Properties?: Record<string, unknown> };

/**
 * The alerting policies exactly as the template deploys them: the key policy of the one
 * AWS::KMS::Key whose logical ID starts with `Alerting`; the one AWS::SNS::TopicPolicy, which must
 * protect the alert topic encrypted by that key; and the customer-managed policy attached to the
 * role of the alerting Lambda function, which must be the role's only permission. Its one token
 * (the alert key's ARN) is replaced by the fake ARN `keyArnOf(config, 'alert')`; any other token
 * is refused.
 */
export function deployedAlertPolicies(
  template: Template,
  config: BackupAccountConfig,
): Record<AlertPolicyName, PolicyJson> {
  const resources = (template.toJSON() as { Resources: Record<string, CfnResource> }).Resources;
  const ofType = (type: string, prefix = '') =>
    Object.entries(resources).filter(([id, r]) => r.Type === type && id.startsWith(prefix));
  const one = <T>(found: readonly T[], what: string): T => {
    if (found.length !== 1) throw new Error(`expected one ${what}, found ${found.length}`);
    return found[0];
  };
  const getAtt = (id: string) => JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] });
  const ref = (id: string) => JSON.stringify({ Ref: id });

  const [keyId, key] = one(ofType('AWS::KMS::Key', 'Alerting'), 'alert key (AWS::KMS::Key "Alerting…")');
  const [, topicPolicy] = one(ofType('AWS::SNS::TopicPolicy'), 'AWS::SNS::TopicPolicy');
  const topics = topicPolicy.Properties?.Topics as unknown[];
  const [topicId, topic] = one(
    ofType('AWS::SNS::Topic').filter(([id]) => JSON.stringify(topics) === JSON.stringify([{ Ref: id }])),
    'topic protected by the topic policy',
  );
  if (topic.Properties?.TopicName !== 'compactconnect-backup-alerts')
    throw new Error(`the topic policy protects ${topicId}, not the alert topic`);
  if (JSON.stringify(topic.Properties?.KmsMasterKeyId) !== getAtt(keyId))
    throw new Error('the alert topic is not encrypted with the alert key');

  const [, fn] = one(ofType('AWS::Lambda::Function', 'Alerting'), 'alerting Lambda function');
  const roleId = (fn.Properties?.Role as { 'Fn::GetAtt'?: [string, string] })?.['Fn::GetAtt']?.[0];
  const role = roleId ? resources[roleId] : undefined;
  if (!roleId || role?.Type !== 'AWS::IAM::Role')
    throw new Error('the function has no role of this template');
  if (role.Properties?.Policies || role.Properties?.ManagedPolicyArns)
    throw new Error('the function role has inline or AWS-managed policies: the report would miss them');
  const attaches = (r: CfnResource) => JSON.stringify(r.Properties?.Roles ?? []).includes(ref(roleId));
  if (ofType('AWS::IAM::Policy').some(([, r]) => attaches(r)))
    throw new Error('an AWS::IAM::Policy is attached to the function role: the report would miss it');
  const [, managed] = one(
    ofType('AWS::IAM::ManagedPolicy').filter(([, r]) => attaches(r)),
    'customer-managed policy of the function role',
  );
  const freshnessRole = JSON.parse(
    JSON.stringify(managed.Properties?.PolicyDocument ?? null)
      .split(getAtt(keyId))
      .join(JSON.stringify(keyArnOf(config, 'alert'))),
  );

  const policies: Record<AlertPolicyName, unknown> = {
    alertKey: key.Properties?.KeyPolicy,
    alertTopic: topicPolicy.Properties?.PolicyDocument,
    freshnessRole,
  };
  for (const [name, policy] of Object.entries(policies)) {
    if (!policy) throw new Error(`the ${name} policy is missing from the template`);
    const json = JSON.stringify(policy);
    if (json.includes('"Fn::') || json.includes('"Ref"'))
      throw new Error(`the ${name} policy holds CloudFormation tokens: it cannot be evaluated as deployed`);
  }
  return policies as Record<AlertPolicyName, PolicyJson>;
}

/** What the request context of an alerting request rests on; see also ASSUMPTIONS. */
export const ALERT_ASSUMPTIONS = {
  eventBridgeSource: {
    text: 'When an EventBridge rule targets the topic, SNS publishes as events.amazonaws.com and uses the key on its behalf; the requests carry aws:SourceAccount (the rule\'s account) and aws:SourceArn (the rule), and KMS sees the encryption context {"aws:sns:topicArn": <topic ARN>}.',
    source:
      'Amazon SNS Developer Guide, encryption at rest and "event sources from AWS services"; EventBridge User Guide, SNS targets',
  },
  backupNotifications: {
    text: "AWS Backup publishes vault notifications as backup.amazonaws.com with the same encryption context; its publish call carries aws:SourceArn (the vault) and aws:SourceAccount (the vault's account), which the topic policy checks. Whether SNS's KMS calls for it carry them is not documented: the key policy does not read them. AWS Backup itself accepts only topics of the vault's own account (not modelled by the engine).",
    source:
      'AWS Backup Developer Guide, "Notification options" and "Cross-service confused deputy prevention"; lib/policies/alert-statements.ts',
  },
  logsEncryptionContext: {
    text: 'CloudWatch Logs uses the key as logs.<region>.amazonaws.com with the encryption context {"aws:logs:arn": <log group ARN>}; it sends no aws:SourceAccount here.',
    source: 'CloudWatch Logs User Guide, "Encrypt log data using AWS KMS"',
  },
  directEncryptionContext: {
    text: "A role calling KMS directly chooses the encryption context: the matrix gives it the alert topic's (worst case). Actions that take no encryption context (PutKeyPolicy, DescribeKey, …) get none.",
    source: 'AWS KMS Developer Guide, "Encryption context"; a modelling choice',
  },
  snsOnBehalf: {
    text: 'When a role publishes to the encrypted topic, SNS calls KMS on the role\'s behalf: the principal stays the role, with kms:ViaService "sns.<region>.amazonaws.com" and the topic\'s encryption context.',
    source: 'Amazon SNS Developer Guide, key management; AWS KMS Developer Guide, kms:ViaService',
  },
  freshnessRole: {
    text: 'The freshness check role holds only the customer-managed policy the template attaches to it (checked: no inline or AWS-managed policy); its name is generated at deployment, so a stand-in name in the backup account is used.',
    source: 'the synthesized template',
  },
  secureTransport: {
    text: 'aws:SecureTransport is "true" for every request (HTTPS), except where a row says otherwise.',
    source: 'IAM User Guide, aws:SecureTransport',
  },
  engineEncryptionContext: {
    text: 'The engine cannot take kms:EncryptionContext:<key> context keys: it recognizes variable keys of the form prefix/name only (aws:PrincipalTag/…), and drops these silently, so a condition on them would read as "key absent". For requests that carry an encryption context the harness checks the key names itself against the same IAM data (the action must list kms:EncryptionContext:${EncryptionContextKey}), and evaluates with the engine\'s unsafe entry point (the same evaluator, in Strict mode, without its input filter); the deciding statements are then found by evaluating each statement alone, turned into a DENY. A harness test checks that this path agrees with the normal one wherever both apply.',
    source:
      '@cloud-copilot/iam-simulate 0.1.x, simulationEngine.js (normalizeSimulationParameters, listHasVariableKeyMatch)',
  },
} as const;

/**
 * The simulation of an alerting request (`simulationOf`), the freshness role with its identity
 * policy, and the encryption context the harness evaluates itself (see `evaluateAlert`).
 */
export function alertSimulation(
  config: BackupAccountConfig,
  request: ResourceRequest,
  policies: { freshnessRole?: PolicyJson; resourcePolicy?: PolicyJson },
): { simulation: Simulation; encryptionContext: Record<string, string> } {
  const { caller, action } = request;
  if (caller.kind === 'freshnessRole' && !policies.freshnessRole)
    throw new Error('the freshness role needs its identity policy');
  const identityPolicy =
    caller.kind === 'freshnessRole' && policies.freshnessRole
      ? { name: 'FreshnessCheckPolicy', policy: policies.freshnessRole }
      : undefined;
  const simulation = simulationOf(
    config,
    { ...request, caller: identityPolicy ? { ...caller, identityPolicy } : caller },
    policies.resourcePolicy,
  );
  const ownArns = alertArns(config);
  const encryptionContext: Record<string, string> = !action.startsWith('kms:')
    ? {}
    : caller.kind === 'logsService'
      ? { 'kms:EncryptionContext:aws:logs:arn': caller.logGroupArn ?? ownArns.logGroup }
      : { 'kms:EncryptionContext:aws:sns:topicArn': caller.topicArn ?? ownArns.topic };
  return { simulation, encryptionContext };
}

const ENCRYPTION_CONTEXT_TEMPLATE = 'kms:encryptioncontext:${encryptioncontextkey}';

/** Evaluates an alerting request (see ALERT_ASSUMPTIONS.engineEncryptionContext for the path taken). */
export async function evaluateAlert(
  config: BackupAccountConfig,
  request: ResourceRequest,
  policies: { freshnessRole?: PolicyJson; resourcePolicy?: PolicyJson },
): Promise<Evaluation> {
  const { simulation, encryptionContext } = alertSimulation(config, request, policies);
  const [service, name] = request.action.split(':');
  const allowed = await allowedContextKeysForRequest(service, name, request.resource, false, undefined);
  const withContext =
    Object.keys(encryptionContext).length > 0 && allowed.includes(ENCRYPTION_CONTEXT_TEMPLATE);
  return evaluateSimulation(
    withContext
      ? {
          ...simulation,
          request: {
            ...simulation.request,
            contextVariables: { ...simulation.request.contextVariables, ...encryptionContext },
          },
        }
      : simulation,
    withContext ? 'statement-by-statement' : 'engine',
    withContext ? Object.keys(encryptionContext) : [],
  );
}

/**
 * Runs a simulation. `engine`: the engine's validated entry point, deciding statements from its
 * analysis. `statement-by-statement`: validated first (the same errors), then evaluated by the
 * unsafe entry point with every context key given, each statement found deciding by evaluating it
 * alone as a DENY. `harnessKeys` are the context keys the engine is known to drop and the harness
 * passes itself; any other dropped key is returned in `ignoredContextKeys`.
 */
export async function evaluateSimulation(
  simulation: Simulation,
  path: 'engine' | 'statement-by-statement',
  harnessKeys: readonly string[] = [],
): Promise<Evaluation> {
  const { evaluation } = await runEngine(simulation, harnessKeys);
  if (path === 'engine') return evaluation;
  // The unsafe entry point loads a raw resource policy without a name, then reads its name: pass it
  // as the engine's own "validated policy" shape (validated above by runSimulation), named.
  const unsafe = (s: Simulation) =>
    runUnsafeSimulation(
      {
        ...s,
        resourcePolicy: s.resourcePolicy && {
          __validated: true,
          policyDocument: s.resourcePolicy,
          metadata: { name: 'ResourcePolicy' },
          errors: [],
        },
      },
      { simulationMode: 'Strict' },
    );
  const decision = unsafe(simulation) as Decision;
  const effect = decision === 'Allowed' ? 'Allow' : decision === 'ExplicitlyDenied' ? 'Deny' : undefined;
  const matching = (
    statements: readonly StatementJson[],
    alone: (s: StatementJson) => Partial<Simulation>,
  ): number[] =>
    statements.flatMap((s, i) => {
      if (!effect || s.Effect !== effect) return [];
      const asDeny = { ...s, Effect: 'Deny' as const };
      const result = unsafe({ ...simulation, ...alone(asDeny) });
      return result === 'ExplicitlyDenied' ? [i] : [];
    });
  const resourceStatements = simulation.resourcePolicy ? [simulation.resourcePolicy.Statement].flat() : [];
  const resourceSids = matching(resourceStatements, (s) => ({
    identityPolicies: [],
    resourcePolicy: { Version: '2012-10-17', Statement: [s] },
  })).map((i) => resourceStatements[i].Sid ?? `statement #${i + 1}`);
  const identitySids = simulation.identityPolicies.flatMap((p) => {
    const statements: StatementJson[] = [p.policy.Statement].flat();
    return matching(statements, (s) => ({
      identityPolicies: [{ name: p.name, policy: { Version: '2012-10-17', Statement: [s] } }],
      resourcePolicy: undefined,
    })).map((i) => (p.name === ALL_ACCESS.name ? '*' : (statements[i].Sid ?? `statement #${i + 1}`)));
  });
  return { ...evaluation, decision, resourceSids, identitySids };
}
