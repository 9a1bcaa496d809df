/**
 * The talent pool's pure logic: the list's query from the filters, how a (possibly blind) talent
 * is named, their languages in the reader's language, and what the employer's home counts.
 */
import type { ApiComponents } from "@helix/client";

export type PoolTalent = ApiComponents["schemas"]["PoolTalent"];

export type PoolFilters = { q: string; sector: string; language: string; dutch_level: string; education_level: string };
export const NO_FILTERS: PoolFilters = { q: "", sector: "", language: "", dutch_level: "", education_level: "" };

/** The languages offered as a filter (codes the talents' profiles use). */
export const POOL_LANGUAGES = ["ar", "en", "fr", "nl", "de", "fa", "ps", "ku", "ti", "so", "tr", "ru", "uk", "es"] as const;
export const CEFR_LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"] as const;
export const EDUCATION_LEVELS = ["secondary", "bachelor", "master", "doctorate", "other"] as const;

/** The list call's query: the filters that are set, trimmed, and the page. */
export function poolQuery(filters: PoolFilters, page: number, pageSize: number): Record<string, string | number> {
  const query: Record<string, string | number> = { page, page_size: pageSize };
  for (const [key, value] of Object.entries(filters)) {
    const trimmed = value.trim();
    if (trimmed) query[key] = trimmed;
  }
  return query;
}

/** The talent's name, or the blind listing's stand-in (the server sends no name while blind). */
export function displayName(talent: Pick<PoolTalent, "name" | "blind">, blindName: string): string {
  return talent.blind || !talent.name ? blindName : talent.name;
}

/** A language code named in the reader's language ("ar" in Dutch: "Arabisch"); the code if unknown. */
export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "Arabic (native), Dutch (B1)" from the profile's languages. */
export function languageLine(languages: PoolTalent["languages"], locale: string): string {
  return languages
    .map((entry) => {
      const code = typeof entry.language === "string" ? entry.language : "";
      const level = typeof entry.level === "string" && entry.level ? entry.level : "";
      if (!code) return "";
      const name = languageName(code, locale);
      return level && level !== "native" ? `${name} (${level})` : level === "native" ? `${name} (${nativeWord(locale)})` : name;
    })
    .filter(Boolean)
    .join(", ");
}

function nativeWord(locale: string): string {
  return locale === "nl" ? "moedertaal" : locale === "ar" ? "اللغة الأم" : "native";
}

/** Comma-separated places as the list the API keeps (trimmed, no blanks, no repeats). */
export function placesFromText(text: string): string[] {
  return [...new Set(text.split(",").map((place) => place.trim()).filter(Boolean))];
}

const FORTNIGHT = 14 * 24 * 60 * 60 * 1000;

/** What the employer's home shows from one pool call: the talents asked for contact (accepted
 * first), and those who joined the pool in the last two weeks. */
export function homeSummary(rows: PoolTalent[], now: Date) {
  const contacts = rows
    .filter((row) => row.contact)
    .sort((a, b) => (a.contact === b.contact ? 0 : a.contact === "accepted" ? -1 : 1));
  const fresh = rows.filter((row) => row.connected_at && now.getTime() - new Date(row.connected_at).getTime() <= FORTNIGHT);
  return { contacts, fresh };
}
