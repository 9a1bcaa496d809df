import type { Page } from "@helix/client";
import { describe, expect, it } from "vitest";
import { switchTarget } from "../src/content/translations";
import { chooseLanguage, dirOf, DICTIONARIES, t } from "../src/i18n";

describe("the first language", () => {
  it("takes the first browser language Helix speaks, regional variants included", () => {
    expect(chooseLanguage(["fr-BE", "nl-BE", "en"])).toBe("nl");
    expect(chooseLanguage(["ar-SY", "en-US"])).toBe("ar");
    expect(chooseLanguage(["EN-gb"])).toBe("en");
  });
  it("falls back to English, and a stored choice wins", () => {
    expect(chooseLanguage(["fr", "de"])).toBe("en");
    expect(chooseLanguage([])).toBe("en");
    expect(chooseLanguage(["nl"], "ar")).toBe("ar");
    expect(chooseLanguage(["nl"], "fr")).toBe("nl");
  });
  it("writes Arabic right to left", () => {
    expect(dirOf("ar")).toBe("rtl");
    expect(dirOf("nl")).toBe("ltr");
  });
});

describe("the UI strings", () => {
  it("exist in the three languages for every key, Arabic in Arabic script", () => {
    const keys = Object.keys(DICTIONARIES.en).sort();
    expect(Object.keys(DICTIONARIES.nl).sort()).toEqual(keys);
    expect(Object.keys(DICTIONARIES.ar).sort()).toEqual(keys);
    for (const key of keys) {
      const arabic = DICTIONARIES.ar[key as keyof typeof DICTIONARIES.ar];
      expect(arabic, key).toMatch(/[\u0600-\u06FF]/);
    }
  });
  it("fills placeholders", () => {
    expect(t("step", { n: 3 }, "nl")).toBe("Stap 3");
    expect(t("translation_missing", { language: t("lang_nl", {}, "en") }, "en")).toBe(
      "This page has not been translated into Dutch yet.",
    );
  });
});

function page(locale: string, translations: Array<{ locale: string; id: number | null; html_path: string | null }>): Page {
  return {
    id: 1,
    title: "Orientation",
    intro: "",
    meta: {
      type: "pages.RoadmapStepPage",
      locale,
      dir: locale === "ar" ? "rtl" : "ltr",
      html_path: `/${locale}/roadmap/orientation/`,
      slug: "orientation",
      parent_id: 2,
      first_published_at: null,
      last_published_at: null,
      translation_key: "00000000-0000-0000-0000-000000000000",
      translation_status: "up_to_date",
      fallback: false,
      translations: translations.map((item) => ({ ...item, title: item.id ? "x" : null, status: item.id ? "up_to_date" : "missing" })),
    },
  } as Page;
}

describe("the language switch", () => {
  const step = page("ar", [
    { locale: "en", id: 10, html_path: "/en/roadmap/orientation/" },
    { locale: "nl", id: 11, html_path: "/nl/stappenplan/orientatie/" },
  ]);
  it("goes to the same page's translation, at its own address", () => {
    expect(switchTarget(step, "nl", "/ar/roadmap/orientation/")).toEqual({ href: "/nl/stappenplan/orientatie/", missing: false });
    expect(switchTarget(step, "ar", "/ar/roadmap/orientation/")).toEqual({ href: "/ar/roadmap/orientation/", missing: false });
  });
  it("says when the translation is missing", () => {
    const untranslated = page("en", [{ locale: "nl", id: null, html_path: null }]);
    expect(switchTarget(untranslated, "nl", "/en/roadmap/orientation/")).toEqual({ href: "/nl/", missing: true });
    expect(switchTarget(untranslated, "ar", "/en/roadmap/orientation/").missing).toBe(true);
  });
  it("keeps the rest of the address on screens that are not pages", () => {
    expect(switchTarget(null, "ar", "/nl/search")).toEqual({ href: "/ar/search", missing: false });
    expect(switchTarget(null, "ar", "/account/login")).toEqual({ href: "/account/login", missing: false });
  });
});
