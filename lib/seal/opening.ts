import {
  CURRENT_TIME,
  decodeSidText,
  type Opening,
  openedKeyPolicy,
  openedVaultPolicy,
} from '../policies/break-glass-statements';
import type { PolicyJson } from '../policies/policy-json';
import type { Baseline, PolicyPair } from './baseline';

export type { Opening } from '../policies/break-glass-statements';

/** The opened pair, always built from the baseline: opening twice never stacks statements. */
export function openPolicies(baseline: Baseline, opening: Opening): PolicyPair {
  return {
    vault: openedVaultPolicy(baseline.vault, opening),
    key: openedKeyPolicy(baseline.key, opening, baseline.openingViaServices),
  };
}

/**
 * Reads the opening that a deployed policy claims to carry, from its ALLOW statement (principal,
 * expiry condition, reason in the Sid). Undefined when there is none or it is malformed; whether
 * the rest of the policy matches is checked by rebuilding it (see inspect).
 */
export function openingCandidate(policy: PolicyJson, allowSidPrefix: string): Opening | undefined {
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

export function sameOpening(a: Opening, b: Opening): boolean {
  return a.principalArn === b.principalArn && a.expiry === b.expiry && a.reason === b.reason;
}

export function hasExpired(opening: Opening, now: Date): boolean {
  return now.getTime() >= Date.parse(opening.expiry);
}
