import { describe, expect, it } from "vitest";
import { byDate, contactBody, followUpDue, goalBody, milestoneBody, prefilled, splitLines } from "./networking";
import { percentDone, withStatus, withTick, type Roadmap } from "./roadmap";

function roadmap(): Roadmap {
  return {
    talent: { id: null, name: "Amal", role: "talent" },
    progress: { step_count: 2, not_started: 1, working_on_it: 1, done: 0, not_relevant: 0, items_total: 3, items_ticked: 1 },
    steps: [
      {
        step: 1,
        key: "k1",
        page_id: 1,
        locale: "en",
        title: "Register",
        status: "working_on_it",
        updated_at: null,
        items_total: 2,
        items_ticked: 1,
        items: [
          { id: "a", text: "VDAB", details: "", ticked: true },
          { id: "b", text: "Dutch", details: "", ticked: false },
        ],
        notes: [],
      },
      {
        step: 6,
        key: "k6",
        page_id: 6,
        locale: "en",
        title: "Apply",
        status: "not_started",
        updated_at: null,
        items_total: 1,
        items_ticked: 0,
        items: [{ id: "c", text: "Alerts", details: "", ticked: false }],
        notes: [],
      },
    ],
  };
}

describe("the roadmap kept in step", () => {
  it("counts a tick in its step and overall", () => {
    const next = withTick(roadmap(), "b", true);
    expect(next.steps[0]!.items[1]!.ticked).toBe(true);
    expect(next.steps[0]!.items_ticked).toBe(2);
    expect(next.progress.items_ticked).toBe(2);
    expect(next.steps[1]!.items_ticked).toBe(0);
  });
  it("takes a tick off, and ignores a tick that changes nothing", () => {
    const off = withTick(roadmap(), "a", false);
    expect(off.steps[0]!.items_ticked).toBe(0);
    expect(off.progress.items_ticked).toBe(0);
    const same = roadmap();
    expect(withTick(same, "a", true)).toBe(same);
    expect(withTick(same, "unknown", true)).toBe(same);
  });
  it("moves a step between statuses and counts it", () => {
    const next = withStatus(roadmap(), 6, "done", "2026-12-06T10:00:00Z");
    expect(next.steps[1]!.status).toBe("done");
    expect(next.steps[1]!.updated_at).toBe("2026-12-06T10:00:00Z");
    expect(next.progress.not_started).toBe(0);
    expect(next.progress.done).toBe(1);
    expect(percentDone(next.progress)).toBe(50);
  });
  it("leaves steps marked not relevant out of the share done", () => {
    const next = withStatus(withStatus(roadmap(), 6, "not_relevant"), 1, "done");
    expect(percentDone(next.progress)).toBe(100);
    expect(percentDone({ ...next.progress, step_count: 0, not_relevant: 0 })).toBe(0);
  });
});

describe("the networking plan's helpers", () => {
  it("reads one entry per line, trimmed, without blanks or repeats", () => {
    expect(splitLines(" Data \n\n data\r\nPython\n  ")).toEqual(["Data", "Python"]);
    expect(splitLines("")).toEqual([]);
  });
  it("sorts by date with the undated ones last, without changing the list", () => {
    const items = [{ d: "2027-01-02" }, { d: null }, { d: "2026-12-31" }];
    expect(byDate(items, (item) => item.d).map((item) => item.d)).toEqual(["2026-12-31", "2027-01-02", null]);
    expect(items[0]!.d).toBe("2027-01-02");
  });
  it("says when a follow-up is due", () => {
    expect(followUpDue("2026-12-06", "2026-12-06")).toBe(true);
    expect(followUpDue("2026-12-07", "2026-12-06")).toBe(false);
    expect(followUpDue(null, "2026-12-06")).toBe(false);
  });
  it("prefills the add form from an item to change it, a missing value as an empty field", () => {
    const fields = [{ name: "name", label: "Name" }, { name: "next_follow_up", label: "Follow up", initial: "x" }, { name: "tie", label: "Tie" }];
    const filled = prefilled(fields, { name: "Sara", next_follow_up: null, tie: "weak", notes: "ignored" });
    expect(filled.map((field) => field.initial)).toEqual(["Sara", "", "weak"]);
    expect(filled[0]!.label).toBe("Name");
  });
  it("sends a changed item whole, a cleared date or goal as null", () => {
    expect(contactBody({ name: "Sara", organisation: "VDAB", tie: "strong", how_met: "", notes: "", next_follow_up: "" })).toEqual({
      name: "Sara",
      organisation: "VDAB",
      tie: "strong",
      how_met: "",
      notes: "",
      next_follow_up: null,
    });
    expect(milestoneBody({ title: "CV", due_date: "2027-01-10", goal: "" }).goal).toBeNull();
    expect(goalBody({ description: "Meet", term: "long", measurable_target: "3", target_date: "2027-02-01" })).toEqual({
      description: "Meet",
      term: "long",
      measurable_target: "3",
      target_date: "2027-02-01",
    });
  });
});
