import {
  CURRENT_TIME,
  decodeSidText,
  type Grant,
  openedKeyPolicy,
  openedVaultPolicy,
} from '../policies/break-glass-statements';
import type { PolicyJson } from '../policies/policy-json';
import type { Baseline, PolicyPair } from './baseline';

export type { Grant } from '../policies/break-glass-statements';

/** The opened pair, always built from the baseline: opening twice never stacks statements. */
export function openPolicies(baseline: Baseline, grant: Grant): PolicyPair {
  return {
    vault: openedVaultPolicy(baseline.vault, grant),
    key: openedKeyPolicy(baseline.key, grant, baseline.openingViaServices),
  };
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
