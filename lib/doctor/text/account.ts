import type { AccountCheck } from '../checks/account';
import type { CheckText } from './check-text';

export function accountText({ finding }: AccountCheck): CheckText {
  return {
    title: 'Credentials',
    summary: `for account ${finding.account} (${finding.arn}), but the configuration's backup_account_id is ${finding.expected}: use a profile of the backup account, or the right configuration`,
    details: [],
  };
}
