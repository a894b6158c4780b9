import type { Opening } from './opening';

export type PolicyName = 'vault' | 'key';

/** What one deployed policy is, compared with the baseline. */
export type PolicyState =
  | { readonly kind: 'sealed' }
  | { readonly kind: 'open'; readonly opening: Opening }
  | {
      readonly kind: 'drifted';
      /** Why, in one line. */
      readonly summary: string;
      /** What the diff compares against: the baseline, or the opening the policy claims to be. */
      readonly comparedWith: string;
      readonly diff: readonly string[];
    };

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
