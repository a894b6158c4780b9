import { STACK_NAME } from '../stack-facts';
import { describeAwsFailure } from '../aws-errors';
import { DomainError } from '../domain-error';
import { type PolicyJson, parsePolicy, samePolicy } from '../policies/policy-json';
import { type Baseline, baselinePolicies, ssnTargets } from '../seal/baseline';
import type { PolicyName } from '../seal/state';
import type { Runtime } from './runtime';

/**
 * The baseline as CloudFormation deployed it: the SSN vault's AccessPolicy and the SSN key's
 * KeyPolicy from the stack's template (GetTemplate), not from this laptop's configuration. An
 * operator with a stale configuration thus never writes another account's policies.
 */
export interface DeployedBaseline {
  readonly baseline: Baseline;
  /** The policies the local configuration would build differently; close uses the deployed ones. */
  readonly differsFromConfig: readonly PolicyName[];
}

type Resources = Record<string, { Type?: string; Properties?: Record<string, unknown> }>;

function plainPolicy(value: unknown, what: string): PolicyJson {
  const text = JSON.stringify(value ?? null);
  if (value === undefined || value === null) throw new Error(`the template has no ${what}`);
  if (text.includes('"Fn::') || text.includes('"Ref"'))
    throw new Error(`the ${what} in the template holds CloudFormation functions`);
  return parsePolicy(text);
}

/** The SSN vault's and key's policies from a template's text; the key is the one the vault names. */
export function ssnPoliciesOfTemplate(
  templateText: string,
  vaultName: string,
): Record<PolicyName, PolicyJson> {
  const resources = ((JSON.parse(templateText) as { Resources?: Resources }).Resources ?? {}) as Resources;
  const vaults = Object.values(resources).filter(
    (r) => r.Type === 'AWS::Backup::BackupVault' && r.Properties?.BackupVaultName === vaultName,
  );
  if (vaults.length !== 1) throw new Error(`the template has no vault named ${vaultName}`);
  const ref = vaults[0].Properties?.EncryptionKeyArn as { 'Fn::GetAtt'?: [string, string] } | undefined;
  const key = ref?.['Fn::GetAtt'] ? resources[ref['Fn::GetAtt'][0]] : undefined;
  if (key?.Type !== 'AWS::KMS::Key')
    throw new Error(`vault ${vaultName} is not encrypted by a key of the template`);
  return {
    vault: plainPolicy(vaults[0].Properties?.AccessPolicy, `access policy of vault ${vaultName}`),
    key: plainPolicy(key.Properties?.KeyPolicy, `key policy of vault ${vaultName}'s key`),
  };
}

export async function deployedBaseline(rt: Runtime): Promise<DeployedBaseline> {
  const local = baselinePolicies(rt.config);
  const vaultName = ssnTargets(rt.config).vaultName;
  let text: string;
  try {
    text = await rt.aws.stackTemplate(STACK_NAME);
  } catch (error) {
    const { message, kind } = describeAwsFailure(error);
    throw new DomainError(
      'template-unreadable',
      `Cannot read the deployed template of ${STACK_NAME} (cloudformation:GetTemplate), which holds the baseline the SSN policies are compared with and restored to: ${message}`,
      kind,
    );
  }
  let deployed: Record<PolicyName, PolicyJson>;
  try {
    deployed = ssnPoliciesOfTemplate(text, vaultName);
  } catch (error) {
    throw new DomainError(
      'baseline-not-in-template',
      `The deployed template of ${STACK_NAME} does not give the SSN baseline for this configuration (${(error as Error).message}). Check --config, --region and the profile: the local configuration and the deployed stack cannot be reconciled.`,
    );
  }
  const differsFromConfig = (['vault', 'key'] as const).filter((p) => !samePolicy(deployed[p], local[p]));
  return {
    baseline: { vault: deployed.vault, key: deployed.key, openingViaServices: local.openingViaServices },
    differsFromConfig,
  };
}

/** One line for the operator when the local configuration would build other policies. */
export function configDifference(d: DeployedBaseline): string | undefined {
  if (d.differsFromConfig.length === 0) return undefined;
  return `The local configuration would build a different SSN ${d.differsFromConfig.join(' and ')} policy than the stack deployed; the deployed one${d.differsFromConfig.length > 1 ? 's are' : ' is'} used as the baseline. Deploy, or fix the configuration, to make them agree.`;
}
