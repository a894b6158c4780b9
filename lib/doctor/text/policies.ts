import { describePolicyState, driftSummary } from '../../seal/text';
import type { GeneralPoliciesCheck, PoliciesUnread, SsnPoliciesCheck } from '../checks/policies';
import type { ExpectedDestination } from '../expected';
import type { CheckText } from './check-text';
import { failureText } from './words';

function unreadText(unread: PoliciesUnread, d: ExpectedDestination): string {
  return unread.kind === 'no-key'
    ? `no key of ${d.vaultName} to read the policy of`
    : `cannot be read: ${failureText(unread.failure)}`;
}

export function ssnPoliciesText({ destination: d, finding }: SsnPoliciesCheck): CheckText {
  const title = `${d.heading} policies (break-glass)`;
  if (finding.kind !== 'seal') return { title, summary: unreadText(finding, d), details: [] };
  const { seal } = finding;
  switch (seal.kind) {
    case 'sealed':
      return { title, summary: 'SEALED: the vault and key policies are the baseline', details: [] };
    case 'open': {
      const { principalArn, expiry, reason } = seal.opening;
      return {
        title,
        summary: `OPEN for ${principalArn} until ${expiry} (reason: ${reason}); run break-glass close when the restore is done`,
        details: [],
      };
    }
    case 'expired': {
      const { principalArn, expiry } = seal.opening;
      return {
        title,
        summary: `EXPIRED: the opening for ${principalArn} ended at ${expiry}; its statements remain: run break-glass close`,
        details: [],
      };
    }
    case 'drifted':
      return {
        title,
        summary:
          'DRIFTED: neither the baseline nor an opening of the break-glass tool; break-glass status shows the diff',
        details: [
          describePolicyState('vault', seal.policies.vault),
          describePolicyState('key', seal.policies.key),
        ],
      };
  }
}

export function generalPoliciesText({ destination: d, finding }: GeneralPoliciesCheck): CheckText {
  const title = `${d.heading} policies`;
  if (finding.kind !== 'policies') return { title, summary: unreadText(finding, d), details: [] };
  const { drifted } = finding;
  if (drifted.length === 0)
    return { title, summary: "the vault and key policies are the stack's", details: [] };
  return {
    title,
    summary: `DRIFTED: ${drifted.map((s) => `the ${s.name} policy`).join(' and ')} differ from the stack's; redeploy the stack to restore them`,
    details: drifted.map((s) => (s.state.kind === 'drifted' ? driftSummary(s.name, s.state.drift) : s.name)),
  };
}
