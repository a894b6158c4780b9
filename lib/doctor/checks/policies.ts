import { baselinePolicies } from '../../seal/baseline';
import { inspect, inspectPolicy } from '../../seal/inspect';
import type { PolicyName } from '../../seal/state';
import { describePolicyState, driftSummary, SEAL_NAME } from '../../seal/text';
import { keyPolicy, vaultPolicy } from '../../policies/documents';
import type { PolicyJson } from '../../policies/policy-json';
import { readFailure } from '../aws-errors';
import type { DoctorAws } from '../aws';
import type { ExpectedDestination } from '../expected';
import type { CheckResult, DoctorContext } from '../types';

export interface PolicyFacts {
  /** SEALED, OPEN, EXPIRED or DRIFTED for the SSN side (as `break-glass status` says); SEALED or DRIFTED for the general side. */
  readonly state: string;
  readonly principalArn?: string;
  readonly expiry?: string;
}

interface Deployed {
  readonly vault: string | undefined;
  readonly key: string | undefined;
}

/** Both deployed policies, or why they could not be read. */
async function readPolicies(
  aws: Pick<DoctorAws, 'getVaultPolicy' | 'getKeyPolicy'>,
  d: ExpectedDestination,
  keyArn: string | undefined,
): Promise<Deployed | { readonly failure: string }> {
  if (keyArn === undefined) return { failure: `no key of ${d.vaultName} to read the policy of` };
  try {
    const vault = await aws.getVaultPolicy(d.vaultName);
    const key = await aws.getKeyPolicy(keyArn);
    return { vault, key };
  } catch (error) {
    return { failure: `cannot be read: ${readFailure(error)}` };
  }
}

/**
 * The SSN vault and key policies compared with the baseline, exactly as `break-glass status` does
 * (same builders, same comparison): SEALED passes, an opening warns (it is deliberate and ends by
 * itself), DRIFTED fails. The key is the SSN vault's own key.
 */
export async function checkSsnPolicies(
  aws: Pick<DoctorAws, 'getVaultPolicy' | 'getKeyPolicy'>,
  ctx: DoctorContext,
  d: ExpectedDestination,
  keyArn: string | undefined,
): Promise<CheckResult<PolicyFacts>> {
  const base = { id: `policies:${d.kind}`, title: `${d.heading} policies (break-glass)` };
  const deployed = await readPolicies(aws, d, keyArn);
  if ('failure' in deployed) return { ...base, status: 'FAIL', summary: deployed.failure, details: [] };
  const result = inspect(deployed, baselinePolicies(ctx.config), ctx.now);
  switch (result.kind) {
    case 'sealed':
      return {
        ...base,
        status: 'PASS',
        summary: 'SEALED: the vault and key policies are the baseline',
        details: [],
        facts: { state: 'SEALED' },
      };
    case 'open':
    case 'expired': {
      const { principalArn, expiry, reason } = result.opening;
      const summary =
        result.kind === 'open'
          ? `OPEN for ${principalArn} until ${expiry} (reason: ${reason}); run break-glass close when the restore is done`
          : `EXPIRED: the opening for ${principalArn} ended at ${expiry}; its statements remain: run break-glass close`;
      return {
        ...base,
        status: 'WARN',
        summary,
        details: [],
        facts: { state: SEAL_NAME[result.kind], principalArn, expiry },
      };
    }
    case 'drifted':
      return {
        ...base,
        status: 'FAIL',
        summary:
          'DRIFTED: neither the baseline nor an opening of the break-glass tool; break-glass status shows the diff',
        details: [
          describePolicyState('vault', result.policies.vault),
          describePolicyState('key', result.policies.key),
        ],
        facts: { state: 'DRIFTED' },
      };
  }
}

/** The general vault and key policies are those the stack deploys (there is no opening on this side). */
export async function checkGeneralPolicies(
  aws: Pick<DoctorAws, 'getVaultPolicy' | 'getKeyPolicy'>,
  ctx: DoctorContext,
  d: ExpectedDestination,
  keyArn: string | undefined,
): Promise<CheckResult<PolicyFacts>> {
  const base = { id: `policies:${d.kind}`, title: `${d.heading} policies` };
  const deployed = await readPolicies(aws, d, keyArn);
  if ('failure' in deployed) return { ...base, status: 'FAIL', summary: deployed.failure, details: [] };
  const expected: Record<PolicyName, PolicyJson> = {
    vault: vaultPolicy(d.kind, ctx.config),
    key: keyPolicy(d.kind, ctx.config),
  };
  const states = (['vault', 'key'] as const).map((name) => ({
    name,
    state: inspectPolicy(name, deployed[name], expected[name]),
  }));
  const drifted = states.filter((s) => s.state.kind !== 'sealed');
  if (drifted.length === 0)
    return {
      ...base,
      status: 'PASS',
      summary: "the vault and key policies are the stack's",
      details: [],
      facts: { state: 'SEALED' },
    };
  return {
    ...base,
    status: 'FAIL',
    summary: `DRIFTED: ${drifted.map((s) => `the ${s.name} policy`).join(' and ')} differ from the stack's; redeploy the stack to restore them`,
    details: drifted.map((s) => (s.state.kind === 'drifted' ? driftSummary(s.name, s.state.drift) : s.name)),
    facts: { state: 'DRIFTED' },
  };
}
