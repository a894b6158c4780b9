import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  type KeyMetadata,
  ListAliasesCommand,
} from '@aws-sdk/client-kms';
import { readFailure } from '../aws-errors';
import type { DoctorClients } from '../clients';
import { day, type ExpectedDestination } from '../expected';
import type { CheckResult, DoctorContext } from '../types';

export interface KeyFacts {
  readonly keyArn: string;
  readonly keyState?: string;
  readonly enabled: boolean;
  readonly deletionDate?: Date;
  readonly rotationEnabled: boolean;
  readonly rotationPeriodDays?: number;
  /** The key ID the alias targets; undefined when the alias does not exist. */
  readonly aliasTarget?: string;
}

/**
 * The vault's key: enabled, rotating, not pending deletion, and its alias points at it (an alias
 * moved to another key would make the break-glass tool and operators act on the wrong key).
 * `keyArn` is the key the vault says encrypts it (or the stack's output, if the vault could not be read).
 */
export async function checkKey(
  clients: Pick<DoctorClients, 'kms'>,
  _ctx: DoctorContext,
  d: ExpectedDestination,
  keyArn: string | undefined,
): Promise<CheckResult<KeyFacts>> {
  const base = { id: `key:${d.kind}`, title: `${d.heading} key ${d.aliasName}` };
  if (keyArn === undefined)
    return {
      ...base,
      status: 'FAIL',
      summary: 'no key to check: neither the vault nor the stack named one',
      details: [],
    };
  let meta: Partial<KeyMetadata>;
  let rotation: { enabled: boolean; periodDays?: number };
  let aliasTarget: string | undefined;
  try {
    const described = await clients.kms.send(new DescribeKeyCommand({ KeyId: keyArn }));
    meta = described.KeyMetadata ?? {};
    const status = await clients.kms.send(new GetKeyRotationStatusCommand({ KeyId: keyArn }));
    rotation = { enabled: status.KeyRotationEnabled === true, periodDays: status.RotationPeriodInDays };
    aliasTarget = await aliasTargetOf(clients, d.aliasName);
  } catch (error) {
    return {
      ...base,
      status: 'FAIL',
      summary: `${keyArn} cannot be read: ${readFailure(error)}`,
      details: [],
    };
  }
  const facts: KeyFacts = {
    keyArn,
    keyState: meta.KeyState,
    enabled: meta.Enabled === true,
    deletionDate: meta.DeletionDate,
    rotationEnabled: rotation.enabled,
    rotationPeriodDays: rotation.periodDays,
    aliasTarget,
  };
  const keyId = meta.KeyId ?? keyArn.split('/').pop();
  const problems: string[] = [];
  if (meta.KeyState === 'PendingDeletion')
    problems.push(
      `PENDING DELETION on ${facts.deletionDate ? day(facts.deletionDate) : 'an unknown date'}: cancel it now (aws kms cancel-key-deletion --key-id ${keyId}), or every copy it encrypts becomes unreadable`,
    );
  else if (!facts.enabled)
    problems.push(`${meta.KeyState ?? 'not enabled'}: copies cannot be encrypted or read`);
  if (!rotation.enabled) problems.push('automatic rotation is off');
  if (aliasTarget === undefined) problems.push(`alias ${d.aliasName} does not exist`);
  else if (aliasTarget !== keyId)
    problems.push(`alias ${d.aliasName} points at key ${aliasTarget}, not at the vault's key`);
  const state = [
    facts.enabled ? 'enabled' : (meta.KeyState ?? 'not enabled'),
    rotation.enabled ? `rotation on (every ${rotation.periodDays ?? 365} days)` : 'rotation OFF',
    'its alias points at it',
  ].join(', ');
  return {
    ...base,
    status: problems.length === 0 ? 'PASS' : 'FAIL',
    summary: problems.length === 0 ? `key ${keyId}: ${state}` : `key ${keyId}: ${problems.join('; ')}`,
    details: [],
    facts,
  };
}

async function aliasTargetOf(
  clients: Pick<DoctorClients, 'kms'>,
  aliasName: string,
): Promise<string | undefined> {
  let marker: string | undefined;
  do {
    const page = await clients.kms.send(new ListAliasesCommand({ Marker: marker }));
    const found = page.Aliases?.find((a) => a.AliasName === aliasName);
    if (found) return found.TargetKeyId;
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  return undefined;
}
