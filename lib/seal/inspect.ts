import type { Baseline } from './baseline';
import { lineDiff } from './diff';
import { openedKeyPolicy, openedVaultPolicy } from '../policies/break-glass-statements';
import { SID } from '../policies/sids';
import { hasExpired, type Opening, openingCandidate, sameOpening } from './opening';
import type { PolicyName, PolicyState, SealState } from './state';
import {
  canonicalText,
  parsePolicy,
  PolicyFormatError,
  type PolicyJson,
  samePolicy,
} from '../policies/policy-json';

type Opener = (baseline: PolicyJson, opening: Opening, viaServices: readonly string[]) => PolicyJson;
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
 * what `open` writes for the opening its ALLOW statement names, and drifted otherwise.
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
      kind: 'drifted',
      drift: { why: 'missing' },
      diff: policyDiff(undefined, baseline),
    };
  }
  let deployed: PolicyJson;
  try {
    deployed = parsePolicy(deployedText);
  } catch (error) {
    if (!(error instanceof PolicyFormatError)) throw error;
    return {
      kind: 'drifted',
      drift: { why: 'unreadable', problem: error.message },
      diff: [],
    };
  }
  if (samePolicy(deployed, baseline)) return { kind: 'sealed' };
  const opener = OPENERS[name];
  const opening = openingCandidate(deployed, opener.allowSid);
  if (opening) {
    let expected: PolicyJson | undefined;
    try {
      expected = opener.open(baseline, opening, openingViaServices);
    } catch {
      expected = undefined;
    }
    if (expected && samePolicy(deployed, expected)) return { kind: 'open', opening };
    if (expected) {
      return {
        kind: 'drifted',
        drift: { why: 'unlike-its-opening', opening },
        diff: policyDiff(expected, deployed),
      };
    }
  }
  return {
    kind: 'drifted',
    drift: { why: 'unlike-the-baseline' },
    diff: policyDiff(baseline, deployed),
  };
}

/** The seal at `now`: an opening counts only when both policies carry the same one. */
export function inspect(
  deployed: { readonly vault: string | undefined; readonly key: string | undefined },
  baseline: Baseline,
  now: Date,
): SealState {
  const vault = inspectPolicy('vault', deployed.vault, baseline.vault);
  const key = inspectPolicy('key', deployed.key, baseline.key, baseline.openingViaServices);
  if (vault.kind === 'sealed' && key.kind === 'sealed') return { kind: 'sealed' };
  if (vault.kind === 'open' && key.kind === 'open' && sameOpening(vault.opening, key.opening)) {
    return { kind: hasExpired(vault.opening, now) ? 'expired' : 'open', opening: vault.opening };
  }
  return { kind: 'drifted', policies: { vault, key } };
}
