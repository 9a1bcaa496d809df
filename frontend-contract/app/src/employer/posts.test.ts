import { describe, expect, it } from "vitest";
import { emptyDraft, fieldsFor, localToIso, postBody } from "../connect/posts";

describe("writing a post", () => {
  it("sends an event with its start as an instant and leaves blank fields out", () => {
    const draft = {
      ...emptyDraft("event", "nl"),
      title: "  Netwerkontbijt ",
      summary: "Ontmoet werkgevers.",
      link: "https://example.org/ontbijt",
      starts_at: "2026-03-01T08:30",
      city: "Gent",
      sectors: ["ict"],
    };
    const body = postBody(draft);
    expect(body).toEqual({
      type: "event",
      locale: "nl",
      title: "Netwerkontbijt",
      summary: "Ontmoet werkgevers.",
      link: "https://example.org/ontbijt",
      starts_at: new Date("2026-03-01T08:30").toISOString(),
      city: "Gent",
      sectors: ["ict"],
    });
    expect("ends_at" in body).toBe(false);
    expect("online" in body).toBe(false);
  });

  it("reads blank or broken times as none", () => {
    expect(localToIso("")).toBeNull();
    expect(localToIso("not a date")).toBeNull();
  });

  it("asks when and where for events, an end date for vacancies", () => {
    expect(fieldsFor("event")).toEqual({ starts: true, ends: true, place: true });
    expect(fieldsFor("vacancy").starts).toBe(false);
    expect(fieldsFor("tool").place).toBe(false);
  });
});
