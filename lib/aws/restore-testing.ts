import {
  GetRestoreTestingPlanCommand,
  ListRestoreJobsCommand,
  ListRestoreTestingPlansCommand,
  ListRestoreTestingSelectionsCommand,
  type RestoreTestingPlanForList,
} from '@aws-sdk/client-backup';
import type { AwsClients } from './clients';
import { allPages } from './calls';

/** A restore testing plan as ListRestoreTestingPlans lists it. */
export interface RestoreTestingPlan {
  readonly name: string;
  readonly arn: string | undefined;
  readonly schedule: string | undefined;
}

/** Which vaults a plan's recovery point selection names (ARNs, `*`, or ARNs with `*`). */
export interface VaultSelection {
  readonly includeVaults: readonly string[];
  readonly excludeVaults: readonly string[];
}

/** A restore job a restore testing plan ran. */
export interface RestoreTestJob {
  readonly restoreJobId: string | undefined;
  readonly createdAt: Date | undefined;
  readonly status: string | undefined;
  readonly statusMessage: string | undefined;
  readonly validationStatus: string | undefined;
  readonly validationMessage: string | undefined;
}

/** AWS Backup's restore testing: plans, what they select, and the restores they ran. */
export interface RestoreTestingAws {
  /** Every restore testing plan of the account, all pages. */
  restoreTestingPlans(): Promise<RestoreTestingPlan[]>;
  /** The plan of that name, reading pages only until it is found. */
  findRestoreTestingPlan(name: string): Promise<RestoreTestingPlan | undefined>;
  /** The plan's recovery point selection: the vaults it includes and excludes. */
  restoreTestingVaults(planName: string): Promise<VaultSelection>;
  /** The plan's selections, as `name (resource type)`. */
  restoreTestingSelections(
    planName: string,
  ): Promise<{ name: string | undefined; resourceType: string | undefined }[]>;
  /** Every restore job the plan ran, all pages. */
  restoreTestJobs(planArn: string): Promise<RestoreTestJob[]>;
}

function planOf(p: RestoreTestingPlanForList): RestoreTestingPlan[] {
  return p.RestoreTestingPlanName
    ? [{ name: p.RestoreTestingPlanName, arn: p.RestoreTestingPlanArn, schedule: p.ScheduleExpression }]
    : [];
}

export function restoreTestingAws(clients: Pick<AwsClients, 'backup'>): RestoreTestingAws {
  return {
    restoreTestingPlans: () =>
      allPages(async (NextToken) => {
        const out = await clients.backup.send(new ListRestoreTestingPlansCommand({ NextToken }));
        return { next: out.NextToken, items: (out.RestoreTestingPlans ?? []).flatMap(planOf) };
      }),
    async findRestoreTestingPlan(name) {
      let token: string | undefined;
      do {
        const out = await clients.backup.send(new ListRestoreTestingPlansCommand({ NextToken: token }));
        const found = (out.RestoreTestingPlans ?? []).flatMap(planOf).find((p) => p.name === name);
        if (found) return found;
        token = out.NextToken;
      } while (token);
      return undefined;
    },
    async restoreTestingVaults(planName) {
      const out = await clients.backup.send(
        new GetRestoreTestingPlanCommand({ RestoreTestingPlanName: planName }),
      );
      const selection = out.RestoreTestingPlan?.RecoveryPointSelection;
      return { includeVaults: selection?.IncludeVaults ?? [], excludeVaults: selection?.ExcludeVaults ?? [] };
    },
    restoreTestingSelections: (planName) =>
      allPages(async (NextToken) => {
        const out = await clients.backup.send(
          new ListRestoreTestingSelectionsCommand({ RestoreTestingPlanName: planName, NextToken }),
        );
        return {
          next: out.NextToken,
          items: (out.RestoreTestingSelections ?? []).map((s) => ({
            name: s.RestoreTestingSelectionName,
            resourceType: s.ProtectedResourceType,
          })),
        };
      }),
    restoreTestJobs: (planArn) =>
      allPages(async (NextToken) => {
        const out = await clients.backup.send(
          new ListRestoreJobsCommand({ ByRestoreTestingPlanArn: planArn, NextToken }),
        );
        return {
          next: out.NextToken,
          items: (out.RestoreJobs ?? []).map((j) => ({
            restoreJobId: j.RestoreJobId,
            createdAt: j.CreationDate,
            status: j.Status,
            statusMessage: j.StatusMessage,
            validationStatus: j.ValidationStatus,
            validationMessage: j.ValidationStatusMessage,
          })),
        };
      }),
  };
}
