/**
 * The names the operator tools share with the stack, as plain data: this module and what it imports
 * load no aws-cdk-lib, so that a tool that only needs a name (the stack's, an output's) does not
 * load the construct library to learn it. The stack and its constructs take the same names from here.
 */
import { partitionOf } from './policies/partition';

/** The CloudFormation stack's name. */
export const STACK_NAME = 'BackupAccountStack';

/** The stack's outputs besides the four of each destination (lib/policies/destinations.ts). */
export const STACK_OUTPUTS = {
  evidenceBucketName: 'EvidenceBucketName',
  evidenceBucketArn: 'EvidenceBucketArn',
  restoreTestingPlanName: 'RestoreTestingPlanName',
  restoreTestingPlanArn: 'RestoreTestingPlanArn',
} as const;

/** The restore testing plan of the general vault; AWS Backup names its runs after it. */
export const RESTORE_TESTING_PLAN_NAME = 'compactconnect_general_restore_testing';

/** The alert topic's name. */
export const ALERT_TOPIC_NAME = 'compactconnect-backup-alerts';

/** The alert topic's ARN: its name is fixed, so the ARN is known before deployment. */
export function alertTopicArn(region: string, accountId: string): string {
  return `arn:${partitionOf(region)}:sns:${region}:${accountId}:${ALERT_TOPIC_NAME}`;
}
