import type { RestoreTestCheck } from '../checks/restore-test';
import { age, day } from '../expected';
import type { CheckText } from './check-text';
import { counted, failureText } from './words';

export function restoreTestText({ status, finding }: RestoreTestCheck, now: Date): CheckText {
  const title = 'Restore testing';
  const line = (summary: string, details: readonly string[] = []) => ({ title, summary, details });
  switch (finding.kind) {
    case 'off':
      return line('off in this configuration: no backup is restored to prove it restores');
    case 'unreadable':
      return line(`cannot be read: ${failureText(finding.failure)}`);
    case 'no-plan':
      return line(
        `the configuration turns it on, but plan ${finding.planName} is not deployed in ${finding.region}`,
      );
    case 'no-finished':
      return line(
        `no finished restore test yet (plan ${finding.planName}, ${finding.schedule ?? 'no schedule'})`,
        inProgress(finding.inProgress),
      );
    case 'finished': {
      const { last } = finding;
      const when = last.created ? `${day(last.created)} (${age(now, last.created)})` : 'an unknown date';
      const outcome = `restore ${last.status}, validation ${last.validationStatus ?? 'not reported'}`;
      // PASS: restored and validated; WARN: restored, the validation silent; FAIL: why, if known.
      const why =
        status === 'PASS'
          ? ''
          : status === 'WARN'
            ? ' (the validation did not report a result)'
            : last.reason
              ? `: ${last.reason}`
              : '';
      return line(`last test ${when}: ${outcome}${why}`, inProgress(finding.inProgress));
    }
  }
}

function inProgress(n: number): string[] {
  return n > 0 ? [`${counted(n, 'restore test')} in progress`] : [];
}
