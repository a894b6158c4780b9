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

/** A policy's state as `status --json` prints it: `state` for `kind`, `grant` for `opening`. */
export type PolicyStateJson =
  | { readonly state: 'sealed' }
  | { readonly state: 'open'; readonly grant: Opening }
  | (Omit<Extract<PolicyState, { kind: 'drifted' }>, 'kind'> & { readonly state: 'drifted' });

export function policyStateJson(state: PolicyState): PolicyStateJson {
  switch (state.kind) {
    case 'sealed':
      return { state: 'sealed' };
    case 'open':
      return { state: 'open', grant: state.opening };
    case 'drifted':
      return { state: 'drifted', summary: state.summary, comparedWith: state.comparedWith, diff: state.diff };
  }
}
