import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A fresh temporary folder, removed after the test file that asked for it has run (cleanup.ts). */
export function tempFolder(prefix: string): string {
  const path = mkdtempSync(join(tmpdir(), prefix));
  made.push(path);
  return path;
}

/** Removes every folder `tempFolder` made; run after each test file. */
export function removeTempFolders(): void {
  for (const path of made.splice(0)) rmSync(path, { recursive: true, force: true });
}
