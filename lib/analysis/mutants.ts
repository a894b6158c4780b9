/**
 * Mutants of a policy: each is the policy with one thing taken away or widened. If no proof notices
 * a mutant, either a proof is missing or the mutated part does nothing.
 */
import type { PolicyJson, StatementJson } from '../policies/policy-json';

export interface Mutant {
  /** What was changed, e.g. `remove condition Null kms:ViaService of DenySSNKeyDecryptOperations`. */
  readonly description: string;
  readonly policy: PolicyJson;
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
    mutants.push({
      description: `remove statement ${name(i)}`,
      policy: { ...policy, Statement: statements.filter((_, j) => j !== i) },
    });
    for (const [operator, entries] of Object.entries(statement.Condition ?? {})) {
      for (const [key, value] of Object.entries(entries)) {
        mutants.push({
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
