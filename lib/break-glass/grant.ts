import { RESTORE_AND_COPY_OUT_ACTIONS } from '../policies/vault-statements';
import { KEY_MATERIAL_ACTIONS } from '../policies/key-statements';
import { SID } from '../policies/sids';
import { decodeSidText, encodeSidText } from './sid-text';
import type { PolicyPair } from './baseline';
import type { ConditionJson, PolicyJson, StatementJson } from '../policies/policy-json';

/**
 * One temporary opening: who, until when, why.
 *
 * How an opening is written (and read back by `status`):
 * - each break-glass DENY (`DenyEmergencyRestoreOperations`, `DenySSNKeyDecryptOperations`) keeps
 *   its Sid and gains `ArnNotEquals aws:PrincipalArn <principal>`: it keeps applying to everyone
 *   else, at any time;
 * - a copy of it, Sid `<Sid>AfterExpiry`, applies to the principal alone (`ArnEquals`) from the
 *   expiry on (`DateGreaterThanEquals aws:CurrentTime <expiry>`): the access ends by itself;
 * - ALLOW statements for the principal until the expiry (`DateLessThan aws:CurrentTime <expiry>`):
 *   `BreakGlassRestoreAccess…` on the vault (restore and its metadata), `BreakGlassDecryptAccess…`
 *   on the key (the key-material actions the DENY lists, and DescribeKey);
 * - `BreakGlassDenyCopyOut` on the vault: the principal may restore, never copy recovery points out.
 * `DateLessThan` and `DateGreaterThanEquals` on the same instant leave no moment uncovered.
 * Policies have no free-text field, so the reason is stored in the Sid of both ALLOW statements,
 * hex-encoded (Sids accept only letters and digits): `BreakGlassRestoreAccess<hex of the reason>`.
 */
export interface Grant {
  /** The IAM role ARN, as `aws:PrincipalArn` carries it (with its path). */
  readonly principalArn: string;
  /** ISO 8601 UTC, to the second: `2030-01-01T12:00:00Z`. */
  readonly expiry: string;
  readonly reason: string;
}

export const BREAK_GLASS_SID = {
  restoreAccess: 'BreakGlassRestoreAccess',
  decryptAccess: 'BreakGlassDecryptAccess',
  denyCopyOut: 'BreakGlassDenyCopyOut',
  denyGrants: 'BreakGlassDenyGrants',
  afterExpirySuffix: 'AfterExpiry',
} as const;

/** Restore needs these two; copies out of the vault stay denied to everyone. */
export const RESTORE_ACTIONS = ['backup:StartRestoreJob', 'backup:GetRecoveryPointRestoreMetadata'] as const;
export const COPY_OUT_ACTIONS = RESTORE_AND_COPY_OUT_ACTIONS.filter(
  (a) => !(RESTORE_ACTIONS as readonly string[]).includes(a),
);
/**
 * What the principal may do with the key during the window: decrypt and data keys, but no grant of
 * its own. A grant would outlive the expiry and `close`, so grants stay denied unless a service
 * makes them for an AWS resource (as a restore through DynamoDB does).
 */
export const DECRYPT_ACTIONS = [
  'kms:DescribeKey',
  ...KEY_MATERIAL_ACTIONS.filter((a) => a !== 'kms:CreateGrant'),
];

const PRINCIPAL_ARN = 'aws:PrincipalArn';
const CURRENT_TIME = 'aws:CurrentTime';

/** Copies a statement with conditions added; an operator already present on the key is refused. */
function withConditions(statement: StatementJson, added: ConditionJson): StatementJson {
  const condition: Record<string, ConditionJson[string]> = {};
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) condition[operator] = { ...keys };
  for (const [operator, keys] of Object.entries(added)) {
    for (const [key, value] of Object.entries(keys)) {
      if (condition[operator]?.[key] !== undefined) {
        throw new Error(
          `statement ${statement.Sid ?? '(no Sid)'} already has a ${operator} condition on ${key}: cannot add the break-glass exemption safely`,
        );
      }
      condition[operator] = { ...condition[operator], [key]: value };
    }
  }
  return sortKeys({ ...statement, Condition: condition });
}

/** Statement elements in the order the CDK writes them (alphabetical), so the output reads alike. */
function sortKeys(statement: StatementJson): StatementJson {
  return Object.fromEntries(
    Object.entries(statement).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ) as StatementJson;
}

/** The DENY, split: everyone but the principal always; the principal from the expiry on. */
function exemptUntilExpiry(deny: StatementJson, grant: Grant): StatementJson[] {
  return [
    withConditions(deny, { ArnNotEquals: { [PRINCIPAL_ARN]: grant.principalArn } }),
    withConditions(
      { ...deny, Sid: `${deny.Sid}${BREAK_GLASS_SID.afterExpirySuffix}` },
      {
        ArnEquals: { [PRINCIPAL_ARN]: grant.principalArn },
        DateGreaterThanEquals: { [CURRENT_TIME]: grant.expiry },
      },
    ),
  ];
}

function allowUntilExpiry(sid: string, actions: readonly string[], grant: Grant): StatementJson {
  return {
    Action: [...actions],
    Condition: { DateLessThan: { [CURRENT_TIME]: grant.expiry } },
    Effect: 'Allow',
    Principal: { AWS: grant.principalArn },
    Resource: '*',
    Sid: `${sid}${encodeSidText(grant.reason)}`,
  };
}

function replaceDeny(policy: PolicyJson, denySid: string, grant: Grant, extra: StatementJson[]): PolicyJson {
  const matches = policy.Statement.filter((s) => s.Sid === denySid && s.Effect === 'Deny');
  if (matches.length !== 1) {
    throw new Error(`the baseline policy must hold exactly one DENY with Sid ${denySid}`);
  }
  const statements = policy.Statement.flatMap((s) => (s === matches[0] ? exemptUntilExpiry(s, grant) : [s]));
  return { ...policy, Statement: [...statements, ...extra] };
}

export function openVaultPolicy(baseline: PolicyJson, grant: Grant): PolicyJson {
  return replaceDeny(baseline, SID.denyEmergencyRestoreOperations, grant, [
    allowUntilExpiry(BREAK_GLASS_SID.restoreAccess, RESTORE_ACTIONS, grant),
    {
      Action: [...COPY_OUT_ACTIONS],
      Condition: { ArnEquals: { [PRINCIPAL_ARN]: grant.principalArn } },
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Resource: '*',
      Sid: BREAK_GLASS_SID.denyCopyOut,
    },
  ]);
}

export function openKeyPolicy(baseline: PolicyJson, grant: Grant): PolicyJson {
  return replaceDeny(baseline, SID.denySsnKeyDecryptOperations, grant, [
    allowUntilExpiry(BREAK_GLASS_SID.decryptAccess, DECRYPT_ACTIONS, grant),
    {
      Action: 'kms:CreateGrant',
      Condition: {
        ArnEquals: { [PRINCIPAL_ARN]: grant.principalArn },
        BoolIfExists: { 'kms:GrantIsForAWSResource': 'false' },
      },
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Resource: '*',
      Sid: BREAK_GLASS_SID.denyGrants,
    },
  ]);
}

/** The opened pair, always built from the baseline: opening twice never stacks statements. */
export function openPolicies(baseline: PolicyPair, grant: Grant): PolicyPair {
  return { vault: openVaultPolicy(baseline.vault, grant), key: openKeyPolicy(baseline.key, grant) };
}

/**
 * Reads the grant that a deployed policy claims to carry, from its ALLOW statement (principal,
 * expiry condition, reason in the Sid). Undefined when there is none or it is malformed; whether
 * the rest of the policy matches is checked by rebuilding it (see inspect).
 */
export function grantCandidate(policy: PolicyJson, allowSidPrefix: string): Grant | undefined {
  const allows = policy.Statement.filter(
    (s) => s.Effect === 'Allow' && typeof s.Sid === 'string' && s.Sid.startsWith(allowSidPrefix),
  );
  if (allows.length !== 1) return undefined;
  const [allow] = allows;
  const principal = allow.Principal === '*' ? undefined : allow.Principal?.AWS;
  const expiry = allow.Condition?.DateLessThan?.[CURRENT_TIME];
  const reason = decodeSidText((allow.Sid as string).slice(allowSidPrefix.length));
  if (typeof principal !== 'string' || typeof expiry !== 'string' || !reason) return undefined;
  return { principalArn: principal, expiry, reason };
}

export function sameGrant(a: Grant, b: Grant): boolean {
  return a.principalArn === b.principalArn && a.expiry === b.expiry && a.reason === b.reason;
}
