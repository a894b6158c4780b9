import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';

/**
 * The one policy JSON type: a policy as the template carries it and as the services return it.
 * The builders give it in the template's own form (`statement`, and `policyDocument` in
 * documents.ts); deployed text through `parsePolicy`. Comparisons and hashes use its canonical form.
 */
export type OneOrMore<T> = T | readonly T[];

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** `"*"` or principals by type (`AWS`, `Service`, `Federated`, `CanonicalUser`). */
export type PrincipalJson =
  | '*'
  | {
      readonly AWS?: OneOrMore<string>;
      readonly Service?: OneOrMore<string>;
      readonly Federated?: OneOrMore<string>;
      readonly CanonicalUser?: OneOrMore<string>;
    };

/** Condition block: operator → condition key → value(s). */
export type ConditionJson = Readonly<
  Record<string, Readonly<Record<string, OneOrMore<string | number | boolean>>>>
>;

export interface StatementJson {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: PrincipalJson;
  readonly NotPrincipal?: PrincipalJson;
  readonly Action?: OneOrMore<string>;
  readonly NotAction?: OneOrMore<string>;
  readonly Resource?: OneOrMore<string>;
  readonly NotResource?: OneOrMore<string>;
  readonly Condition?: ConditionJson;
}

export interface PolicyJson {
  readonly Version?: string;
  readonly Id?: string;
  readonly Statement: readonly StatementJson[];
}

/** Any principal, as an account principal (`{"AWS": "*"}`); `"*"` is the literal form. */
export const ANY_PRINCIPAL = { AWS: '*' } as const satisfies PrincipalJson;

/** Elements in the order the template writes them (the CDK's), so the builders' JSON is the template's. */
const ELEMENT_ORDER = [
  'Action',
  'NotAction',
  'Condition',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Resource',
  'NotResource',
  'Sid',
] as const satisfies readonly (keyof StatementJson)[];

/** One value alone, several as a list without repeats: the form the template gives lists. */
function oneOrList(values: OneOrMore<string>): OneOrMore<string> {
  if (typeof values === 'string') return values;
  const unique = [...new Set(values)];
  return unique.length === 1 ? unique[0] : unique;
}

function principalForm(principal: PrincipalJson): PrincipalJson {
  if (principal === '*') return principal;
  return Object.fromEntries(
    Object.entries(principal).map(([type, ids]) => [type, oneOrList(ids as OneOrMore<string>)]),
  );
}

/**
 * A statement in the form the synthesized template carries it: elements in the CDK's order, a
 * one-value list as its value, repeated actions, resources and principals dropped. Conditions stay
 * as written.
 */
export function statement(s: StatementJson): StatementJson {
  const formed: Record<string, unknown> = {};
  for (const element of ELEMENT_ORDER) {
    const value = s[element];
    if (value === undefined) continue;
    if (element === 'Principal' || element === 'NotPrincipal') {
      formed[element] = principalForm(value as PrincipalJson);
    } else if (element === 'Condition' || element === 'Effect' || element === 'Sid') {
      formed[element] = value;
    } else {
      formed[element] = oneOrList(value as OneOrMore<string>);
    }
  }
  return formed as unknown as StatementJson;
}

/** A policy text that is not a policy document. */
export class PolicyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyFormatError';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a policy document; a single statement object is accepted as IAM does. */
export function parsePolicy(text: string): PolicyJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PolicyFormatError(`not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(value)) throw new PolicyFormatError('not a JSON object');
  const statements = Array.isArray(value.Statement) ? value.Statement : [value.Statement];
  if (!statements.every((s) => isObject(s) && (s.Effect === 'Allow' || s.Effect === 'Deny'))) {
    throw new PolicyFormatError('its Statement is not a list of statements with an Effect');
  }
  return { ...value, Statement: statements } as PolicyJson;
}

/** The policy as sent to a service: compact JSON, the form in which the stack deploys it. */
export function policyText(policy: PolicyJson): string {
  return JSON.stringify(policy);
}

/** JSON with object keys sorted at every level; a cycle throws, as JSON.stringify does. */
export const stableStringify = configure({ circularValue: TypeError, bigint: false, deterministic: true });

const LIST_ELEMENTS = new Set(['Action', 'NotAction', 'Resource', 'NotResource']);

function sortedList(value: unknown): string[] {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  const items = list.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return [...new Set(items)].sort();
}

function normalizePrincipal(value: unknown): unknown {
  if (value === '*') return { AWS: ['*'] };
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([type, v]) => [type, sortedList(v)]));
}

function normalizeCondition(value: unknown): unknown {
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([operator, keys]) => [
      operator,
      isObject(keys)
        ? Object.fromEntries(Object.entries(keys).map(([key, v]) => [key, sortedList(v)]))
        : keys,
    ]),
  );
}

function normalizeStatement(statement: StatementJson): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [element, value] of Object.entries(statement)) {
    if (value === undefined) continue;
    if (LIST_ELEMENTS.has(element)) out[element] = sortedList(value);
    else if (element === 'Principal' || element === 'NotPrincipal') out[element] = normalizePrincipal(value);
    else if (element === 'Condition') out[element] = normalizeCondition(value);
    else out[element] = value;
  }
  return out;
}

/**
 * The policy in a form where equal meaning gives equal text, as far as it can be told without
 * evaluating it: keys sorted; one value or a list of it alike; lists of actions, resources,
 * principals and condition values sorted; `"*"` and `{"AWS": "*"}` alike; statements ordered by
 * Sid. Services may reformat a stored policy, so comparisons and hashes use this form.
 */
export function canonicalPolicy(policy: PolicyJson): Record<string, unknown> {
  const statements = policy.Statement.map(normalizeStatement).sort((a, b) => {
    const bySid = String(a.Sid ?? '').localeCompare(String(b.Sid ?? ''));
    return bySid !== 0 ? bySid : stableStringify(a).localeCompare(stableStringify(b));
  });
  const rest = Object.fromEntries(
    Object.entries(policy).filter(([k, v]) => k !== 'Statement' && v !== undefined),
  );
  return { ...rest, Statement: statements };
}

/** The canonical form as JSON text (compact, or indented for a readable diff). */
export function canonicalText(policy: PolicyJson, indent?: number): string {
  return stableStringify(canonicalPolicy(policy), null, indent);
}

export function samePolicy(a: PolicyJson, b: PolicyJson): boolean {
  return canonicalText(a) === canonicalText(b);
}

/** SHA-256 (hex) of the policy's canonical compact JSON: stable whatever the service's formatting. */
export function policyHash(policy: PolicyJson | undefined): string | null {
  if (policy === undefined) return null;
  return createHash('sha256').update(canonicalText(policy), 'utf8').digest('hex');
}

/** SHA-256 (hex) of a policy text that may not parse. */
export function textHash(text: string | undefined): string | null {
  if (text === undefined) return null;
  try {
    return policyHash(parsePolicy(text));
  } catch {
    return createHash('sha256').update(text, 'utf8').digest('hex');
  }
}

/** The parsed policy, or undefined when there is none or it is not valid JSON (shown as a drift). */
export function parsedOrUndefined(text: string | undefined): PolicyJson | undefined {
  try {
    return text === undefined ? undefined : parsePolicy(text);
  } catch {
    return undefined;
  }
}
