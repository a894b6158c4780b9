import { DescribeStacksCommand, GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import type { AwsClients } from './clients';

/** The deployed stack, as DescribeStacks reports it. */
export interface DeployedStack {
  readonly stackId: string;
  readonly status: string;
  readonly outputs: Readonly<Record<string, string>>;
  /** When the stack was last created or updated (ISO); CloudFormation rewrites the SSN policies then. */
  readonly lastUpdated: string | undefined;
}

/** The deployed CloudFormation stack. */
export interface StackAws {
  describeStack(stackName: string): Promise<DeployedStack>;
  /** The template CloudFormation deployed (GetTemplate), as text. */
  stackTemplate(stackName: string): Promise<string>;
}

export function stackAws(clients: Pick<AwsClients, 'cloudformation'>): StackAws {
  return {
    async describeStack(stackName) {
      const out = await clients.cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
      const stack = out.Stacks?.[0];
      if (!stack?.StackId) throw new Error(`AWS returned no stack ${stackName}`);
      const outputs: Record<string, string> = {};
      for (const o of stack.Outputs ?? [])
        if (o.OutputKey && o.OutputValue) outputs[o.OutputKey] = o.OutputValue;
      const updated = stack.LastUpdatedTime ?? stack.CreationTime;
      return {
        stackId: stack.StackId,
        status: stack.StackStatus ?? 'UNKNOWN',
        outputs,
        lastUpdated: updated ? new Date(updated).toISOString() : undefined,
      };
    },
    async stackTemplate(stackName) {
      const out = await clients.cloudformation.send(new GetTemplateCommand({ StackName: stackName }));
      if (!out.TemplateBody) throw new Error(`AWS returned no template for stack ${stackName}`);
      return out.TemplateBody;
    },
  };
}
