import { STACK_NAME } from '../stack-facts';
import { DomainError } from '../domain-error';
import type { StackAws } from '../aws';
import type { BackupAccountConfig } from '../config/types';
import { DESTINATIONS, destinationAliasArn, destinationVaultArn, outputName } from '../policies/destinations';

/** What `integration` needs: the configuration, the region, and AWS unless offline. */
export interface IntegrationContext {
  readonly config: BackupAccountConfig;
  readonly region: string;
  /** The one AWS call `integration` makes. */
  readonly aws: Pick<StackAws, 'describeStack'>;
  /** Warnings go here (standard error). */
  readonly warn: (text: string) => void;
}

/** What an environment account needs to copy into this backup account. */
export interface IntegrationBlock {
  readonly source: string;
  readonly backupAccountId: string;
  readonly region: string;
  readonly destinations: readonly {
    readonly kind: 'general' | 'ssn';
    readonly vaultName: string;
    readonly vaultArn: string;
    /** Undefined offline: the key ARN holds a key ID that only exists once deployed. */
    readonly keyArn: string | undefined;
    /** The key's alias ARN, known offline too: KMS accepts it wherever a key is named for use. */
    readonly keyAliasArn: string;
  }[];
}

export interface IntegrationOptions {
  readonly offline?: boolean;
}

const KEY_UNKNOWN = '(unknown offline: the key ID exists only once deployed; run without --offline)';

export function offlineBlock(rt: Pick<IntegrationContext, 'config' | 'region'>): IntegrationBlock {
  const { config } = rt;
  return {
    source: 'the configuration alone (--offline)',
    backupAccountId: config.backupAccountId,
    region: rt.region,
    destinations: DESTINATIONS.map((d) => ({
      kind: d.kind,
      vaultName: d.vaultName(config),
      vaultArn: destinationVaultArn(d, config, rt.region),
      keyArn: undefined,
      keyAliasArn: destinationAliasArn(d, rt.region, config.backupAccountId),
    })),
  };
}

export async function deployedBlock(rt: IntegrationContext): Promise<IntegrationBlock> {
  const { stackId, outputs } = await rt.aws.describeStack(STACK_NAME);
  const output = (key: string) => {
    const value = outputs[key];
    if (value === undefined) {
      throw new DomainError(
        'stack-output-missing',
        `Stack ${STACK_NAME} has no output ${key}: is it deployed from this app?`,
      );
    }
    return value;
  };
  const account = stackId.split(':')[4] ?? '';
  if (account !== rt.config.backupAccountId) {
    rt.warn(
      `Warning: the stack is in account ${account}, the configuration says ${rt.config.backupAccountId}.`,
    );
  }
  return {
    source: `CloudFormation outputs of ${stackId}`,
    backupAccountId: account,
    region: rt.region,
    destinations: DESTINATIONS.map((d) => ({
      kind: d.kind,
      vaultName: output(outputName(d, 'BackupVaultName')),
      vaultArn: output(outputName(d, 'BackupVaultArn')),
      keyArn: output(outputName(d, 'BackupEncryptionKeyArn')),
      keyAliasArn: destinationAliasArn(d, rt.region, account),
    })),
  };
}

export function formatBlock(block: IntegrationBlock): string[] {
  const label = { general: 'General', ssn: 'SSN' } as const;
  const lines = [
    'Backup destination for the environment account (copy actions of its backup plans):',
    `  Backup account ID:  ${block.backupAccountId}`,
    `  Region:             ${block.region}`,
  ];
  for (const d of block.destinations) {
    lines.push(`  ${`${label[d.kind]} vault name:`.padEnd(20)}${d.vaultName}`);
    lines.push(`  ${`${label[d.kind]} vault ARN:`.padEnd(20)}${d.vaultArn}`);
    lines.push(`  ${`${label[d.kind]} key ARN:`.padEnd(20)}${d.keyArn ?? KEY_UNKNOWN}`);
    lines.push(`  ${`${label[d.kind]} key alias:`.padEnd(20)}${d.keyAliasArn}`);
  }
  lines.push(`Source: ${block.source}`);
  return lines;
}

/** The block, from the deployed stack's outputs or, with --offline, from the configuration. */
export async function integrationBlock(
  rt: IntegrationContext,
  options: IntegrationOptions = {},
): Promise<IntegrationBlock> {
  return options.offline ? offlineBlock(rt) : deployedBlock(rt);
}
