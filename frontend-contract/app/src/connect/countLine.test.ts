import { describe, expect, it } from "vitest";
import { countLine } from "./shared";
import { CONNECT_STRINGS } from "./strings";

describe("countLine", () => {
  it("says how many were found while the API counted them all", () => {
    expect(countLine("{n} posts found", "More than {n}", { count: 12, count_exact: true }, "en")).toBe("12 posts found");
  });

  it("says 'more than' once the API stopped counting at its cap, in the reader's digits", () => {
    const page = { count: 1000, count_exact: false };
    expect(countLine(CONNECT_STRINGS.en.results, CONNECT_STRINGS.en.resultsMore, page, "en")).toMatch(/^More than 1,000 posts/);
    expect(countLine(CONNECT_STRINGS.nl.results, CONNECT_STRINGS.nl.resultsMore, page, "nl")).toMatch(/^Meer dan 1\.000 berichten/);
    expect(countLine(CONNECT_STRINGS.ar.results, CONNECT_STRINGS.ar.resultsMore, page, "ar")).toContain("أكثر من");
  });
});
