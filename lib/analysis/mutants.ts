/**
 * Mutants of a policy: each is the policy with one thing taken away or widened. If no proof notices
 * a mutant, either a proof is missing or the mutated part does nothing.
 */
import type { PolicyJson, StatementJson } from '../policies/policy-json';

/** What a mutant changes in its statement. */
export type MutantChange =
  | { readonly kind: 'statement' }
  | { readonly kind: 'action' }
  | { readonly kind: 'principal' }
  /** The condition entry (operator and key) removed. */
  | { readonly kind: 'condition'; readonly operator: string; readonly key: string }
  /** One value of the condition entry removed. */
  | { readonly kind: 'value'; readonly operator: string; readonly key: string };

export interface Mutant {
  /** What was changed, e.g. `remove condition Null kms:ViaService of DenySSNKeyDecryptOperations`. */
  readonly description: string;
  readonly policy: PolicyJson;
  /** The position of the changed statement in the original policy, from 1 (the engine's numbering). */
  readonly statementIndex: number;
  readonly change: MutantChange;
}

/** One condition entry of a statement, and whether it held for a request. */
export interface ConditionOutcome {
  readonly operator: string;
  readonly key: string;
  readonly holds: boolean;
}

/** Which statements of the original policy apply to a request (see `applyingStatements`). */
export interface ApplyingStatements {
  /** Action, resource and principal match: the statement counts, if its conditions hold. */
  readonly matching: ReadonlySet<number>;
  /** Action and resource match, whoever the principal. */
  readonly anyPrincipal: ReadonlySet<number>;
  /**
   * The outcome of each condition entry of the statements in `anyPrincipal`, as far as the engine
   * reported them; an entry not reported is taken as unknown (it may hold or not).
   */
  readonly conditions: ReadonlyMap<number, readonly ConditionOutcome[]>;
}

const sameEntry = (c: ConditionOutcome, operator: string, key: string) =>
  c.operator.toLowerCase() === operator.toLowerCase() && c.key.toLowerCase() === key.toLowerCase();

/**
 * Whether the mutant can change the decision of a request. The decision depends on which statements
 * apply (action, resource, principal and every condition entry match) and on how their principals
 * match. A mutant changes one part of one statement, so it changes the decision only where that
 * changes whether (or how) the statement applies:
 * - a removed statement or action: only where the statement applied (no action is added, so it
 *   cannot start to apply);
 * - a removed condition entry: only where that entry failed and no other entry failed;
 * - a removed value of an entry: only where no other entry failed (the entry may flip either way);
 * - a principal widened to "*": wherever action and resource match and no entry failed (even a
 *   matching principal may match differently, an account's root against "*").
 * The mutation tests skip the requests for which this is false.
 */
export function mayChange(mutant: Mutant, applying: ApplyingStatements): boolean {
  const at = mutant.statementIndex;
  const outcomes = applying.conditions.get(at) ?? [];
  const change = mutant.change;
  const failedOther = (c: ConditionOutcome) =>
    !c.holds &&
    !(change.kind === 'condition' || change.kind === 'value'
      ? sameEntry(c, change.operator, change.key)
      : false);
  if (outcomes.some(failedOther)) return false;
  switch (change.kind) {
    case 'principal':
      return applying.anyPrincipal.has(at);
    case 'statement':
    case 'action':
    case 'value':
      return applying.matching.has(at);
    case 'condition':
      return (
        applying.matching.has(at) &&
        !outcomes.some((c) => c.holds && sameEntry(c, change.operator, change.key))
      );
  }
}

type MutableStatement = {
  -readonly [K in keyof StatementJson]: StatementJson[K] extends infer V ? V : never;
} & {
  Condition?: Record<string, Record<string, string | string[]>>;
  Principal?: Record<string, string | string[]>;
};

/**
 * Every mutant of the policy:
 * - each statement removed;
 * - each condition entry (operator and key) removed;
 * - each value of a multi-valued condition removed;
 * - each action of a multi-action statement removed;
 * - each principal widened to "*" (skipped where it is "*" already).
 * With `only`, just the statements it accepts are mutated (the others are kept as they are).
 */
export function mutantsOf(policy: PolicyJson, only?: (statement: StatementJson) => boolean): Mutant[] {
  const mutants: Mutant[] = [];
  const statements = policy.Statement;
  const name = (i: number) => statements[i].Sid ?? `statement #${i + 1}`;
  const withStatement = (i: number, change: (s: MutableStatement) => void): PolicyJson => {
    const copy = structuredClone(policy) as { Version: string; Statement: MutableStatement[] };
    change(copy.Statement[i]);
    return copy;
  };
  statements.forEach((statement, i) => {
    if (only && !only(statement)) return;
    const at = { statementIndex: i + 1 };
    mutants.push({
      ...at,
      change: { kind: 'statement' },
      description: `remove statement ${name(i)}`,
      policy: { ...policy, Statement: statements.filter((_, j) => j !== i) },
    });
    for (const [operator, entries] of Object.entries(statement.Condition ?? {})) {
      for (const [key, value] of Object.entries(entries)) {
        mutants.push({
          ...at,
          change: { kind: 'condition', operator, key },
          description: `remove condition ${operator} ${key} of ${name(i)}`,
          policy: withStatement(i, (s) => {
            const condition = s.Condition as Record<string, Record<string, unknown>>;
            delete condition[operator][key];
            if (Object.keys(condition[operator]).length === 0) delete condition[operator];
            if (Object.keys(condition).length === 0) delete s.Condition;
          }),
        });
        if (Array.isArray(value) && value.length > 1) {
          for (const dropped of value) {
            mutants.push({
              ...at,
              change: { kind: 'value', operator, key },
              description: `remove value ${dropped} from condition ${operator} ${key} of ${name(i)}`,
              policy: withStatement(i, (s) => {
                const condition = s.Condition as Record<string, Record<string, string[]>>;
                condition[operator][key] = condition[operator][key].filter((v) => v !== dropped);
              }),
            });
          }
        }
      }
    }
    if (Array.isArray(statement.Action) && statement.Action.length > 1) {
      for (const dropped of statement.Action) {
        mutants.push({
          ...at,
          change: { kind: 'action' },
          description: `remove action ${dropped} from ${name(i)}`,
          policy: withStatement(i, (s) => {
            s.Action = (s.Action as string[]).filter((a) => a !== dropped);
          }),
        });
      }
    }
    for (const [type, value] of Object.entries(statement.Principal ?? {})) {
      const values: readonly string[] = typeof value === 'string' ? [value] : value;
      values.forEach((principal, k) => {
        if (principal === '*') return;
        mutants.push({
          ...at,
          change: { kind: 'principal' },
          description: `widen principal ${principal} of ${name(i)} to "*"`,
          policy: withStatement(i, (s) => {
            const principals = s.Principal as Record<string, string | string[]>;
            principals[type] = typeof value === 'string' ? '*' : values.map((p, j) => (j === k ? '*' : p));
          }),
        });
      });
    }
  });
  return mutants;
}
