import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './config';

/**
 * The IAM actions a part of the code can call: every `…Command` it imports from an AWS SDK client
 * package (`@aws-sdk/client-kms` → `kms:`), named as IAM names the action, in each folder or file.
 * Read from the source, so that a command added to the code is a permission the documentation must
 * list.
 */
/** Commands whose IAM action has another name (S3 authorizes these under the action given). */
const IAM_NAME: Readonly<Record<string, string>> = {
  's3:HeadObject': 's3:GetObject',
  's3:ListObjectsV2': 's3:ListBucket',
  's3:GetObjectLockConfiguration': 's3:GetBucketObjectLockConfiguration',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
};

export function sdkActions(folders: readonly string[]): string[] {
  const actions = new Set<string>();
  for (const folder of folders) {
    for (const file of sourceFiles(join(PROJECT_ROOT, folder))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(
        /import\s*(type\s+)?\{([^}]*)\}\s*from\s*'@aws-sdk\/client-([a-z0-9-]+)'/g,
      )) {
        if (match[1]) continue;
        for (const name of match[2].split(',').map((part) => part.trim())) {
          const command = /^([A-Z]\w*)Command$/.exec(name);
          if (command) {
            const action = `${match[3]}:${command[1]}`;
            actions.add(IAM_NAME[action] ?? action);
          }
        }
      }
    }
  }
  return [...actions].sort();
}

function sourceFiles(folder: string): string[] {
  if (statSync(folder).isFile()) return [folder];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}
