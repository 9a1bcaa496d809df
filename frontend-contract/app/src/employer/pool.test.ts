import { describe, expect, it } from "vitest";
import { displayName, homeSummary, languageLine, NO_FILTERS, placesFromText, poolQuery, type PoolTalent } from "./pool";

function talent(fields: Partial<PoolTalent>): PoolTalent {
  return {
    id: "00000000-0000-0000-0000-000000000001",
    name: null,
    blind: true,
    contact: "",
    sectors: [],
    languages: [],
    dutch_level: "",
    education_level: "",
    education_field: "",
    competences: { soft_skills: [], digital_skills: [], key_areas_of_expertise: "", core_strengths: "", career_objective: "", work_experience: "" },
    has_cv: false,
    connected_at: null,
    ...fields,
  };
}

describe("the talent pool's query", () => {
  it("sends only the filters that are set, trimmed, with the page", () => {
    expect(poolQuery({ ...NO_FILTERS, q: "  python ", sector: "ict", dutch_level: "" }, 2, 20)).toEqual({
      page: 2,
      page_size: 20,
      q: "python",
      sector: "ict",
    });
    expect(poolQuery(NO_FILTERS, 1, 20)).toEqual({ page: 1, page_size: 20 });
  });
});

describe("a talent's name", () => {
  it("never shows in a blind listing, and shows once the talent is named", () => {
    expect(displayName(talent({ blind: true, name: null }), "Anonymous talent")).toBe("Anonymous talent");
    expect(displayName(talent({ blind: true, name: "Should not leak" }), "Anonymous talent")).toBe("Anonymous talent");
    expect(displayName(talent({ blind: false, name: "Farid Tester" }), "Anonymous talent")).toBe("Farid Tester");
  });
});

describe("languages", () => {
  it("are named in the reader's language, with their level", () => {
    const languages = [
      { language: "ar", level: "native" },
      { language: "nl", level: "B1" },
    ];
    expect(languageLine(languages, "en")).toBe("Arabic (native), Dutch (B1)");
    expect(languageLine(languages, "nl")).toBe("Arabisch (moedertaal), Nederlands (B1)");
    expect(languageLine([{ language: "" }, { level: "B2" }], "en")).toBe("");
  });
});

describe("places", () => {
  it("are a trimmed list without blanks or repeats", () => {
    expect(placesFromText(" Gent, Antwerpen,, Gent ,")).toEqual(["Gent", "Antwerpen"]);
    expect(placesFromText("")).toEqual([]);
  });
});

describe("the employer's home", () => {
  it("lists contacts (accepted first) and the talents of the last two weeks from one list", () => {
    const now = new Date("2026-03-15T12:00:00Z");
    const rows = [
      talent({ id: "a", contact: "requested", connected_at: "2026-01-01T00:00:00Z" }),
      talent({ id: "b", contact: "", connected_at: "2026-03-10T00:00:00Z" }),
      talent({ id: "c", contact: "accepted", connected_at: "2026-03-14T00:00:00Z" }),
      talent({ id: "d", contact: "", connected_at: null }),
    ];
    const summary = homeSummary(rows, now);
    expect(summary.contacts.map((row) => row.id)).toEqual(["c", "a"]);
    expect(summary.fresh.map((row) => row.id)).toEqual(["b", "c"]);
  });
});
