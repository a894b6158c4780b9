import * as events from 'aws-cdk-lib/aws-events';

/**
 * AWS Backup sends "Restore Job State Change" events to EventBridge (Amazon EventBridge events
 * reference, AWS Backup events; best effort). A restore test's events carry the plan in
 * `detail.restoreTestingPlanArn`, the job in `detail.restoreJobId` and the table in
 * `detail.createdResourceArn` (AWS Backup Developer Guide, "Restore testing validation").
 */
export const RESTORE_JOB_STATE_CHANGE = 'Restore Job State Change';

export function restoreJobPattern(planArn: string, statuses: readonly string[]): events.EventPattern {
  return {
    source: ['aws.backup'],
    detailType: [RESTORE_JOB_STATE_CHANGE],
    detail: { status: [...statuses], restoreTestingPlanArn: [planArn] },
  };
}

const field = (path: string) => events.EventField.fromPath(path);

export function restoreTestFailedMessage(planName: string): string {
  return [
    `A restore test of the general backup vault ended ${field('$.detail.status')} (plan ${planName}).`,
    `Restore job: ${field('$.detail.restoreJobId')}; status message: ${field('$.detail.statusMessage')}`,
    `Time: ${field('$.time')}; account ${field('$.account')}, region ${field('$.region')}`,
    'The general backups may not restore: see the README, "Restore testing", for how to read a failed result.',
  ].join('\n');
}
