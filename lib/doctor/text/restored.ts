import { RESTORE_LOOKBACK_DAYS } from '../../break-glass/restored';
import { restoredItemLines } from '../../break-glass/text';
import type { RestoredCheck } from '../checks/restored';
import type { CheckText } from './check-text';
import { counted, failureText } from './words';

export function restoredText({ vaultName, finding }: RestoredCheck): CheckText {
  const title = 'Restored SSN data';
  if (finding.kind === 'unreadable')
    return { title, summary: `cannot be read: ${failureText(finding.failure)}`, details: [] };
  const jobs = `${counted(finding.restoreJobs, 'restore job')} from ${vaultName} in the last ${RESTORE_LOOKBACK_DAYS} days`;
  if (finding.left.length === 0) return { title, summary: `none remains (${jobs})`, details: [] };
  return {
    title,
    summary: `restored data or copies of it remain (${jobs}): delete them (break-glass cleanup, then by hand), or see in break-glass status whether they were accepted`,
    // break-glass status indents these lines under its own; the report indents them itself.
    details: finding.left.flatMap((item) =>
      restoredItemLines(item, finding.ssnKeyArn).map((line) => line.replace(/^ {2}/, '')),
    ),
  };
}
