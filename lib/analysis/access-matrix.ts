/**
 * The access matrix for reviewers: for each vault and key, which principal may call which action,
 * and which statement decides, evaluated by the IAM engine against the policies the stack deploys
 * (the builders' output, pinned equal to the synthesized template by test/stack.test.ts).
 * Rendered by `npm run report` into docs/access-matrix.md, and checked against it by a test.
 * The tables are data (access-matrix-sections.ts), the prose a template over the model
 * (access-matrix-prose.ts); this module evaluates and lays them out.
 */
import type { BackupAccountConfig } from '../config';
import { preamble } from './access-matrix-prose';
import {
  type AccessSection,
  type AlertSection,
  type FreshnessSection,
  matrixSections,
} from './access-matrix-sections';
import {
  ALERT_ASSUMPTIONS,
  type AlertPolicyName,
  ASSUMPTIONS,
  builtAlertPolicies,
  builtPolicies,
  evaluateAlert,
  type Evaluation,
  evaluate,
  type PolicyJson,
  type PolicyName,
  verdictOf,
} from './iam';

type Policies = Record<PolicyName, PolicyJson> & Record<AlertPolicyName, PolicyJson>;

/** The whole markdown document; `source` names where the configuration came from. */
export async function renderAccessMatrix(config: BackupAccountConfig, source: string): Promise<string> {
  const policies: Policies = { ...builtPolicies(config), ...builtAlertPolicies(config) };
  const lines = preamble(config, source);
  for (const section of matrixSections(config)) {
    switch (section.kind) {
      case 'access':
        lines.push(...(await accessTable(config, policies, section)), '');
        break;
      case 'alert':
        lines.push(...(await alertTable(config, policies, section)), '');
        break;
      case 'freshness':
        lines.push(...(await freshnessTable(config, policies, section)), '');
        break;
    }
  }
  lines.push('## Assumptions about the request context', '');
  for (const { text, source: from } of Object.values(ASSUMPTIONS)) lines.push(`- ${text} (${from})`);
  lines.push('', 'Alerting requests:', '');
  for (const { text, source: from } of Object.values(ALERT_ASSUMPTIONS)) lines.push(`- ${text} (${from})`);
  lines.push('');
  return lines.join('\n');
}

/** The heading and the intro of a section, each followed by a blank line. */
function opening(title: string, intro: readonly string[] = []): string[] {
  return [`## ${title}`, '', ...(intro.length > 0 ? [...intro, ''] : [])];
}

function header(first: string, headings: readonly string[]): string[] {
  return [`| ${first} | ${headings.join(' | ')} |`, `| --- | ${headings.map(() => '---').join(' | ')} |`];
}

function cell(result: Evaluation): string {
  if (result.ignoredContextKeys.length > 0) {
    throw new Error(`the engine ignored context keys ${result.ignoredContextKeys.join(', ')}`);
  }
  const { decision, sid } = verdictOf(result);
  switch (decision) {
    case 'Allowed':
      return sid ? `Allowed by \`${sid}\`` : 'Allowed (identity policy; resource policy silent)';
    case 'ExplicitlyDenied':
      return `**Denied** by \`${sid}\``;
    case 'ImplicitlyDenied':
      return 'denied (implicit)';
  }
}

async function accessTable(
  config: BackupAccountConfig,
  policies: Policies,
  section: AccessSection,
): Promise<string[]> {
  const lines = [
    ...opening(section.title),
    ...header(
      'Action',
      section.columns.map((c) => c.heading),
    ),
  ];
  for (const action of section.actions) {
    const cells: string[] = [];
    for (const column of section.columns) {
      const request = { caller: column.caller, action };
      cells.push(cell(await evaluate(config, section.policy, policies[section.policy], request)));
    }
    lines.push(`| \`${action}\` | ${cells.join(' | ')} |`);
  }
  return lines;
}

function alertCell(result: Evaluation, resourceNoun: string): string {
  if (result.ignoredContextKeys.length > 0) {
    throw new Error(`the engine ignored context keys ${result.ignoredContextKeys.join(', ')}`);
  }
  const code = (sids: readonly string[]) => sids.map((s) => `\`${s}\``).join(', ');
  const identity = result.identitySids.filter((s) => s !== '*');
  switch (result.decision) {
    case 'Allowed': {
      const parts = [
        ...(identity.length > 0 ? [`${code(identity)} (role policy)`] : []),
        ...(result.resourceSids.length > 0 ? [`${code(result.resourceSids)} (${resourceNoun})`] : []),
      ];
      if (parts.length > 0) return `Allowed by ${parts.join(' and ')}`;
      return `Allowed (identity policy; ${resourceNoun} silent)`;
    }
    case 'ExplicitlyDenied':
      return `**Denied** by \`${[...result.resourceSids, ...identity].join(', ')}\``;
    case 'ImplicitlyDenied':
      return 'denied (implicit)';
  }
}

async function alertTable(
  config: BackupAccountConfig,
  policies: Policies,
  section: AlertSection,
): Promise<string[]> {
  const lines = [
    ...opening(section.title, section.intro),
    ...header(
      'Request',
      section.columns.map((c) => c.heading),
    ),
  ];
  for (const row of section.rows) {
    const cells: string[] = [];
    for (const column of section.columns) {
      const caller = { ...column.caller, ...row.caller };
      const result = await evaluateAlert(
        config,
        { caller, action: row.action, resource: section.resource },
        { resourcePolicy: policies[section.policy] },
      );
      cells.push(alertCell(result, section.noun));
    }
    lines.push(`| ${row.label} | ${cells.join(' | ')} |`);
  }
  return lines;
}

async function freshnessTable(
  config: BackupAccountConfig,
  policies: Policies,
  section: FreshnessSection,
): Promise<string[]> {
  const lines = [...opening(section.title, section.intro), ...header('Request', ['Freshness check role'])];
  for (const r of section.requests) {
    const result = await evaluateAlert(
      config,
      { caller: r.caller, action: r.action, resource: r.resource },
      { freshnessRole: policies.freshnessRole, resourcePolicy: r.policy ? policies[r.policy] : undefined },
    );
    const noun = r.policy ? POLICY_NOUNS[r.policy] : 'no resource policy';
    lines.push(`| ${r.label} | ${alertCell(result, noun)} |`);
  }
  return [...lines, '', ...section.outro];
}

const POLICY_NOUNS: Record<PolicyName | AlertPolicyName, string> = {
  generalVault: 'general vault policy',
  ssnVault: 'SSN vault policy',
  generalKey: 'general key policy',
  ssnKey: 'SSN key policy',
  alertKey: 'alert key policy',
  alertTopic: 'topic policy',
  freshnessRole: 'role policy',
};
