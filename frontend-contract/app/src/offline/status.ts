/**
 * Whether the browser is online, and when the offline copy of each language was last
 * brought up to date (see ./sync.ts). Both are signals for the footer's offline line.
 */
import { signal } from "@preact/signals";
import type { Lang } from "../i18n";

export const online = signal(typeof navigator === "undefined" ? true : navigator.onLine);

if (typeof window !== "undefined") {
  window.addEventListener("online", () => (online.value = true));
  window.addEventListener("offline", () => (online.value = false));
}

const key = (language: Lang) => `helix-synced-${language}`;

/** When the copy of a language was last refreshed (ISO time), or null. */
export function lastUpdated(language: Lang): string | null {
  try {
    return localStorage.getItem(key(language));
  } catch {
    return null;
  }
}

/** Bumped when a sync finishes, so that the offline line re-reads the time. */
export const syncedAt = signal<string | null>(null);

export function markUpdated(language: Lang, when: string): void {
  try {
    localStorage.setItem(key(language), when);
  } catch {
    // Not remembered: the line then shows no time.
  }
  syncedAt.value = when;
}
