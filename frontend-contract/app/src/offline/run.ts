/**
 * When the offline copy is refreshed: at start, when the language changes, when the browser
 * comes back online, and every 15 minutes while the app is open. One sync at a time.
 */
import { unwrap } from "@helix/client";
import { effect } from "@preact/signals";
import { helix } from "../api";
import { pageAt } from "../content/pages";
import { type Lang, lang } from "../i18n";
import { lastUpdated, markUpdated, online } from "./status";
import { browserCache } from "./store";
import { syncPages } from "./sync";

let running: Promise<void> | null = null;

async function revalidate(key: string): Promise<unknown> {
  const url = new URL(key, location.origin);
  const query = Object.fromEntries(url.searchParams) as Record<string, string>;
  if (url.pathname === "/api/v1/pages/find/") {
    return helix.api.GET("/api/v1/pages/find/", { params: { query: query as { html_path: string } } });
  }
  if (url.pathname === "/api/v1/pages/") return helix.api.GET("/api/v1/pages/", { params: { query } });
  const id = /^\/api\/v1\/pages\/(\d+)\/$/.exec(url.pathname)?.[1];
  if (id) return helix.api.GET("/api/v1/pages/{id}/", { params: { path: { id: Number(id) }, query } });
  return undefined;
}

/** Refresh the copy of a language now (skipped offline, or while another sync runs). */
export function syncLanguage(language: Lang): Promise<void> {
  if (running || !online.value) return running ?? Promise.resolve();
  running = (async () => {
    const cache = await browserCache();
    if (!cache) return; // No Cache API (an insecure origin): nothing is kept, nothing to refresh.
    const result = await syncPages({
      since: lastUpdated(language),
      cache,
      changes: async (since, page) =>
        unwrap(
          await helix.api.GET("/api/v1/pages/changes/", {
            params: { query: { locale: language, page, page_size: 200, ...(since ? { since } : {}) } },
          }),
        ),
      readPage: pageAt,
      revalidate,
    });
    markUpdated(language, result.until);
  })()
    .catch(() => undefined)
    .finally(() => {
      running = null;
    });
  return running;
}

/** Start refreshing the copy of the visitor's language. */
export function startOfflineSync(): void {
  effect(() => {
    if (online.value) void syncLanguage(lang.value);
  });
  setInterval(() => void syncLanguage(lang.value), 15 * 60 * 1000);
}
