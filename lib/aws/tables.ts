import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import type { AwsClients } from './clients';
import { errorName } from '../aws-errors';
import { unless } from './calls';

/** An item as the drill writes and reads it: strings and numbers only. */
export type PlainItem = Readonly<Record<string, string | number>>;

/** DynamoDB's largest BatchWriteItem. */
const BATCH = 25;

/** Tables the drill makes, fills, reads back and removes. */
export interface TablesAws {
  /** Creates an on-demand table keyed by one string attribute; an existing table is left as it is. */
  createTable(
    name: string,
    partitionKey: string,
    tags: Readonly<Record<string, string>>,
  ): Promise<{ readonly created: boolean }>;
  /** Writes the items, 25 a request, retrying what DynamoDB left unprocessed. */
  putItems(name: string, items: readonly PlainItem[], sleep: (ms: number) => Promise<void>): Promise<void>;
  /** Every item of the table, as plain values (strings and numbers), read with a consistent scan. */
  scanItems(name: string): Promise<Record<string, unknown>[]>;
  /** Deletes the table by name: `deleted`, or `gone` when it no longer exists. */
  deleteTableIfExists(name: string): Promise<'deleted' | 'gone'>;
}

const attribute = (value: string | number) =>
  typeof value === 'number' ? { N: String(value) } : { S: value };

export function tablesAws(clients: Pick<AwsClients, 'dynamodb'>): TablesAws {
  return {
    async createTable(name, partitionKey, tags) {
      try {
        await clients.dynamodb.send(
          new CreateTableCommand({
            TableName: name,
            BillingMode: 'PAY_PER_REQUEST',
            AttributeDefinitions: [{ AttributeName: partitionKey, AttributeType: 'S' }],
            KeySchema: [{ AttributeName: partitionKey, KeyType: 'HASH' }],
            Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
          }),
        );
        return { created: true };
      } catch (error) {
        if (errorName(error) === 'ResourceInUseException') return { created: false };
        throw error;
      }
    },
    async putItems(name, items, sleep) {
      for (let start = 0; start < items.length; start += BATCH) {
        let requests = items.slice(start, start + BATCH).map((item) => ({
          PutRequest: {
            Item: Object.fromEntries(Object.entries(item).map(([k, v]) => [k, attribute(v)])),
          },
        }));
        for (let attempt = 0; requests.length > 0; attempt++) {
          if (attempt > 0) await sleep(Math.min(2 ** attempt * 100, 5000));
          if (attempt > 8) throw new Error(`DynamoDB left ${requests.length} items of ${name} unwritten`);
          const out = await clients.dynamodb.send(
            new BatchWriteItemCommand({ RequestItems: { [name]: requests } }),
          );
          requests = (out.UnprocessedItems?.[name] ?? []) as typeof requests;
        }
      }
    },
    async scanItems(name) {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await clients.dynamodb.send(
          new ScanCommand({ TableName: name, ConsistentRead: true, ExclusiveStartKey: start as never }),
        );
        for (const item of page.Items ?? []) {
          items.push(
            Object.fromEntries(
              Object.entries(item).map(([key, value]) => [
                key,
                value.N !== undefined ? Number(value.N) : value.S,
              ]),
            ),
          );
        }
        start = page.LastEvaluatedKey;
      } while (start !== undefined);
      return items;
    },
    async deleteTableIfExists(name) {
      const out = await unless(['ResourceNotFoundException'], () =>
        clients.dynamodb.send(new DeleteTableCommand({ TableName: name })),
      );
      return out === undefined ? 'gone' : 'deleted';
    },
  };
}
