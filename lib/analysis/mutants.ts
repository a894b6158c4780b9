/**
 * Mutants of a policy: each is the policy with one thing taken away or widened. If no proof notices
 * a mutant, either a proof is missing or the mutated part does nothing.
 */
import type { PolicyJson, StatementJson } from '../policies/policy-json';

export interface Mutant {
  /** What was changed, e.g. `remove condition Null kms:ViaService of DenySSNKeyDecryptOperations`. */
  readonly description: string;
  readonly policy: PolicyJson;
  /** The position of the changed statement in the original policy, from 1 (the engine's numbering). */
  readonly statementIndex: number;
  /** Whether the change widens the statement's principal (every other change only removes). */
  readonly widensPrincipal: boolean;
}

/** Which statements of the original policy apply to a request (see `applyingStatements`). */
export interface ApplyingStatements {
  /** Action, resource and principal match: the statement counts, if its conditions hold. */
  readonly matching: ReadonlySet<number>;
  /** Action and resource match, whoever the principal. */
  readonly anyPrincipal: ReadonlySet<number>;
}

/**
 * Whether the mutant can change the decision of a request. A statement whose action, resource or
 * principal does not match a request takes no part in its decision; a mutant only removes parts of
 * one statement (or widens its principal), so it cannot make the statement match an action or
 * resource it did not match, nor, unless it widens it, a principal: the request is decided as
 * before. The mutation tests skip such requests.
 */
export function mayChange(mutant: Mutant, applying: ApplyingStatements): boolean {
  return (mutant.widensPrincipal ? applying.anyPrincipal : applying.matching).has(mutant.statementIndex);
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
    const of = { statementIndex: i + 1, widensPrincipal: false };
    mutants.push({
      ...of,
      description: `remove statement ${name(i)}`,
      policy: { ...policy, Statement: statements.filter((_, j) => j !== i) },
    });
    for (const [operator, entries] of Object.entries(statement.Condition ?? {})) {
      for (const [key, value] of Object.entries(entries)) {
        mutants.push({
          ...of,
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
              ...of,
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
          ...of,
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
          ...of,
          widensPrincipal: true,
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
