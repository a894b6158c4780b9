/**
 * A small harness around a real IAM policy evaluation engine (`@cloud-copilot/iam-simulate`, AGPL:
 * a devDependency, imported only by tests and scripts, never by the app).
 *
 * Use:
 *   const policies = deployedPolicies(synthesize(config).template, config);
 *   const result = await evaluate(config, 'ssnKey', policies.ssnKey, {
 *     caller: { kind: 'backupAdmin' },
 *     action: 'kms:Decrypt',
 *   });
 *   // result: { decision: 'ExplicitlyDenied', sid: 'DenySSNKeyDecryptOperations', ignoredContextKeys: [] }
 *
 * The engine adds no request context of its own: every context key is set here, by `requestContext`,
 * and each one rests on an assumption listed in `ASSUMPTIONS` with its source.
 */
import {
  getDenialReasons,
  getGrantReasons,
  runSimulation,
  type Simulation,
} from '@cloud-copilot/iam-simulate';
import type { Template } from 'aws-cdk-lib/assertions';
import type { BackupAccountConfig } from '../../lib/config';
import { dnsSuffixOf, partitionOf } from '../../lib/policies';

/** The four policies the stack deploys. */
export type PolicyName = 'generalVault' | 'ssnVault' | 'generalKey' | 'ssnKey';
export const POLICY_NAMES: readonly PolicyName[] = ['generalVault', 'ssnVault', 'generalKey', 'ssnKey'];

/** A policy document as it appears in the template: plain JSON. */
export interface PolicyJson {
  readonly Version: string;
  readonly Statement: readonly StatementJson[];
}

export interface StatementJson {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: {
    readonly AWS?: string | readonly string[];
    readonly Service?: string | readonly string[];
  };
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/**
 * What the engine decided, and which statement of the vault or key policy decided it: the DENY that
 * fired, or the ALLOW that granted. No `sid` when the decision is implicit, or when the caller's own
 * identity policy granted a same-account request that the resource policy is silent about.
 */
export interface Verdict {
  readonly decision: Decision;
  readonly sid?: string;
}

export interface Evaluation extends Verdict {
  /** Context keys the engine dropped because the action never carries them: must be empty. */
  readonly ignoredContextKeys: readonly string[];
}

/** Fake accounts and organizations that are not in any configuration. */
export const UNLISTED_ACCOUNT_ID = '999900001111';
export const OTHER_ORGANIZATION_ID = 'o-otherorg0001';

/**
 * Who calls. Every IAM principal holds `"Action": "*", "Resource": "*"` in its own account (worst
 * case: only the vault and key policies stand between it and the data).
 * - `sourceRole`: a role in a listed source account (the first, unless `account` says otherwise);
 * - `unlistedRole`: a role in an account that is not listed (999900001111);
 * - `backupAdmin`: an administrator role of the backup account;
 * - `backupServiceLinkedRole` / `sourceServiceLinkedRole`: `AWSServiceRoleForBackup` of the backup
 *   account / of a source account, calling with its own credentials;
 * - `backupServicePrincipal`: the service principal `backup.amazonaws.com`, calling as itself.
 */
export type CallerKind =
  | 'sourceRole'
  | 'unlistedRole'
  | 'backupAdmin'
  | 'backupServiceLinkedRole'
  | 'sourceServiceLinkedRole'
  | 'backupServicePrincipal';

export interface Caller {
  readonly kind: CallerKind;
  /** The caller's account, for `sourceRole` and `sourceServiceLinkedRole`. @default - the first source account */
  readonly account?: string;
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
   * ASSUMPTIONS.principalIsAwsService: AWS documents it on every signed request, DESIGN.md reads it
   * as absent; the policies must hold either way. @default true
   */
  readonly principalIsAwsServiceKey?: boolean;
  /**
   * `kms:GrantIsForAWSResource` on grant operations: "true" through a service, "false" direct;
   * `'absent'` to leave it out. @default - "true" when `via` is set, otherwise "false"
   */
  readonly grantIsForAwsResource?: 'true' | 'false' | 'absent';
}

export interface AccessRequest {
  readonly caller: Caller;
  /** `backup:…` or `kms:…`; what it acts on (vault, recovery point, key) follows from the action. */
  readonly action: string;
}

/**
 * What we assume AWS puts in each request context, with the source. A proof names the assumptions
 * it rests on.
 */
export const ASSUMPTIONS = {
  identityAdmin: {
    text: 'Every IAM principal holds "*" on "*" in its own account, so only the vault and key policies limit it (worst case).',
    source: 'a modelling choice, not an AWS fact',
  },
  principalArn: {
    text: 'aws:PrincipalArn is the role ARN (with its path), not the session ARN; aws:PrincipalAccount is its account.',
    source: 'IAM User Guide, "AWS global condition context keys", aws:PrincipalArn',
  },
  principalOrgId: {
    text: "aws:PrincipalOrgID is the organization of the caller's account, and absent when the account is in none.",
    source: 'IAM User Guide, "AWS global condition context keys", aws:PrincipalOrgID',
  },
  principalIsAwsService: {
    text: 'aws:PrincipalIsAWSService is "true" only for a service principal calling as itself; for role sessions (service-linked roles and forward access sessions included) it is "false" or absent. AWS documents it as present on signed requests, DESIGN.md reads it as absent: proofs cover both.',
    source: 'IAM User Guide, aws:PrincipalIsAWSService; DESIGN.md, "KMS"',
  },
  viaService: {
    text: 'kms:ViaService is set ("<service>.<region>.amazonaws.com") only when a service calls KMS on a principal\'s behalf; the principal stays the caller, and aws:ViaAWSService is "true".',
    source: 'AWS KMS Developer Guide, "kms:ViaService"; IAM User Guide, aws:ViaAWSService; DESIGN.md, "KMS"',
  },
  serviceLinkedRole: {
    text: "AWS Backup performs the cross-account copy with the destination account's service-linked role AWSServiceRoleForBackup (path aws-service-role/backup.amazonaws.com/), with its own credentials: no kms:ViaService.",
    source: 'AWS Backup Developer Guide, cross-account backup; DESIGN.md, "KMS"',
  },
  servicePrincipal: {
    text: 'A service principal calling as itself carries aws:PrincipalIsAWSService "true" and aws:PrincipalServiceName, and no aws:PrincipalArn, aws:PrincipalAccount or aws:PrincipalOrgID.',
    source: 'IAM User Guide, aws:PrincipalIsAWSService and aws:PrincipalServiceName; DESIGN.md, "KMS"',
  },
  grantIsForAwsResource: {
    text: 'kms:GrantIsForAWSResource is "true" on CreateGrant/ListGrants/RevokeGrant only when an integrated service calls on the principal\'s behalf; a direct call carries "false" (proofs also cover it absent).',
    source: 'AWS KMS Developer Guide, "kms:GrantIsForAWSResource"; DESIGN.md, "KMS"',
  },
  recoveryPointArn: {
    text: "Restore, restore metadata, copy-out and deletion act on recovery-point ARNs; copy-in and vault policy edits act on the vault ARN. The vault's access policy governs its recovery points.",
    source: 'Service Authorization Reference, AWS Backup; DESIGN.md, "Vault access policies"',
  },
  crossAccountBackup: {
    text: 'AWS Backup rejects cross-account calls other than CopyIntoBackupVault whatever the vault policy says; the engine does not model this, so cross-account restore proofs are not needed.',
    source: 'AWS Backup Developer Guide, "Vault access policies"; DESIGN.md',
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

/** Backup actions on the vault itself; every other `backup:` action here acts on a recovery point. */
const VAULT_ACTIONS = new Set([
  'backup:CopyIntoBackupVault',
  'backup:PutBackupVaultAccessPolicy',
  'backup:DeleteBackupVaultAccessPolicy',
  'backup:DeleteBackupVault',
  'backup:PutBackupVaultLockConfiguration',
  'backup:DeleteBackupVaultLockConfiguration',
]);
const GRANT_OPERATIONS = new Set(['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant']);

const ALL_ACCESS = {
  name: 'AdministratorAccess',
  policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

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
  if (VAULT_ACTIONS.has(action)) {
    const name = policy === 'ssnVault' ? config.ssnBackupVaultName : config.backupVaultName;
    return `arn:${partition}:backup:${region}:${account}:backup-vault:${name}`;
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
  const slr = (account: string) =>
    role(account, 'aws-service-role/backup.amazonaws.com/', 'AWSServiceRoleForBackup');
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
    case 'backupServiceLinkedRole':
      return slr(config.backupAccountId);
    case 'sourceServiceLinkedRole':
      return slr(sourceAccount);
    case 'backupServicePrincipal':
      return { principal: 'backup.amazonaws.com' };
  }
}

/** Every context key the request carries; see ASSUMPTIONS for why each is there. */
export function requestContext(
  config: BackupAccountConfig,
  caller: Caller,
  action: string,
): Record<string, string> {
  const { roleArn, account } = principalOf(config, caller);
  const context: Record<string, string> = { 'aws:CurrentTime': CURRENT_TIME, 'aws:SecureTransport': 'true' };
  if (caller.kind === 'backupServicePrincipal') {
    context['aws:PrincipalIsAWSService'] = 'true';
    context['aws:PrincipalServiceName'] = 'backup.amazonaws.com';
    if (caller.via) throw new Error('a service principal calling as itself has no kms:ViaService');
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

/** The simulation the engine runs: request, the caller's identity policy, and the resource policy. */
export function simulationFor(
  config: BackupAccountConfig,
  policyName: PolicyName,
  policy: PolicyJson,
  request: AccessRequest,
): Simulation {
  const { principal } = principalOf(config, request.caller);
  return {
    request: {
      principal,
      action: request.action,
      resource: {
        resource: resourceArn(config, policyName, request.action),
        accountId: config.backupAccountId,
      },
      contextVariables: requestContext(config, request.caller, request.action),
    },
    identityPolicies: request.caller.kind === 'backupServicePrincipal' ? [] : [ALL_ACCESS],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: policy,
  };
}

/**
 * Evaluates a request against one vault or key policy, in the engine's Strict mode. Throws when the
 * engine rejects the simulation (unknown action, wrong resource type, invalid policy).
 */
export async function evaluate(
  config: BackupAccountConfig,
  policyName: PolicyName,
  policy: PolicyJson,
  request: AccessRequest,
): Promise<Evaluation> {
  const result = await runSimulation(simulationFor(config, policyName, policy, request), {
    simulationMode: 'Strict',
  });
  if (result.resultType !== 'single') {
    const detail = result.resultType === 'error' ? JSON.stringify(result.errors) : result.resultType;
    throw new Error(`the engine did not evaluate ${request.action} on ${policyName}: ${detail}`);
  }
  const { analysis, ignoredContextKeys = [] } = result.result;
  const decision = result.overallResult as Decision;
  const sids =
    decision === 'Allowed'
      ? getGrantReasons(analysis).flatMap((g) => (g.policyType === 'resource' ? [sidOf(g)] : []))
      : getDenialReasons(analysis).flatMap((d) =>
          d.policyType === 'resource' && d.denialType === 'Explicit' ? [sidOf(d)] : [],
        );
  const verdict: Verdict = sids.length > 0 ? { decision, sid: sids.join(', ') } : { decision };
  return { ...verdict, ignoredContextKeys };
}

function sidOf(reason: { statementId?: string; statementIndex: number }): string {
  return reason.statementId ?? `statement #${reason.statementIndex}`;
}

/** The `kms:ViaService` value of a service in a region, in that region's partition. */
export function viaService(service: 'backup' | 'dynamodb' | string, region: string): string {
  return `${service}.${region}.${dnsSuffixOf(region)}`;
}
