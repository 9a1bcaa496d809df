import { describe, expect, it } from "vitest";
import type { ApiComponents } from "@helix/client";
import { cleanLanguages, endAfter, isoToLocal, localToIso, menteeMatches, percentDone, sortMeetings } from "./logic";

type Match = ApiComponents["schemas"]["Match"];
type Meeting = ApiComponents["schemas"]["Meeting"];

const person = (id: string, name: string) => ({ id, name, role: "talent" });

function match(id: string, state: string, name: string, kind = "talent_mentor"): Match {
  return { id, kind, state, talent: person(`t-${id}`, name), mentor: person("me", "Pieter") } as unknown as Match;
}

function meeting(id: string, starts: string, ends: string, extra: Partial<Meeting> = {}): Meeting {
  return {
    id,
    starts_at: starts,
    ends_at: ends,
    status: "scheduled",
    planner: { id: "me", name: "Pieter", role: "mentor" },
    has_report: false,
    ...extra,
  } as unknown as Meeting;
}

describe("menteeMatches", () => {
  it("keeps the talent–mentor matches, split by state and sorted by name", () => {
    const split = menteeMatches([
      match("1", "active", "Zaid"),
      match("2", "active", "Amal"),
      match("3", "paused", "Omar"),
      match("4", "proposed", "Lina"),
      match("5", "active", "Org", "mentor_organisation"),
      match("6", "closed", "Gone"),
    ]);
    expect(split.active.map((m) => m.talent?.name)).toEqual(["Amal", "Zaid"]);
    expect(split.paused.map((m) => m.id)).toEqual(["3"]);
    expect(split.proposed.map((m) => m.id)).toEqual(["4"]);
  });
});

describe("sortMeetings", () => {
  const now = Date.parse("2026-12-06T12:00:00Z");
  const list = [
    meeting("later", "2026-12-10T10:00:00Z", "2026-12-10T11:00:00Z"),
    meeting("soon", "2026-12-07T10:00:00Z", "2026-12-07T11:00:00Z"),
    meeting("held", "2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z"),
    meeting("reported", "2026-12-02T10:00:00Z", "2026-12-02T11:00:00Z", { has_report: true }),
    meeting("theirs", "2026-12-03T10:00:00Z", "2026-12-03T11:00:00Z", { planner: { id: "org", name: "Org", role: "organisation" } }),
    meeting("cancelled", "2026-12-04T10:00:00Z", "2026-12-04T11:00:00Z", { status: "cancelled" }),
    meeting("now", "2026-12-06T11:30:00Z", "2026-12-06T12:30:00Z"),
  ];
  it("puts coming meetings soonest first and the held ones without report apart", () => {
    const { upcoming, toReport, past } = sortMeetings(list, "me", now);
    expect(upcoming.map((m) => m.id)).toEqual(["soon", "later"]);
    expect(toReport.map((m) => m.id)).toEqual(["now", "held"]);
    expect(past.map((m) => m.id)).toEqual(["cancelled", "theirs", "reported"]);
  });
});

describe("times", () => {
  it("turns a local date-time into ISO and back", () => {
    const iso = localToIso("2026-12-07T10:30");
    expect(iso).toMatch(/^2026-12-0[67]T\d\d:30:00.000Z$/);
    expect(isoToLocal(iso)).toBe("2026-12-07T10:30");
    expect(localToIso("")).toBe("");
    expect(localToIso("not a date")).toBe("");
  });
  it("ends a meeting an hour later by default", () => {
    expect(endAfter("2026-12-07T23:30")).toBe("2026-12-08T00:30");
    expect(endAfter("2026-12-07T10:00", 90)).toBe("2026-12-07T11:30");
    expect(endAfter("")).toBe("");
  });
});

describe("cleanLanguages", () => {
  it("drops empty rows and repeated languages", () => {
    expect(
      cleanLanguages([
        { language: "NL", level: "native" },
        { language: "", level: "B1" },
        { language: "en", level: "" },
        { language: "nl", level: "B2" },
        { language: "ar", level: "A2" },
      ]),
    ).toEqual([
      { language: "nl", level: "native" },
      { language: "ar", level: "A2" },
    ]);
  });
});

describe("percentDone", () => {
  it("is a share of the steps, never above 100 or below 0", () => {
    expect(percentDone(3, 9)).toBe(33);
    expect(percentDone(0, 0)).toBe(0);
    expect(percentDone(12, 9)).toBe(100);
    expect(percentDone(-1, 9)).toBe(0);
  });
});
