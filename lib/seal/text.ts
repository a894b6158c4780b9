import type { PolicyName, PolicyState, SealState } from './state';

/** The seal's kinds as the tools name them: `break-glass status` and doctor's policy facts. */
export const SEAL_NAME: Readonly<Record<SealState['kind'], string>> = {
  sealed: 'SEALED',
  open: 'OPEN',
  expired: 'EXPIRED',
  drifted: 'DRIFTED',
};

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
