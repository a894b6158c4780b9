import { GetRoleCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsClients } from './clients';
import { required } from './calls';
import { errorName } from '../aws-errors';

/** Who is calling, from STS GetCallerIdentity. */
export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
}

/** Who the credentials are, and which roles exist. */
export interface IdentityAws {
  callerIdentity(): Promise<CallerIdentity>;
  /** Whether an IAM role exists; undefined when the caller may not ask (iam:GetRole denied). */
  roleExists(roleName: string): Promise<boolean | undefined>;
}

export function identityAws(clients: Pick<AwsClients, 'sts' | 'iam'>): IdentityAws {
  return {
    async callerIdentity() {
      const out = await clients.sts.send(new GetCallerIdentityCommand({}));
      return {
        account: required(out.Account, 'caller account'),
        arn: required(out.Arn, 'caller ARN'),
        userId: required(out.UserId, 'caller user ID'),
      };
    },
    async roleExists(roleName) {
      try {
        await clients.iam.send(new GetRoleCommand({ RoleName: roleName }));
        return true;
      } catch (error) {
        const name = errorName(error);
        if (name === 'NoSuchEntityException' || name === 'NoSuchEntity') return false;
        if (name === 'AccessDenied' || name === 'AccessDeniedException') return undefined;
        throw error;
      }
    },
  };
}
