import { describe, expect, it } from "vitest";
import { oneTranslationEach } from "./shared";

describe("oneTranslationEach", () => {
  const posts = [
    { id: "1", translation_key: "a", locale: "ar" },
    { id: "2", translation_key: "a", locale: "nl" },
    { id: "3", translation_key: "a", locale: "en" },
    { id: "4", translation_key: "b", locale: "en" },
  ];

  it("keeps one post per translation group, in the reader's language", () => {
    expect(oneTranslationEach(posts, "nl").map((post) => post.id)).toEqual(["2", "4"]);
  });

  it("keeps the first met when the group has no post in the reader's language", () => {
    expect(oneTranslationEach(posts, "fr").map((post) => post.id)).toEqual(["1", "4"]);
  });
});
