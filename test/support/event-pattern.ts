/**
 * An offline EventBridge event-pattern matcher for the tests, covering exactly the operators the
 * stack's rules use: value lists (strings, booleans, numbers, null), `prefix`, `exists`, `anything-but`
 * (a value or a list of values) and `$or`. No maintained npm package evaluates EventBridge patterns
 * offline; EventBridge's own `TestEventPattern` is an API call. Any other operator (numeric, suffix,
 * wildcard, cidr, equals-ignore-case, …) is refused, so a rule that starts using one fails its tests
 * until the matcher learns it.
 *
 * Semantics, from the Amazon EventBridge User Guide ("Event patterns", "Comparison operators",
 * "Arrays in event patterns"):
 * - every field of the pattern must match (AND); the values listed for a field are alternatives (OR);
 *   fields of the event that the pattern does not name are ignored;
 * - a field whose value in the event is an array matches when any element matches; arrays of
 *   objects are looked into, so a path matches the values it reaches in any element;
 * - `exists` and the other operators apply to leaf values only (an object is not a leaf): a field
 *   that is absent, or holds an object, does not exist; `exists: false` matches such a field;
 * - `anything-but` matches a leaf value other than those listed, and never an absent field;
 * - `$or` lists patterns of which at least one must match, besides the other fields of its object.
 */
type Json = unknown;
type Matcher = string | number | boolean | null | Record<string, Json>;

const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The objects reached from `nodes` by `key`, looking into arrays. */
function children(nodes: readonly Json[], key: string): Json[] {
  const out: Json[] = [];
  const add = (value: Json) => {
    if (Array.isArray(value)) value.forEach(add);
    else if (isObject(value)) out.push(value);
  };
  for (const node of nodes) if (isObject(node)) add(node[key]);
  return out;
}

/** The leaf values reached from `nodes` by `key`, looking into arrays. */
function leaves(nodes: readonly Json[], key: string): Json[] {
  const out: Json[] = [];
  const add = (value: Json) => {
    if (Array.isArray(value)) value.forEach(add);
    else if (!isObject(value) && value !== undefined) out.push(value);
  };
  for (const node of nodes) if (isObject(node)) add(node[key]);
  return out;
}

const equal = (a: Json, b: Json) =>
  typeof a === 'number' && typeof b === 'number' ? a === b : Object.is(a, b) || a === b;

function matchesOne(matcher: Matcher, values: readonly Json[]): boolean {
  if (!isObject(matcher)) return values.some((v) => equal(v, matcher));
  const entries = Object.entries(matcher);
  if (entries.length !== 1) throw new Error(`unsupported matcher ${JSON.stringify(matcher)}`);
  const [[operator, operand]] = entries;
  switch (operator) {
    case 'exists':
      if (typeof operand !== 'boolean') throw new Error('exists takes true or false');
      return operand ? values.length > 0 : values.length === 0;
    case 'prefix':
      if (typeof operand !== 'string') throw new Error('only a string prefix is supported');
      return values.some((v) => typeof v === 'string' && v.startsWith(operand));
    case 'anything-but': {
      if (isObject(operand)) throw new Error(`unsupported anything-but ${JSON.stringify(operand)}`);
      const excluded = Array.isArray(operand) ? operand : [operand];
      return values.some((v) => !excluded.some((e) => equal(v, e)));
    }
    default:
      throw new Error(`unsupported operator ${operator}`);
  }
}

function matchesAt(pattern: Json, nodes: readonly Json[]): boolean {
  if (!isObject(pattern)) throw new Error(`a pattern is an object, not ${JSON.stringify(pattern)}`);
  return Object.entries(pattern).every(([key, value]) => {
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2) throw new Error('$or takes a list of patterns');
      return value.some((alternative) => matchesAt(alternative, nodes));
    }
    if (Array.isArray(value)) {
      if (value.length === 0) throw new Error(`the field ${key} lists no value`);
      const found = leaves(nodes, key);
      return (value as Matcher[]).some((matcher) => matchesOne(matcher, found));
    }
    if (isObject(value)) return matchesAt(value, children(nodes, key));
    throw new Error(`the field ${key} must hold a list or an object, not ${JSON.stringify(value)}`);
  });
}

/** Whether `event` matches `pattern` (both as EventBridge sees them: `detail-type`, not `detailType`). */
export function matchesEventPattern(pattern: Json, event: Json): boolean {
  return matchesAt(pattern, [event]);
}

/** A pattern as the CDK writes it (`detailType`), as EventBridge receives it (`detail-type`). */
export function asDeployed(pattern: Record<string, Json>): Record<string, Json> {
  return Object.fromEntries(
    Object.entries(pattern)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k === 'detailType' ? 'detail-type' : k, v]),
  );
}
