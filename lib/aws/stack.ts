import { DescribeStacksCommand, GetTemplateCommand, type Stack } from '@aws-sdk/client-cloudformation';
import type { AwsClients } from './clients';
import { unless } from './calls';

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
  /** The stack; undefined when it is not deployed (CloudFormation's ValidationError). */
  findStack(stackName: string): Promise<DeployedStack | undefined>;
  /** The template CloudFormation deployed (GetTemplate), as text. */
  stackTemplate(stackName: string): Promise<string>;
}

/** The stack as the interface reports it: its ID, status, outputs and last update. */
function deployedStack(stack: Stack): DeployedStack {
  const outputs: Record<string, string> = {};
  for (const o of stack.Outputs ?? []) if (o.OutputKey && o.OutputValue) outputs[o.OutputKey] = o.OutputValue;
  const updated = stack.LastUpdatedTime ?? stack.CreationTime;
  return {
    stackId: stack.StackId ?? '',
    status: stack.StackStatus ?? 'UNKNOWN',
    outputs,
    lastUpdated: updated ? new Date(updated).toISOString() : undefined,
  };
}

export function stackAws(clients: Pick<AwsClients, 'cloudformation'>): StackAws {
  return {
    async describeStack(stackName) {
      const out = await clients.cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
      const stack = out.Stacks?.[0];
      if (!stack?.StackId) throw new Error(`AWS returned no stack ${stackName}`);
      return deployedStack(stack);
    },
    async findStack(stackName) {
      // CloudFormation answers a stack that does not exist with ValidationError.
      const out = await unless(['ValidationError'], () =>
        clients.cloudformation.send(new DescribeStacksCommand({ StackName: stackName })),
      );
      const stack = out?.Stacks?.[0];
      return stack?.StackId ? deployedStack(stack) : undefined;
    },
    async stackTemplate(stackName) {
      const out = await clients.cloudformation.send(new GetTemplateCommand({ StackName: stackName }));
      if (!out.TemplateBody) throw new Error(`AWS returned no template for stack ${stackName}`);
      return out.TemplateBody;
    },
  };
}
