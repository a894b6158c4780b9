import {
  type CloudFormationClient,
  DescribeStacksCommand,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

/**
 * The calls that keep the break-glass record in the account: the deployed stack (its outputs, its
 * last update, its template) and the evidence bucket (objects written once, listed, read, and their
 * Object Lock retention).
 */

/** The deployed stack, as DescribeStacks reports it. */
export interface DeployedStack {
  readonly stackId: string;
  readonly status: string;
  readonly outputs: Readonly<Record<string, string>>;
  /** When the stack was last created or updated (ISO); CloudFormation rewrites the SSN policies then. */
  readonly lastUpdated: string | undefined;
}

/** An object's Object Lock retention (HeadObject). */
export interface ObjectRetention {
  readonly mode: string | undefined;
  readonly retainUntil: string | undefined;
}

export interface EvidenceAws {
  describeStack(stackName: string): Promise<DeployedStack>;
  /** The template CloudFormation deployed (GetTemplate), as text. */
  stackTemplate(stackName: string): Promise<string>;
  /**
   * Writes an object only if no object has that key yet (If-None-Match: *), so that two operators
   * never write the same place in the trail; returns its version.
   */
  putNewObject(bucket: string, key: string, body: string): Promise<string | undefined>;
  /** Every key under the prefix, in key order. */
  listKeys(bucket: string, prefix: string): Promise<string[]>;
  getObjectText(bucket: string, key: string): Promise<string>;
  objectRetention(bucket: string, key: string): Promise<ObjectRetention>;
}

export interface EvidenceClients {
  readonly cloudformation: Pick<CloudFormationClient, 'send'>;
  readonly s3: Pick<S3Client, 'send'>;
}

export function evidenceAwsFromClients(clients: EvidenceClients): EvidenceAws {
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
    async putNewObject(bucket, key, body) {
      const out = await clients.s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: 'application/json',
          IfNoneMatch: '*',
        }),
      );
      return out.VersionId;
    },
    async listKeys(bucket, prefix) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const out = await clients.s3.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        );
        for (const o of out.Contents ?? []) if (o.Key) keys.push(o.Key);
        token = out.IsTruncated ? out.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    },
    async getObjectText(bucket, key) {
      const out = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!out.Body) throw new Error(`AWS returned no body for s3://${bucket}/${key}`);
      return out.Body.transformToString('utf8');
    },
    async objectRetention(bucket, key) {
      const out = await clients.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return {
        mode: out.ObjectLockMode,
        retainUntil: out.ObjectLockRetainUntilDate
          ? new Date(out.ObjectLockRetainUntilDate).toISOString()
          : undefined,
      };
    },
  };
}
