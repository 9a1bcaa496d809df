/**
 * Bringing the offline copy of a language up to date with `/api/v1/pages/changes/?since=`:
 * the first sync (no `since`) reads every page of the language so that all of it can be read
 * offline; later syncs re-read only what changed (a conditional GET: 304 when the copy is
 * current) and drop what was removed. Kept page lists are revalidated the same way.
 */
import type { ContentCache } from "./store";
import { keysFor, listKeys } from "./store";

export interface PageChange {
  id: number;
  change: "added" | "changed" | "removed" | string;
  html_path: string | null;
}

export interface ChangesAnswer {
  until: string;
  next: string | null;
  results: PageChange[];
}

export interface SyncOptions {
  since: string | null;
  /** One page of the changes feed (page numbers from 1). */
  changes: (since: string | null, page: number) => Promise<ChangesAnswer>;
  /** Read a page by its address (through the storing fetch, so it is kept). */
  readPage: (htmlPath: string) => Promise<unknown>;
  /** Re-read a kept answer by its URL (a conditional GET through the storing fetch). */
  revalidate: (url: string) => Promise<unknown>;
  cache: ContentCache | null;
  /** How many reads run at once. */
  concurrency?: number;
}

export interface SyncResult {
  until: string;
  read: number;
  removed: number;
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    await Promise.all(items.slice(start, start + size).map((item) => work(item).catch(() => undefined)));
  }
}

/** Run one sync; answers the `until` to pass as `since` next time. */
export async function syncPages(options: SyncOptions): Promise<SyncResult> {
  const { since, cache } = options;
  const all: PageChange[] = [];
  let until = since ?? "";
  for (let page = 1; ; page += 1) {
    const answer = await options.changes(since, page);
    all.push(...answer.results);
    until = answer.until;
    if (!answer.next) break;
  }
  // The last change of a page wins (the feed is oldest first).
  const latest = new Map<number, PageChange>();
  for (const change of all) latest.set(change.id, change);
  const changes = [...latest.values()];

  const keys = cache ? (await cache.keys()).map((request) => request.url) : [];
  let removed = 0;
  const toRead = new Set<string>();
  const toRevalidate = new Set<string>();
  for (const change of changes) {
    const kept = keysFor(keys, change);
    if (change.change === "removed") {
      for (const key of kept) {
        if (cache && (await cache.delete(key))) removed += 1;
      }
    } else if (since === null && change.html_path) {
      toRead.add(change.html_path);
    } else {
      kept.forEach((key) => toRevalidate.add(key));
    }
  }
  if (since !== null && changes.length > 0) listKeys(keys).forEach((key) => toRevalidate.add(key));
  const concurrency = options.concurrency ?? 4;
  await inBatches([...toRead], concurrency, options.readPage);
  await inBatches([...toRevalidate], concurrency, options.revalidate);
  return { until, read: toRead.size + toRevalidate.size, removed };
}
