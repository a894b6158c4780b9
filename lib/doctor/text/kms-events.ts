import type { KeyEventConcern, KeyEventsCheck, KeyPath, KeyUser } from '../checks/kms-events';
import type { CheckText } from './check-text';
import { counted, failureText } from './words';

const PATH_TEXT: Record<KeyPath, string> = {
  'backup-service-linked-role': "this account's AWS Backup service-linked role",
  'source-account': 'a source account',
  'aws-service': 'an AWS service principal',
  'this-account': 'a principal of this account',
  'other-account': 'ANOTHER ACCOUNT (not a source account)',
};

const CONCERN_TEXT: Record<KeyEventConcern, string> = {
  'copy-path-refused':
    'KMS REFUSED a copy path: copies into this vault fail (see README, After the first deployment)',
  'other-refused': 'KMS refused a principal outside the copy paths: check who it was',
  'other-account': 'another account, not a source account, used the key',
};

export function keyEventsText({ destination: d, days, finding }: KeyEventsCheck): CheckText {
  const title = `KMS events on ${d.aliasName} (last ${days} days)`;
  const line = (summary: string, details: readonly string[] = []) => ({ title, summary, details });
  switch (finding.kind) {
    case 'no-key':
      return line('no key known to look events up for');
    case 'unreadable':
      return line(`event history cannot be read: ${failureText(finding.failure)}`);
    case 'no-events':
      return line(
        'no KMS event: no copy has used this key yet (run doctor again after the first backup window)',
      );
    case 'events': {
      const { eventCount, users, concern } = finding;
      const count = `${eventCount}${finding.truncated ? '+' : ''} event${eventCount === 1 ? '' : 's'} by ${counted(users.length, 'principal')}`;
      return line(
        concern ? `${count}; ${CONCERN_TEXT[concern]}` : `${count}, none refused`,
        users.map(userLine),
      );
    }
  }
}

function userLine(user: KeyUser): string {
  const counts = (record: Readonly<Record<string, number>>) =>
    Object.entries(record)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, n]) => `${name} ×${n}`)
      .join(', ');
  const via = user.invokedBy ? ` via ${user.invokedBy}` : '';
  const denied = Object.keys(user.denied).length > 0 ? `; ACCESS DENIED: ${counts(user.denied)}` : '';
  return `${user.principal}${via} (${PATH_TEXT[user.path]}): ${counts(user.events)}${denied}`;
}
