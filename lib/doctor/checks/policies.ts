import { baselinePolicies } from '../../seal/baseline';
import { inspect, inspectPolicy } from '../../seal/inspect';
import type { PolicyName, PolicyState, SealState } from '../../seal/state';
import { SEAL_NAME } from '../../seal/text';
import { keyPolicy, vaultPolicy } from '../../policies/documents';
import type { PolicyJson } from '../../policies/policy-json';
import { unreadable } from '../aws-errors';
import type { DoctorAws } from '../aws';
import type { ExpectedDestination } from '../expected';
import type { Checked, DoctorContext, Unreadable } from '../types';

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

/** Why the policies could not be compared: no key to read the policy of, or a refused read. */
export type PoliciesUnread = { readonly kind: 'no-key' } | Unreadable;

export type SsnPoliciesCheck = Checked<
  'ssn-policies',
  PoliciesUnread | { readonly kind: 'seal'; readonly seal: SealState },
  PolicyFacts
> & { readonly destination: ExpectedDestination };

/** A policy that differs from the one the stack deploys. */
export interface DriftedPolicy {
  readonly name: PolicyName;
  readonly state: PolicyState;
}

export type GeneralPoliciesCheck = Checked<
  'general-policies',
  PoliciesUnread | { readonly kind: 'policies'; readonly drifted: readonly DriftedPolicy[] },
  PolicyFacts
> & { readonly destination: ExpectedDestination };

/** Both deployed policies, or why they could not be read. */
async function readPolicies(
  aws: Pick<DoctorAws, 'getVaultPolicy' | 'getKeyPolicy'>,
  d: ExpectedDestination,
  keyArn: string | undefined,
): Promise<Deployed | { readonly unread: PoliciesUnread }> {
  if (keyArn === undefined) return { unread: { kind: 'no-key' } };
  try {
    const vault = await aws.getVaultPolicy(d.vaultName);
    const key = await aws.getKeyPolicy(keyArn);
    return { vault, key };
  } catch (error) {
    return { unread: unreadable(error) };
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
): Promise<SsnPoliciesCheck> {
  const base = { check: 'ssn-policies', id: `policies:${d.kind}`, destination: d } as const;
  const deployed = await readPolicies(aws, d, keyArn);
  if ('unread' in deployed) return { ...base, status: 'FAIL', finding: deployed.unread };
  const seal = inspect(deployed, baselinePolicies(ctx.config), ctx.now);
  const finding = { kind: 'seal', seal } as const;
  switch (seal.kind) {
    case 'sealed':
      return { ...base, status: 'PASS', finding, facts: { state: 'SEALED' } };
    case 'open':
    case 'expired': {
      const { principalArn, expiry } = seal.opening;
      return {
        ...base,
        status: 'WARN',
        finding,
        facts: { state: SEAL_NAME[seal.kind], principalArn, expiry },
      };
    }
    case 'drifted':
      return { ...base, status: 'FAIL', finding, facts: { state: 'DRIFTED' } };
  }
}

/** The general vault and key policies are those the stack deploys (there is no opening on this side). */
export async function checkGeneralPolicies(
  aws: Pick<DoctorAws, 'getVaultPolicy' | 'getKeyPolicy'>,
  ctx: DoctorContext,
  d: ExpectedDestination,
  keyArn: string | undefined,
): Promise<GeneralPoliciesCheck> {
  const base = { check: 'general-policies', id: `policies:${d.kind}`, destination: d } as const;
  const deployed = await readPolicies(aws, d, keyArn);
  if ('unread' in deployed) return { ...base, status: 'FAIL', finding: deployed.unread };
  const expected: Record<PolicyName, PolicyJson> = {
    vault: vaultPolicy(d.kind, ctx.config),
    key: keyPolicy(d.kind, ctx.config),
  };
  const drifted = (['vault', 'key'] as const)
    .map((name) => ({ name, state: inspectPolicy(name, deployed[name], expected[name]) }))
    .filter((s) => s.state.kind !== 'sealed');
  return {
    ...base,
    status: drifted.length === 0 ? 'PASS' : 'FAIL',
    finding: { kind: 'policies', drifted },
    facts: { state: drifted.length === 0 ? 'SEALED' : 'DRIFTED' },
  };
}
