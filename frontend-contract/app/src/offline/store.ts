/**
 * The offline store of the pages' API answers: a Cache API cache, filled and refreshed by the
 * client's `fetch` (see api.ts). A content GET (pages, FAQ, posts, organisations) goes to the network with
 * `If-None-Match` when a copy is kept; a 304 answers the copy, a 200 replaces it, and when the
 * network fails the copy answers. Everything else (accounts, writes, /me) passes untouched.
 */

/** The API answers kept for offline reading. */
export const CONTENT_CACHE = "helix-content-v1";

const CONTENT = /^\/api\/v1\/(pages\/(?!changes\/|preview\/)|faq\/$|posts\/$|organisations\/$)/;

/** Whether an answer to this request is kept for offline reading. */
export function isContentRequest(method: string, url: URL): boolean {
  return method === "GET" && CONTENT.test(url.pathname);
}

/** The part of the Cache interface the store uses (a fake in tests). */
export interface ContentCache {
  match(key: string): Promise<Response | undefined>;
  put(key: string, response: Response): Promise<void>;
  delete(key: string): Promise<boolean>;
  keys(): Promise<readonly { url: string }[]>;
}

export interface StoreOptions {
  fetch: (request: Request) => Promise<Response>;
  /** The cache, or null where the Cache API is missing (then nothing is kept). */
  open: () => Promise<ContentCache | null>;
  /** Told whether the last content request reached the network. */
  onNetwork?: (reached: boolean) => void;
}

/** The browser's Cache API, where it exists (secure contexts only). */
export function browserCache(): Promise<ContentCache | null> {
  if (typeof caches === "undefined") return Promise.resolve(null);
  return caches.open(CONTENT_CACHE).catch(() => null);
}

/** A fetch for the client that keeps and revalidates content answers. */
export function storingFetch({ fetch, open, onNetwork }: StoreOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!isContentRequest(request.method, new URL(request.url))) return fetch(request);
    const cache = await open().catch(() => null);
    const kept = cache ? await cache.match(request.url) : undefined;
    const etag = kept?.headers.get("ETag");
    const headers = new Headers(request.headers);
    if (etag) headers.set("If-None-Match", etag);
    let response: Response;
    try {
      response = await fetch(new Request(request, { headers }));
    } catch (error) {
      onNetwork?.(false);
      if (kept) return kept;
      throw error;
    }
    onNetwork?.(true);
    if (response.status === 304 && kept) return kept;
    if (response.ok && cache) await cache.put(request.url, response.clone()).catch(() => undefined);
    if (response.status === 404 && cache && kept) await cache.delete(request.url);
    return response;
  };
}

/** Keys of kept answers that show the page with this id or address (detail, find, lists). */
export function keysFor(keys: readonly string[], page: { id: number; html_path: string | null }): string[] {
  return keys.filter((key) => {
    const url = new URL(key, "http://x");
    if (url.pathname === `/api/v1/pages/${page.id}/`) return true;
    if (url.pathname === "/api/v1/pages/find/" && page.html_path) {
      return url.searchParams.get("html_path") === page.html_path;
    }
    return false;
  });
}

/** Keys of kept page lists (menus, children, search), which any change may alter. */
export function listKeys(keys: readonly string[]): string[] {
  return keys.filter((key) => new URL(key, "http://x").pathname === "/api/v1/pages/");
}
