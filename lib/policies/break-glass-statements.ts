import { RESTORE_KEY_ACTIONS, SEALED_KEY_ACTIONS } from './key-statements';
import { viaService } from './partition';
import { type ConditionJson, type PolicyJson, statement, type StatementJson } from './policy-json';
import { SID } from './sids';
import { denyAnyPrincipal, RESTORE_AND_COPY_OUT_ACTIONS } from './vault-statements';

/**
 * The statements a break-glass opening adds to the SSN policies, one pure builder each, from the
 * same action lists as the baseline.
 *
 * - each break-glass DENY (`DenyEmergencyRestoreOperations`, `DenySSNKeyUseInBackupAccount`) keeps
 *   its Sid and gains `ArnNotEquals aws:PrincipalArn <principal>`: it keeps applying to everyone
 *   else, at any time. The other DENYs stay as they are for the principal too: no scan, search or
 *   index of recovery points (`DenySSNRecoveryPointDataAccess`), no direct use of the key
 *   (`DenySSNKeyDecryptOperations`: the principal uses it only through AWS Backup or DynamoDB), no
 *   grant of its own (`DenyGrantsNotForAWSServices`, CT.KMS.PR.3);
 * - a copy of it, Sid `<Sid>AfterExpiry`, applies to the principal alone (`ArnEquals`) from the
 *   expiry on (`DateGreaterThanEquals aws:CurrentTime <expiry>`): the access ends by itself;
 * - ALLOW statements for the principal until the expiry (`DateLessThan aws:CurrentTime <expiry>`):
 *   `BreakGlassRestoreAccess…` on the vault (restore and its metadata), `BreakGlassDecryptAccess…`
 *   on the key (what a DynamoDB restore needs of it, only through AWS Backup or DynamoDB in the
 *   backup region);
 * - `BreakGlassDenyCopyOut` on the vault: the principal may restore, never copy recovery points out;
 * - `BreakGlassDenyOtherKeyPaths` on the key: the principal uses the key material only through AWS
 *   Backup or DynamoDB in the backup region, never directly nor through another service, even
 *   during the window.
 * No grant DENY of its own (a grant would outlive the opening): the baseline's
 * `DenyGrantsNotForAWSServices` and `DenySSNKeyDecryptOperations`, which an opening leaves as they
 * are, and `BreakGlassDenyOtherKeyPaths` deny the principal every grant that no service makes for an
 * AWS resource, at any time.
 * `DateLessThan` and `DateGreaterThanEquals` on the same instant leave no moment uncovered.
 * Policies have no free-text field, so the reason is stored in the Sid of both ALLOW statements,
 * hex-encoded (Sids accept only letters and digits): `BreakGlassRestoreAccess<hex of the reason>`.
 */
export interface Opening {
  /** The IAM role ARN, as `aws:PrincipalArn` carries it (with its path). */
  readonly principalArn: string;
  /** ISO 8601 UTC, to the second: `2030-01-01T12:00:00Z`. */
  readonly expiry: string;
  readonly reason: string;
}

/** Restore needs these two; copies out of the vault stay denied to everyone. */
export const RESTORE_ACTIONS = ['backup:StartRestoreJob', 'backup:GetRecoveryPointRestoreMetadata'] as const;
export const COPY_OUT_ACTIONS = RESTORE_AND_COPY_OUT_ACTIONS.filter(
  (a) => !(RESTORE_ACTIONS as readonly string[]).includes(a),
);
/**
 * What the principal may do with the key during the window, through AWS Backup or DynamoDB: what a
 * DynamoDB restore does with its key (AWS's `AWSBackupServiceRolePolicyForRestores`). Grants only
 * as a service makes them for an AWS resource, under the principal's own IAM policy.
 */
export const DECRYPT_ACTIONS = ['kms:DescribeKey', ...RESTORE_KEY_ACTIONS] as const;

/** AWS Backup and DynamoDB in the backup region: the only paths by which an opening uses the SSN key. */
export function breakGlassViaServices(region: string): string[] {
  return ['backup', 'dynamodb'].map((service) => viaService(service, region));
}

export const PRINCIPAL_ARN = 'aws:PrincipalArn';
export const CURRENT_TIME = 'aws:CurrentTime';

/**
 * Statement IDs accept only ASCII letters and digits, so free text (the reason for an opening) is
 * stored in a Sid as the hexadecimal form of its UTF-8 bytes.
 */
export function encodeSidText(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex');
}

/** The text back; undefined when the Sid part is not the hex of UTF-8 text. */
export function decodeSidText(encoded: string): string | undefined {
  if (!/^(?:[0-9a-f]{2})*$/.test(encoded)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(encoded, 'hex'));
  } catch {
    return undefined;
  }
}

function allowUntilExpiry(
  sid: string,
  actions: readonly string[],
  opening: Opening,
  conditions: ConditionJson = {},
): StatementJson {
  return statement({
    Sid: `${sid}${encodeSidText(opening.reason)}`,
    Effect: 'Allow',
    Principal: { AWS: opening.principalArn },
    Action: actions,
    Resource: '*',
    Condition: { DateLessThan: { [CURRENT_TIME]: opening.expiry }, ...conditions },
  });
}

function denyToPrincipal(
  sid: string,
  actions: readonly string[],
  principalArn: string,
  conditions: ConditionJson = {},
): StatementJson {
  return denyAnyPrincipal(sid, actions, { ArnEquals: { [PRINCIPAL_ARN]: principalArn }, ...conditions });
}

/** The principal may restore from the vault, and read restore metadata, until the expiry. */
export function allowBreakGlassRestore(opening: Opening): StatementJson {
  return allowUntilExpiry(SID.breakGlassRestoreAccess, RESTORE_ACTIONS, opening);
}

/**
 * The principal may use the key until the expiry, only through the given services (AWS Backup and
 * DynamoDB in the backup region: `kms:ViaService`).
 */
export function allowBreakGlassDecrypt(opening: Opening, viaServices: readonly string[]): StatementJson {
  return allowUntilExpiry(SID.breakGlassDecryptAccess, DECRYPT_ACTIONS, opening, {
    StringEquals: { 'kms:ViaService': [...viaServices] },
  });
}

/** The principal never copies recovery points out of the vault, even during the window. */
export function denyBreakGlassCopyOut(principalArn: string): StatementJson {
  return denyToPrincipal(SID.breakGlassDenyCopyOut, COPY_OUT_ACTIONS, principalArn);
}

/**
 * The principal uses the key material only through the given services (`StringNotEquals
 * kms:ViaService`, true also when the key is absent: a direct call), even during the window: the
 * opening's exemption from `DenySSNKeyUseInBackupAccount` covers every path, this narrows it.
 */
export function denyBreakGlassOtherKeyPaths(
  principalArn: string,
  viaServices: readonly string[],
): StatementJson {
  return denyToPrincipal(SID.breakGlassDenyOtherKeyPaths, SEALED_KEY_ACTIONS, principalArn, {
    StringNotEquals: { 'kms:ViaService': [...viaServices] },
  });
}

/** Copies a statement with conditions added; an operator already present on the key is refused. */
function withConditions(baseline: StatementJson, added: ConditionJson): StatementJson {
  const condition: Record<string, ConditionJson[string]> = {};
  for (const [operator, keys] of Object.entries(baseline.Condition ?? {})) condition[operator] = { ...keys };
  for (const [operator, keys] of Object.entries(added)) {
    for (const [key, value] of Object.entries(keys)) {
      if (condition[operator]?.[key] !== undefined) {
        throw new Error(
          `statement ${baseline.Sid ?? '(no Sid)'} already has a ${operator} condition on ${key}: cannot add the break-glass exemption safely`,
        );
      }
      condition[operator] = { ...condition[operator], [key]: value };
    }
  }
  return sortKeys({ ...baseline, Condition: condition });
}

/** Statement elements in the order the CDK writes them (alphabetical), so the output reads alike. */
function sortKeys(statement: StatementJson): StatementJson {
  return Object.fromEntries(
    Object.entries(statement).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ) as StatementJson;
}

/** The baseline DENY, for everyone but the principal. */
export function exemptFromDeny(deny: StatementJson, principalArn: string): StatementJson {
  return withConditions(deny, { ArnNotEquals: { [PRINCIPAL_ARN]: principalArn } });
}

/** The baseline DENY's copy for the principal alone, from the expiry on (`<Sid>AfterExpiry`). */
export function denyAfterExpiry(deny: StatementJson, opening: Opening): StatementJson {
  return withConditions(
    { ...deny, Sid: `${deny.Sid}${SID.afterExpirySuffix}` },
    {
      ArnEquals: { [PRINCIPAL_ARN]: opening.principalArn },
      DateGreaterThanEquals: { [CURRENT_TIME]: opening.expiry },
    },
  );
}

/** Replaces the one DENY `denySid` by its two halves and appends `extra`. */
function openDeny(policy: PolicyJson, denySid: string, opening: Opening, extra: StatementJson[]): PolicyJson {
  const matches = policy.Statement.filter((s) => s.Sid === denySid && s.Effect === 'Deny');
  if (matches.length !== 1) {
    throw new Error(`the baseline policy must hold exactly one DENY with Sid ${denySid}`);
  }
  const statements = policy.Statement.flatMap((s) =>
    s === matches[0] ? [exemptFromDeny(s, opening.principalArn), denyAfterExpiry(s, opening)] : [s],
  );
  return { ...policy, Statement: [...statements, ...extra] };
}

/** The SSN vault's access policy during an opening, from its baseline. */
export function openedVaultPolicy(baseline: PolicyJson, opening: Opening): PolicyJson {
  return openDeny(baseline, SID.denyEmergencyRestoreOperations, opening, [
    allowBreakGlassRestore(opening),
    denyBreakGlassCopyOut(opening.principalArn),
  ]);
}

/**
 * The SSN key's policy during an opening, from its baseline: the principal may use the key through
 * `viaServices` (AWS Backup and DynamoDB in the backup region) until the expiry.
 */
export function openedKeyPolicy(
  baseline: PolicyJson,
  opening: Opening,
  viaServices: readonly string[],
): PolicyJson {
  return openDeny(baseline, SID.denySsnKeyUseInBackupAccount, opening, [
    allowBreakGlassDecrypt(opening, viaServices),
    denyBreakGlassOtherKeyPaths(opening.principalArn, viaServices),
  ]);
}
