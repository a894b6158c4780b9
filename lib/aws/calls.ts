import { errorName } from '../aws-errors';

/** A value AWS documents as always present; its absence is AWS's error, not the caller's. */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`AWS returned no ${what}`);
  return value;
}

export const iso = (date: Date | undefined) => date?.toISOString();

/** Calls `page` with each continuation token until AWS returns none; collects the items. */
export async function allPages<T>(
  page: (token: string | undefined) => Promise<{ items: readonly T[]; next?: string }>,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const out = await page(token);
    items.push(...out.items);
    token = out.next;
  } while (token);
  return items;
}

/** Runs `call`; an error of one of `names` (a not-found answer) becomes `undefined`. */
export async function unless<T>(names: readonly string[], call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (names.includes(errorName(error) ?? '')) return undefined;
    throw error;
  }
}
