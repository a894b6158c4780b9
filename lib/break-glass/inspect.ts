import type { Baseline } from './baseline';
import { lineDiff } from './diff';
import { type Grant, openedKeyPolicy, openedVaultPolicy } from '../policies/break-glass-statements';
import { SID } from '../policies/sids';
import { grantCandidate, sameGrant } from './grant';
import {
  canonicalText,
  parsePolicy,
  PolicyFormatError,
  type PolicyJson,
  samePolicy,
} from '../policies/policy-json';

export type PolicyName = 'vault' | 'key';

/** What one deployed policy is, compared with the baseline. */
export type PolicyState =
  | { readonly state: 'sealed' }
  | { readonly state: 'open'; readonly grant: Grant }
  | {
      readonly state: 'drifted';
      /** Why, in one line. */
      readonly summary: string;
      /** What the diff compares against: the baseline, or the opening the policy claims to be. */
      readonly comparedWith: string;
      readonly diff: readonly string[];
    };

/** What the pair of SSN policies is, as `status` reports it. */
export type Inspection =
  | { readonly state: 'SEALED' }
  | { readonly state: 'OPEN' | 'EXPIRED'; readonly grant: Grant }
  | { readonly state: 'DRIFTED'; readonly vault: PolicyState; readonly key: PolicyState };

type Opener = (baseline: PolicyJson, grant: Grant, viaServices: readonly string[]) => PolicyJson;
const OPENERS: Record<PolicyName, { allowSid: string; open: Opener }> = {
  vault: { allowSid: SID.breakGlassRestoreAccess, open: openedVaultPolicy },
  key: { allowSid: SID.breakGlassDecryptAccess, open: openedKeyPolicy },
};

/** A readable diff: statements ordered by Sid, keys sorted, two-space indentation. */
export function policyDiff(before: PolicyJson | undefined, after: PolicyJson): string[] {
  return lineDiff(before === undefined ? '' : canonicalText(before, 2), canonicalText(after, 2));
}

/**
 * A deployed policy is sealed when it means the same as the baseline, open when it means exactly
 * what `open` writes for the grant its ALLOW statement names, and drifted otherwise.
 * `openingViaServices`: the SSN key's (`Baseline`); none where no opening is expected.
 */
export function inspectPolicy(
  name: PolicyName,
  deployedText: string | undefined,
  baseline: PolicyJson,
  openingViaServices: readonly string[] = [],
): PolicyState {
  if (deployedText === undefined) {
    return {
      state: 'drifted',
      summary: `the ${name === 'vault' ? 'vault has no access policy' : 'key has no key policy'}`,
      comparedWith: 'the baseline',
      diff: policyDiff(undefined, baseline),
    };
  }
  let deployed: PolicyJson;
  try {
    deployed = parsePolicy(deployedText);
  } catch (error) {
    if (!(error instanceof PolicyFormatError)) throw error;
    return {
      state: 'drifted',
      summary: `the ${name} policy is ${error.message}`,
      comparedWith: 'nothing',
      diff: [],
    };
  }
  if (samePolicy(deployed, baseline)) return { state: 'sealed' };
  const opener = OPENERS[name];
  const grant = grantCandidate(deployed, opener.allowSid);
  if (grant) {
    let expected: PolicyJson | undefined;
    try {
      expected = opener.open(baseline, grant, openingViaServices);
    } catch {
      expected = undefined;
    }
    if (expected && samePolicy(deployed, expected)) return { state: 'open', grant };
    if (expected) {
      return {
        state: 'drifted',
        summary: `the ${name} policy holds a break-glass opening for ${grant.principalArn}, but differs from what open writes for it`,
        comparedWith: `the opening for ${grant.principalArn} until ${grant.expiry}`,
        diff: policyDiff(expected, deployed),
      };
    }
  }
  return {
    state: 'drifted',
    summary: `the ${name} policy differs from the baseline`,
    comparedWith: 'the baseline',
    diff: policyDiff(baseline, deployed),
  };
}

/** The state of the pair at `now`: an opening counts only when both policies carry the same one. */
export function inspect(
  deployed: { readonly vault: string | undefined; readonly key: string | undefined },
  baseline: Baseline,
  now: Date,
): Inspection {
  const vault = inspectPolicy('vault', deployed.vault, baseline.vault);
  const key = inspectPolicy('key', deployed.key, baseline.key, baseline.openingViaServices);
  if (vault.state === 'sealed' && key.state === 'sealed') return { state: 'SEALED' };
  if (vault.state === 'open' && key.state === 'open' && sameGrant(vault.grant, key.grant)) {
    return { state: hasExpired(vault.grant, now) ? 'EXPIRED' : 'OPEN', grant: vault.grant };
  }
  return { state: 'DRIFTED', vault, key };
}

export function hasExpired(grant: Grant, now: Date): boolean {
  return now.getTime() >= Date.parse(grant.expiry);
}

/** One line per policy: what it is. */
export function describePolicyState(name: PolicyName, state: PolicyState): string {
  const label = name === 'vault' ? 'SSN vault access policy' : 'SSN key policy';
  switch (state.state) {
    case 'sealed':
      return `${label}: sealed (same as the baseline)`;
    case 'open':
      return `${label}: open for ${state.grant.principalArn} until ${state.grant.expiry}`;
    case 'drifted':
      return `${label}: DRIFTED: ${state.summary}`;
  }
}
