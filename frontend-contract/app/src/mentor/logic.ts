/**
 * The mentor screens' pure logic (no calls, no DOM): who the mentees are among the matches,
 * which meetings are coming, which held ones still need a report, a meeting's times for the API,
 * and the language rows of the mentor's profile. Tested in ./logic.test.ts.
 */
import type { ApiComponents } from "@helix/client";

type Match = ApiComponents["schemas"]["Match"];
type Meeting = ApiComponents["schemas"]["Meeting"];
type LanguageSkill = ApiComponents["schemas"]["LanguageSkill"];

/** The mentor's talent–mentor matches split by state: active first, then paused, then proposed. */
export function menteeMatches(matches: Match[]): { active: Match[]; paused: Match[]; proposed: Match[] } {
  const mine = matches.filter((match) => match.kind === "talent_mentor" && match.talent?.id);
  const byName = (a: Match, b: Match) => (a.talent?.name ?? "").localeCompare(b.talent?.name ?? "");
  return {
    active: mine.filter((match) => match.state === "active").sort(byName),
    paused: mine.filter((match) => match.state === "paused").sort(byName),
    proposed: mine.filter((match) => match.state === "proposed").sort(byName),
  };
}

/** Meetings split for the mentor: coming (soonest first), held ones waiting for their report
 * (the planner's, not cancelled, started already), and the other past ones (newest first). */
export function sortMeetings(meetings: Meeting[], me: string, now: number = Date.now()) {
  const started = (meeting: Meeting) => new Date(meeting.starts_at).getTime() <= now;
  const live = meetings.filter((meeting) => meeting.status !== "cancelled");
  const upcoming = meetings
    .filter((meeting) => new Date(meeting.ends_at).getTime() > now && !started(meeting))
    .sort((a, b) => a.starts_at.localeCompare(b.starts_at));
  const toReport = live
    .filter((meeting) => started(meeting) && meeting.planner?.id === me && !meeting.has_report)
    .sort((a, b) => b.starts_at.localeCompare(a.starts_at));
  const waiting = new Set(toReport.map((meeting) => meeting.id));
  const past = meetings
    .filter((meeting) => started(meeting) && !waiting.has(meeting.id))
    .sort((a, b) => b.starts_at.localeCompare(a.starts_at));
  return { upcoming, toReport, past };
}

/** A `datetime-local` value ("2026-12-07T10:00", the browser's own time) as ISO 8601 with its
 * offset; "" when empty or not a date (the server then says the field is needed). */
export function localToIso(value: string): string {
  if (!value) return "";
  const moment = new Date(value);
  return Number.isNaN(moment.getTime()) ? "" : moment.toISOString();
}

/** A moment as a `datetime-local` value in the browser's own time. */
export function isoToLocal(value: string | Date): string {
  const moment = typeof value === "string" ? new Date(value) : value;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}T${pad(moment.getHours())}:${pad(moment.getMinutes())}`;
}

/** The end of a meeting that starts at `start` (a `datetime-local` value) and lasts `minutes`. */
export function endAfter(start: string, minutes = 60): string {
  if (!start) return "";
  const moment = new Date(start);
  if (Number.isNaN(moment.getTime())) return "";
  return isoToLocal(new Date(moment.getTime() + minutes * 60_000));
}

/** The language rows to send: empty rows dropped, a language only once (the first row wins). */
export function cleanLanguages(rows: { language: string; level: string }[]): LanguageSkill[] {
  const seen = new Set<string>();
  const kept: LanguageSkill[] = [];
  for (const row of rows) {
    const language = row.language.trim().toLowerCase();
    if (!language || !row.level || seen.has(language)) continue;
    seen.add(language);
    kept.push({ language, level: row.level as LanguageSkill["level"] });
  }
  return kept;
}

/** How far a roadmap or plan is: the share of steps done, 0 to 100. */
export function percentDone(done: number, total: number): number {
  if (!total || total < 0) return 0;
  return Math.round((Math.min(Math.max(done, 0), total) / total) * 100);
}
