import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import type { AwsClients } from './clients';
import { allPages } from './calls';

/** An object's Object Lock retention (HeadObject). */
export interface ObjectRetention {
  readonly mode: string | undefined;
  readonly retainUntil: string | undefined;
}

/**
 * The evidence bucket: objects written once, listed, read, and their Object Lock retention. The
 * bucket keeps each object under Object Lock; the SDK adds the checksum S3 requires of a write there.
 */
export interface EvidenceAws {
  /**
   * Writes an object only if no object has that key yet (If-None-Match: *), so that two operators
   * never write the same place in the trail; returns its version.
   */
  putNewObject(bucket: string, key: string, body: string): Promise<string | undefined>;
  /** Writes an object (a new version if the key exists); returns its version, '' when S3 gives none. */
  putEvidence(bucket: string, key: string, body: string, contentType: string): Promise<string>;
  /** Every key under the prefix, in key order. */
  listKeys(bucket: string, prefix: string): Promise<string[]>;
  getObjectText(bucket: string, key: string): Promise<string>;
  objectRetention(bucket: string, key: string): Promise<ObjectRetention>;
}

export function evidenceAws(clients: Pick<AwsClients, 's3'>): EvidenceAws {
  return {
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
    async putEvidence(bucket, key, body, contentType) {
      const out = await clients.s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
      );
      return out.VersionId ?? '';
    },
    async listKeys(bucket, prefix) {
      const keys = await allPages(async (ContinuationToken) => {
        const out = await clients.s3.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken }),
        );
        return {
          items: (out.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : [])),
          next: out.IsTruncated ? out.NextContinuationToken : undefined,
        };
      });
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
