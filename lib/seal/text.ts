import type { Drift, PolicyName, PolicyState, SealState } from './state';

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
      return `${label}: DRIFTED: ${driftSummary(name, state.drift)}`;
  }
}

/** Why a policy drifted, in one line. */
export function driftSummary(name: PolicyName, drift: Drift): string {
  switch (drift.why) {
    case 'missing':
      return `the ${name === 'vault' ? 'vault has no access policy' : 'key has no key policy'}`;
    case 'unreadable':
      return `the ${name} policy is ${drift.problem}`;
    case 'unlike-its-opening':
      return `the ${name} policy holds a break-glass opening for ${drift.opening.principalArn}, but differs from what open writes for it`;
    case 'unlike-the-baseline':
      return `the ${name} policy differs from the baseline`;
  }
}

/** What a drifted policy's diff compares against. */
export function comparedWith(drift: Drift): string {
  switch (drift.why) {
    case 'unreadable':
      return 'nothing';
    case 'unlike-its-opening':
      return `the opening for ${drift.opening.principalArn} until ${drift.opening.expiry}`;
    default:
      return 'the baseline';
  }
}
