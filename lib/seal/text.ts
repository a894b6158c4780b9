import type { PolicyName, PolicyState } from './state';

/** One line per policy: what it is (break-glass and doctor print the same line). */
export function describePolicyState(name: PolicyName, state: PolicyState): string {
  const label = name === 'vault' ? 'SSN vault access policy' : 'SSN key policy';
  switch (state.kind) {
    case 'sealed':
      return `${label}: sealed (same as the baseline)`;
    case 'open':
      return `${label}: open for ${state.opening.principalArn} until ${state.opening.expiry}`;
    case 'drifted':
      return `${label}: DRIFTED: ${state.summary}`;
  }
}
