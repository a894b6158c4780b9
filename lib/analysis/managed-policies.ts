import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PolicyJson } from '../policies/policy-json';
import { MANAGED_POLICY_PINS, MANAGED_POLICY_SOURCE, type ManagedPolicyName } from './managed-policy-pins';

export interface ManagedPolicyFixture {
  /** The npm package and version the documents were taken from. */
  readonly source: string;
  readonly policies: Record<
    ManagedPolicyName,
    { readonly arn: string; readonly version: string; readonly document: PolicyJson }
  >;
}

export const MANAGED_POLICIES_FILE = join(__dirname, 'managed-policies.json');

let committed: ManagedPolicyFixture | undefined;

/** The committed, pinned AWS-managed policies (managed-policies.json, generated). */
export function committedManagedPolicies(): ManagedPolicyFixture {
  committed ??= JSON.parse(readFileSync(MANAGED_POLICIES_FILE, 'utf8')) as ManagedPolicyFixture;
  return committed;
}

/** The pinned policy document, by name. */
export function managedPolicy(name: ManagedPolicyName): PolicyJson {
  return committedManagedPolicies().policies[name].document;
}

/**
 * The pinned versions, read from the installed package (its whole data set, about 70 MB: only the
 * regeneration script and the test that checks the committed file load it).
 */
export function managedPoliciesFromPackage(): ManagedPolicyFixture {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const data = require(MANAGED_POLICY_SOURCE) as {
    getPolicyByName(name: string): { arn: string; versions: Record<string, { document: unknown }> };
  };
  const main = require.resolve(MANAGED_POLICY_SOURCE);
  const { version } = JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const policies = Object.fromEntries(
    Object.entries(MANAGED_POLICY_PINS).map(([name, pinned]) => {
      const policy = data.getPolicyByName(name);
      const document = policy.versions[pinned]?.document as PolicyJson | undefined;
      if (!document) throw new Error(`${MANAGED_POLICY_SOURCE}@${version} has no ${name} ${pinned}`);
      return [name, { arn: policy.arn, version: pinned, document }];
    }),
  ) as ManagedPolicyFixture['policies'];
  return { source: `${MANAGED_POLICY_SOURCE}@${version}`, policies };
}

/** The version of the pinned policy that the analysis evaluates (`v31`). */
export function managedPolicyVersion(name: ManagedPolicyName): string {
  return committedManagedPolicies().policies[name].version;
}
