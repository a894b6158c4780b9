import * as z from 'zod';
import { isKnownRegion, nearestRegion } from './regions';
import { scheduleProblem } from './schedule';

/**
 * Field rules for the configuration keys: each schema's messages name the value received and
 * what is allowed. Limits come from AWS's documented formats (cited per rule).
 */

/** Renders a received value for an error message, short enough for one line. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `the ${typeof value}`;
}

/** What was received, for "got …": its type and value ("the string \"90\"", "null"). */
export function received(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return `a number too large to use (JSON reads it as ${String(value)})`;
  }
  return `${typeOf(value)} ${show(value)}`;
}

/** A string schema whose type error says what was received instead. */
function text(expected: string) {
  return z.string({
    error: (iss) =>
      iss.input === undefined
        ? `is required (${expected})`
        : `must be ${expected}, got ${received(iss.input)}`,
  });
}

/** An AWS account ID: 12 digits, as a string (a JSON number would lose leading zeros). */
export const accountId = z
  .string({
    error: (iss) =>
      typeof iss.input === 'number'
        ? `must be a string of 12 digits, got the number ${iss.input}: quote it ("${iss.input}")`
        : iss.input === undefined
          ? 'is required (a string of 12 digits)'
          : `must be a string of 12 digits, got ${received(iss.input)}`,
  })
  .regex(/^\d{12}$/, { error: (iss) => `must be 12 digits, got ${show(iss.input)}` });

/** An AWS Organizations ID (Organizations API reference: `^o-[a-z0-9]{10,32}$`). */
export const organizationId = text('an AWS Organizations ID such as "o-a1b2c3d4e5"').regex(
  /^o-[a-z0-9]{10,32}$/,
  {
    error: (iss) =>
      `must be an AWS Organizations ID: "o-" then 10 to 32 lowercase letters or digits, got ${show(iss.input)}`,
  },
);

/** An AWS region that exists: one of the regions of aws-cdk-lib's region table (see regions.ts). */
export const region = text('an AWS region name such as "us-west-2"').superRefine((value, ctx) => {
  if (isKnownRegion(value)) return;
  const near = nearestRegion(value);
  ctx.addIssue({
    code: 'custom',
    message: `must be an AWS region name such as "us-west-2", got ${show(value)}${near ? `; did you mean "${near}"?` : ''}`,
  });
});

/** Backup vault names (AWS Backup API reference, CreateBackupVault: `^[a-zA-Z0-9\-\_]{2,50}$`). */
export const vaultName = text('a backup vault name').regex(/^[a-zA-Z0-9_-]{2,50}$/, {
  error: (iss) =>
    `must be 2 to 50 letters, digits, hyphens or underscores (AWS Backup's vault naming rule), got ${show(iss.input)}`,
});

/** How a list's entries are called in messages: one AWS account ID, a list of AWS account IDs. */
export interface Noun {
  readonly one: string;
  readonly many: string;
}

/**
 * A list of `what`, each entry checked by `item`; the type error says what was received instead,
 * and how to write a text as a list (comma-separated text is accepted from `-c` only).
 */
function listOf<T extends z.ZodType<string>>(item: T, what: Noun) {
  return z.array(item, {
    error: (iss) => {
      if (iss.input === undefined) return `is required (a non-empty list of ${what.many})`;
      const hint =
        typeof iss.input === 'string'
          ? `: write it as a JSON list, ${show(iss.input.split(',').map((entry) => entry.trim()))}`
          : '';
      return `must be a list of ${what.many}, got ${received(iss.input)}${hint}`;
    },
  });
}

/** Reports each entry that repeats an earlier one; `normalize` decides which entries count as the same. */
function noDuplicates(normalize: (value: string) => string = (value) => value) {
  return (values: string[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    values.forEach((value, index) => {
      const key = normalize(value);
      if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', path: [index], message: `${show(value)} is listed twice` });
      }
      seen.add(key);
    });
  };
}

/** A non-empty list without duplicates, each entry checked by `item`. */
export function uniqueList<T extends z.ZodType<string>>(item: T, what: Noun) {
  return listOf(item, what)
    .min(1, { error: `must list at least one ${what.one}` })
    .superRefine(noDuplicates());
}

/**
 * Resource tags (AWS Tagging Best Practices / Resource Groups Tagging API): at most 50 tags;
 * keys 1 to 128 characters, values at most 256; letters, digits, spaces and `_ . : / = + - @`;
 * the `aws:` prefix is reserved for AWS.
 */
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
export const tags = z
  .record(z.string(), z.unknown(), {
    error: (iss) => `must be an object of tag names to string values, got ${received(iss.input)}`,
  })
  .superRefine((record, ctx) => {
    const entries = Object.entries(record);
    if (entries.length > 50) {
      ctx.addIssue({ code: 'custom', message: `has ${entries.length} tags; AWS allows at most 50` });
    }
    for (const [key, value] of entries) {
      const problems: string[] = [];
      if (key.length < 1 || key.length > 128)
        problems.push(`its key must be 1 to 128 characters long (has ${key.length})`);
      if (key.toLowerCase().startsWith('aws:'))
        problems.push('its key must not start with "aws:", which AWS reserves');
      if (!TAG_CHARACTERS.test(key))
        problems.push('its key may hold only letters, digits, spaces and _ . : / = + - @');
      if (typeof value !== 'string') {
        problems.push(`its value must be a string, got ${received(value)}`);
      } else {
        if (value.length > 256)
          problems.push(`its value must be at most 256 characters long (has ${value.length})`);
        if (!TAG_CHARACTERS.test(value))
          problems.push('its value may hold only letters, digits, spaces and _ . : / = + - @');
      }
      for (const message of problems) ctx.addIssue({ code: 'custom', path: [key], message });
    }
  })
  .transform((record) => record as Record<string, string>);

/** `count` and its unit, singular for one: "1 hour", "3 days". */
function quantity(count: number, unit: Noun): string {
  return `${count} ${count === 1 ? unit.one : unit.many}`;
}

/**
 * A whole number of `unit` (days, hours) within [min, max]. A number written as text is named as
 * such (text becomes a number only on the command line).
 */
function wholeNumber(unit: Noun, min: number, max: number) {
  return z
    .number({
      error: (iss) => {
        const asText = typeof iss.input === 'string' && /^\s*\d+\s*$/.test(iss.input);
        const hint = asText ? `: write it without quotes, ${iss.input.trim()}` : '';
        return `must be a whole number of ${unit.many}, got ${received(iss.input)}${hint}`;
      },
    })
    .int({ error: (iss) => `must be a whole number of ${unit.many}, got ${show(iss.input)}` })
    .min(min, { error: (iss) => `must be at least ${quantity(min, unit)}, got ${show(iss.input)}` })
    .max(max, { error: (iss) => `must be at most ${quantity(max, unit)}, got ${show(iss.input)}` });
}

/** A whole number of days within [min, max]. */
export function days(min: number, max: number) {
  return wholeNumber({ one: 'day', many: 'days' }, min, max);
}

/**
 * A list without duplicates that may be empty; `normalize` decides which entries count as the same
 * (e-mail addresses: their case does not matter to delivery).
 */
export function distinctList<T extends z.ZodType<string>>(
  item: T,
  what: Noun,
  normalize: (value: string) => string = (value) => value,
) {
  return listOf(item, what).superRefine(noDuplicates(normalize));
}

/**
 * An e-mail address for an SNS e-mail subscription: a practical check (something, one "@", a domain
 * with a dot, no spaces), not the whole of RFC 5322; SNS sends a confirmation to the address.
 */
export const emailAddress = text('an e-mail address such as "alerts@example.com"').regex(
  /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  { error: (iss) => `must be an e-mail address such as "alerts@example.com", got ${show(iss.input)}` },
);

/** A whole number of minutes within [min, max]. */
export function minutes(min: number, max: number) {
  return wholeNumber({ one: 'minute', many: 'minutes' }, min, max);
}

/** true or false; text ("true") is named as such (text becomes a boolean only on the command line). */
export const flag = z.boolean({
  error: (iss) =>
    typeof iss.input === 'string' && /^(true|false)$/.test(iss.input.trim())
      ? `must be true or false, got ${received(iss.input)}: write it without quotes, ${iss.input.trim()}`
      : `must be true or false, got ${received(iss.input)}`,
});

/** A whole number of hours within [min, max]. */
export function hours(min: number, max: number) {
  return wholeNumber({ one: 'hour', many: 'hours' }, min, max);
}

/** An AWS Backup restore testing schedule: `cron(…)` with six fields, that runs (see schedule.ts). */
export const restoreTestingSchedule = text(
  'an AWS Backup schedule expression such as "cron(0 5 ? * SUN *)"',
).superRefine((value, ctx) => {
  const problem = scheduleProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `${problem}, got ${show(value)}` });
});
