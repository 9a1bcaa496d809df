/** Pure helpers of the networking plan screen. */

/** One entry per line: trimmed, empty lines dropped, each entry once (the first spelling kept). */
export function splitLines(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const entry = line.trim();
    const key = entry.toLocaleLowerCase();
    if (!entry || seen.has(key)) continue;
    seen.add(key);
    out.push(entry);
  }
  return out;
}

/** Sorted by a date field (YYYY-MM-DD), the ones without a date last. */
export function byDate<T>(items: T[], date: (item: T) => string | null | undefined): T[] {
  return [...items].sort((a, b) => {
    const x = date(a) || "9999-99-99";
    const y = date(b) || "9999-99-99";
    return x.localeCompare(y);
  });
}

/** Whether a follow-up date (YYYY-MM-DD) is today or past, given today's date. */
export function followUpDue(date: string | null | undefined, today: string): boolean {
  return !!date && date <= today;
}
