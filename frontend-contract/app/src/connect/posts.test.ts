import { describe, expect, it } from "vitest";
import { draftFrom, isoToLocal, localToIso, postBody, postUpdateBody, withSaves, type Post } from "./posts";

describe("changing a post", () => {
  const post = {
    id: "4f0c3a1e-0000-4000-8000-000000000001",
    type: "event",
    locale: "nl",
    title: "Netwerkontbijt",
    summary: "Ontmoet werkgevers.",
    link: "https://example.org/ontbijt",
    starts_at: localToIso("2026-03-01T08:30"),
    ends_at: null,
    city: "Gent",
    online: false,
    sectors: ["ict"],
    dutch_level: "B1",
  } as unknown as Post;

  it("starts the form from the post, times in the browser's own zone", () => {
    const draft = draftFrom(post, "en");
    expect(draft.starts_at).toBe("2026-03-01T08:30");
    expect(draft.ends_at).toBe("");
    expect(draft.locale).toBe("nl");
    expect(draft.sectors).toEqual(["ict"]);
  });

  it("sends back what it was given when nothing changed", () => {
    const body = postBody(draftFrom(post, "en"));
    expect(body).toMatchObject({ type: "event", title: "Netwerkontbijt", city: "Gent", dutch_level: "B1", sectors: ["ict"] });
    expect(body.starts_at).toBe(post.starts_at);
    expect(body).not.toHaveProperty("ends_at");
  });

  it("reads no time as an empty field", () => {
    expect(isoToLocal(null)).toBe("");
    expect(isoToLocal("not a date")).toBe("");
  });

  it("sends a cleared field empty, so the change takes effect", () => {
    const body = postUpdateBody({ ...draftFrom(post, "en"), city: "", starts_at: "", sectors: [], dutch_level: "" });
    expect(body).toMatchObject({ city: "", starts_at: null, ends_at: null, sectors: [], dutch_level: "", online: false });
  });
});

describe("a list answered after a save", () => {
  const list = [
    { id: "a", title: "Site engineer", is_saved: false },
    { id: "b", title: "Data analyst", is_saved: true },
  ];

  it("shows the save made meanwhile, and what was not touched as the list says", () => {
    const shown = withSaves(list, { a: true });
    expect(shown.map((post) => post.is_saved)).toEqual([true, true]);
    expect(shown[1]).toBe(list[1]);
  });

  it("shows an unsave made meanwhile", () => {
    expect(withSaves(list, { b: false })[1]?.is_saved).toBe(false);
  });

  it("leaves a list that already agrees as it is", () => {
    expect(withSaves(list, { a: false, b: true })).toEqual(list);
    expect(withSaves(list, {})[0]).toBe(list[0]);
  });
});
