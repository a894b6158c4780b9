import type { RestorePlansCheck, RestoreSelection } from '../checks/restore-plans';
import type { CheckText } from './check-text';
import { counted, failureText } from './words';

export function restorePlansText({ ssn, finding }: RestorePlansCheck): CheckText {
  const title = 'Restore testing plans';
  if (finding.kind === 'unreadable')
    return { title, summary: `cannot be read: ${failureText(finding.failure)}`, details: [] };
  const { plans, selectingSsn } = finding;
  if (selectingSsn.length === 0)
    return {
      title,
      summary: `none of ${counted(plans, 'plan')} can select the SSN vault ${ssn.vaultName}`,
      details: [],
    };
  return {
    title,
    summary: `${counted(selectingSsn.length, 'plan')} can select the SSN vault ${ssn.vaultName}: a restore test would restore SSN data into this account`,
    details: selectingSsn.map(
      (p) =>
        `${p.planName}: IncludeVaults ${JSON.stringify(p.includeVaults)}, ExcludeVaults ${JSON.stringify(p.excludeVaults)}; selections: ${p.selections.map(selectionText).join(', ') || 'none yet'}. Exclude ${ssn.vaultArn} or name only other vaults.`,
    ),
  };
}

/** "tables (DynamoDB)" */
export function selectionText(s: RestoreSelection): string {
  return `${s.name ?? '?'} (${s.resourceType ?? '?'})`;
}
