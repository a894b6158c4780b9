import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BackupAccountConfig, validateConfig } from '../../lib/config';

export const PROJECT_ROOT = join(__dirname, '..', '..');

/** The raw example configuration, as operators copy it. */
export function exampleContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, 'backup-account.example.json'), 'utf8'));
}

/** The example with real-looking IDs in place of its placeholders, as an operator's finished file has them. */
export function operatorContext(): Record<string, unknown> {
  return {
    ...exampleContext(),
    backup_account_id: '123456789012',
    organization_id: 'o-a1b2c3d4e5',
    source_account_ids: ['210987654321'],
  };
}

/** A fresh folder holding the example configuration file, as a clone has it; removed after each test. */
export function exampleFolder(prefix: string): { readonly path: string } {
  const folder = { path: '' };
  beforeEach(() => {
    folder.path = mkdtempSync(join(tmpdir(), prefix));
    copyFileSync(
      join(PROJECT_ROOT, 'backup-account.example.json'),
      join(folder.path, 'backup-account.example.json'),
    );
  });
  afterEach(() => rmSync(folder.path, { recursive: true, force: true }));
  return folder;
}

/** The example configuration with some raw keys replaced, validated. */
export function configWith(overrides: Record<string, unknown> = {}): BackupAccountConfig {
  return validateConfig({ ...exampleContext(), ...overrides }, 'test');
}
