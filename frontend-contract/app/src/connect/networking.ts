/** Pure helpers of the networking plan screen (tested in ./talent.test.ts). */
import type { ApiComponents } from "@helix/client";

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

type Values = Record<string, string>;
type Schemas = ApiComponents["schemas"];

/** The add form's fields prefilled from an existing item, to change it (no value: an empty field). */
export function prefilled<F extends { name: string; initial?: string }>(fields: F[], item: object): F[] {
  const values = item as Record<string, unknown>;
  return fields.map((field) => ({ ...field, initial: values[field.name] == null ? "" : String(values[field.name]) }));
}

/** A goal as the API takes it, from the form's values (adding and changing). */
export function goalBody(values: Values): Schemas["PlanGoalRequest"] {
  return {
    description: values.description ?? "",
    term: (values.term || "short") as Schemas["PlanGoalRequest"]["term"],
    measurable_target: values.measurable_target ?? "",
    target_date: values.target_date ?? "",
  };
}

/** A milestone as the API takes it: no goal chosen is null. */
export function milestoneBody(values: Values): Schemas["PlanMilestoneRequest"] {
  return { title: values.title ?? "", due_date: values.due_date ?? "", goal: values.goal || null };
}

/** A contact as the API takes it: a cleared follow-up date is null (no reminder). */
export function contactBody(values: Values): Schemas["PlanContactRequest"] {
  return {
    name: values.name ?? "",
    organisation: values.organisation ?? "",
    tie: (values.tie || "weak") as Schemas["PlanContactRequest"]["tie"],
    how_met: values.how_met ?? "",
    notes: values.notes ?? "",
    next_follow_up: values.next_follow_up || null,
  };
}
