import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DRILL_PERMISSIONS } from '../../lib/drill/permissions';
import { drillPlan } from '../../lib/drill/plan';
import { PROJECT_ROOT } from '../support/config';
import { settings } from './world';

/** The permissions block of docs/drill.md, as it must read (blank lines around the list, as oxfmt keeps it). */
function permissionsBlock(): string {
  return [
    '<!-- drill-permissions -->',
    '',
    `- Source account: ${DRILL_PERMISSIONS.source.map((a) => `\`${a}\``).join(', ')}`,
    `- Backup account: ${DRILL_PERMISSIONS.backup.map((a) => `\`${a}\``).join(', ')}`,
    '',
    '<!-- /drill-permissions -->',
  ].join('\n');
}

test("docs/drill.md lists the drill's permissions as the code has them", () => {
  const doc = readFileSync(join(PROJECT_ROOT, 'docs', 'drill.md'), 'utf8');
  const start = doc.indexOf('<!-- drill-permissions -->');
  const end = doc.indexOf('<!-- /drill-permissions -->') + '<!-- /drill-permissions -->'.length;
  expect(doc.slice(start, end)).toBe(permissionsBlock());
});

test('every call the plan names is an action the permissions list', () => {
  const plan = drillPlan({
    format: 'compactconnect-backup-drill/1',
    id: '20300301-abc123',
    createdAt: '',
    settings,
    resources: {},
    steps: {},
  });
  const allowed = new Set<string>([...DRILL_PERMISSIONS.source, ...DRILL_PERMISSIONS.backup]);
  const called = plan.flatMap((s) => s.calls.map((c) => c.split(' ')[0]));
  expect(called.filter((action) => !allowed.has(action))).toEqual([]);
  expect(called.length).toBeGreaterThan(15);
});
