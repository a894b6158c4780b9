/**
 * The mutants of the statements an opening adds or changes, and those declared equivalent (they
 * decide nothing that another statement does not already decide), shared by the mutation test and
 * the figures of the documents (scripts/figures.ts).
 */
import { mutantsOf } from '../../lib/analysis/mutants';
import type { PolicyJson, StatementJson } from '../../lib/policies/policy-json';
import { opened, sealed } from './requests';

export type SsnPolicy = 'ssnVault' | 'ssnKey';
export const NAMES: readonly SsnPolicy[] = ['ssnVault', 'ssnKey'];
export const OPENED: Record<SsnPolicy, PolicyJson> = { ssnVault: opened.vault, ssnKey: opened.key };
const SEALED: Record<SsnPolicy, PolicyJson> = { ssnVault: sealed.vault, ssnKey: sealed.key };

/**
 * Mutants whose every decision is that of the opened policy: another statement of it already decides
 * the same. None is a missing request; none is removable without changing what the opening means.
 */
export const EQUIVALENT: Record<string, string> = {
  'ssnVault: remove condition ArnEquals aws:PrincipalArn of DenyEmergencyRestoreOperationsAfterExpiry':
    'DenyEmergencyRestoreOperations (ArnNotEquals P) denies everyone else at every time',
  'ssnVault: remove action backup:StartCopyJob from DenyEmergencyRestoreOperationsAfterExpiry':
    'BreakGlassDenyCopyOut denies P copy-out at every time',
  'ssnVault: remove action backup:CopyFromBackupVault from DenyEmergencyRestoreOperationsAfterExpiry':
    'BreakGlassDenyCopyOut denies P copy-out at every time',
  'ssnVault: remove condition DateLessThan aws:CurrentTime of BreakGlassRestoreAccess…':
    'DenyEmergencyRestoreOperationsAfterExpiry denies P both actions from the expiry on; `status` reads the expiry from this condition',
  'ssnVault: widen principal arn:aws:iam::000011114444:role/SsnRestore of BreakGlassRestoreAccess… to "*"':
    'DenyEmergencyRestoreOperations denies everyone else both actions; `status` reads the principal from it',
  'ssnKey: remove condition StringEquals aws:PrincipalAccount of DenySSNKeyUseInBackupAccountAfterExpiry':
    'copied from the baseline DENY; ArnEquals P already names a role of the backup account',
  'ssnKey: remove condition ArnNotLike aws:PrincipalArn of DenySSNKeyUseInBackupAccountAfterExpiry':
    'copied from the baseline DENY; ArnEquals P already leaves out the service-linked role',
  'ssnKey: remove condition ArnEquals aws:PrincipalArn of DenySSNKeyUseInBackupAccountAfterExpiry':
    'DenySSNKeyUseInBackupAccount (same conditions, ArnNotEquals P) denies everyone else at every time',
};

/** The statements the opening adds or changes: those of the opened policy that the baseline lacks. */
export function openingStatements(name: SsnPolicy): (statement: StatementJson) => boolean {
  const before = new Set(SEALED[name].Statement.map((s) => JSON.stringify(s)));
  return (statement) => !before.has(JSON.stringify(statement));
}

/** The ALLOW Sids end with the reason in hex: labels leave it out. */
export const withoutReason = (text: string) =>
  text.replace(/(BreakGlass(?:Restore|Decrypt)Access)[0-9a-f]+/g, '$1…');

export const mutants = NAMES.flatMap((name) =>
  mutantsOf(OPENED[name], openingStatements(name)).map((m) => ({
    name,
    ...m,
    label: withoutReason(`${name}: ${m.description}`),
  })),
);
