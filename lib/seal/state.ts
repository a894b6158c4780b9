import type { Opening } from './opening';

export type PolicyName = 'vault' | 'key';

/** What one deployed policy is, compared with the baseline. */
export type PolicyState =
  | { readonly kind: 'sealed' }
  | { readonly kind: 'open'; readonly opening: Opening }
  | {
      readonly kind: 'drifted';
      readonly drift: Drift;
      /** Against the baseline, or against the opening the policy claims to be (see `Drift`). */
      readonly diff: readonly string[];
    };

/** Why a policy is neither the baseline nor an opening; the diff compares against what follows from it. */
export type Drift =
  /** There is no policy (a vault without access policy): the diff is against the baseline. */
  | { readonly why: 'missing' }
  /** The text is no policy (`problem`: why): there is nothing to compare it with. */
  | { readonly why: 'unreadable'; readonly problem: string }
  /** It names an opening but differs from what open writes for it: the diff is against that. */
  | { readonly why: 'unlike-its-opening'; readonly opening: Opening }
  /** It differs from the baseline. */
  | { readonly why: 'unlike-the-baseline' };

export interface PolicyStates {
  readonly vault: PolicyState;
  readonly key: PolicyState;
}

/**
 * The seal of the SSN data: both policies the baseline, both carrying the same opening (before or
 * after its expiry), or anything else. Break-glass and doctor read the same value; the text and
 * JSON forms are made from `kind` where they are printed.
 */
export type SealState =
  | { readonly kind: 'sealed' }
  | { readonly kind: 'open' | 'expired'; readonly opening: Opening }
  | { readonly kind: 'drifted'; readonly policies: PolicyStates };
