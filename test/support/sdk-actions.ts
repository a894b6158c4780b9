import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './config';

/**
 * The IAM actions a part of the code can call, read from the source so that a call added to the
 * code is a permission the documentation must list. Two ways lead to AWS:
 * - a `…Command` the code imports from an AWS SDK client package (`@aws-sdk/client-kms` → `kms:`);
 * - a method of the one AWS interface (lib/aws) that the code calls (`.putKeyPolicy(`), which
 *   stands for every command that method's body sends.
 */
/** Commands whose IAM action has another name (S3 authorizes these under the action given). */
const IAM_NAME: Readonly<Record<string, string>> = {
  's3:HeadObject': 's3:GetObject',
  's3:ListObjectsV2': 's3:ListBucket',
  's3:GetObjectLockConfiguration': 's3:GetBucketObjectLockConfiguration',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
};

/** Where the one AWS interface maps its methods onto SDK commands. */
export const AWS_FOLDER = 'lib/aws';

/** Each `…Command` a source file imports (not `import type`), as the IAM action it needs. */
function importedActions(text: string): Map<string, string> {
  const actions = new Map<string, string>();
  for (const match of text.matchAll(
    /import\s*(type\s+)?\{([^}]*)\}\s*from\s*'@aws-sdk\/client-([a-z0-9-]+)'/g,
  )) {
    if (match[1]) continue;
    for (const name of match[2].split(',').map((part) => part.trim())) {
      const command = /^([A-Z]\w*)Command$/.exec(name);
      if (command) {
        const action = `${match[3]}:${command[1]}`;
        actions.set(name, IAM_NAME[action] ?? action);
      }
    }
  }
  return actions;
}

/**
 * Each method of lib/aws and the actions its body sends. The mapping files build their methods in
 * one object literal (`return { async name(…) {…}, name: (…) => …, }`), one method per property at
 * the literal's indentation; a method's body runs to the next property.
 */
export function methodActions(): Map<string, string[]> {
  const methods = new Map<string, string[]>();
  for (const file of sourceFiles(join(PROJECT_ROOT, AWS_FOLDER))) {
    const text = readFileSync(file, 'utf8');
    const commands = importedActions(text);
    if (commands.size === 0) continue;
    const starts = [...text.matchAll(/^ {4}(?:async )?(\w+)(?:\(|: )/gm)];
    starts.forEach((start, i) => {
      const body = text.slice(start.index, starts[i + 1]?.index ?? text.length);
      const sent = [...body.matchAll(/new (\w+Command)\(/g)].flatMap((m) => commands.get(m[1]) ?? []);
      if (sent.length > 0) methods.set(start[1], [...new Set([...(methods.get(start[1]) ?? []), ...sent])]);
    });
  }
  return methods;
}

export function sdkActions(folders: readonly string[]): string[] {
  const methods = methodActions();
  const actions = new Set<string>();
  for (const folder of folders) {
    for (const file of sourceFiles(join(PROJECT_ROOT, folder))) {
      const text = readFileSync(file, 'utf8');
      for (const action of importedActions(text).values()) actions.add(action);
      if (file.startsWith(join(PROJECT_ROOT, AWS_FOLDER))) continue;
      for (const call of text.matchAll(/\.(\w+)\(/g))
        for (const action of methods.get(call[1]) ?? []) actions.add(action);
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
