import { describe, expect, it } from "vitest";
import { type ContentCache, isContentRequest, storingFetch } from "../src/offline/store";
import { type ChangesAnswer, syncPages } from "../src/offline/sync";

/** An in-memory Cache API. */
function memoryCache(): ContentCache & { entries: Map<string, Response> } {
  const entries = new Map<string, Response>();
  return {
    entries,
    async match(key) {
      return entries.get(key)?.clone();
    },
    async put(key, response) {
      entries.set(key, response);
    },
    async delete(key) {
      return entries.delete(key);
    },
    async keys() {
      return [...entries.keys()].map((url) => ({ url }));
    },
  };
}

const ORIGIN = "http://helix.test";
const FIND = `${ORIGIN}/api/v1/pages/find/?html_path=%2Far%2Froadmap%2F`;

function json(body: unknown, status = 200, etag?: string): Response {
  return new Response(status === 304 ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...(etag ? { ETag: etag } : {}) },
  });
}

describe("the offline store", () => {
  it("keeps content answers only", () => {
    expect(isContentRequest("GET", new URL(FIND))).toBe(true);
    expect(isContentRequest("GET", new URL(`${ORIGIN}/api/v1/pages/?child_of=3`))).toBe(true);
    expect(isContentRequest("GET", new URL(`${ORIGIN}/api/v1/faq/`))).toBe(true);
    expect(isContentRequest("POST", new URL(`${ORIGIN}/api/v1/faq/`))).toBe(false);
    expect(isContentRequest("GET", new URL(`${ORIGIN}/api/v1/me/`))).toBe(false);
    expect(isContentRequest("GET", new URL(`${ORIGIN}/api/v1/pages/changes/?since=x`))).toBe(false);
    expect(isContentRequest("GET", new URL(`${ORIGIN}/api/v1/pages/preview/?token=x`))).toBe(false);
  });

  it("stores an answer, revalidates it with its ETag, and answers it offline", async () => {
    const cache = memoryCache();
    const seen: Array<string | null> = [];
    let network: "up" | "down" = "up";
    let reached: boolean | null = null;
    const fetch = storingFetch({
      open: async () => cache,
      onNetwork: (value) => (reached = value),
      fetch: async (request) => {
        if (network === "down") throw new TypeError("Failed to fetch");
        seen.push(request.headers.get("If-None-Match"));
        return seen.length === 1 ? json({ title: "خريطة الطريق" }, 200, '"v1"') : json(null, 304, '"v1"');
      },
    });

    expect(await (await fetch(new Request(FIND))).json()).toEqual({ title: "خريطة الطريق" });
    expect(cache.entries.has(FIND)).toBe(true);

    const again = await fetch(new Request(FIND));
    expect(seen).toEqual([null, '"v1"']);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ title: "خريطة الطريق" });

    network = "down";
    const offline = await fetch(new Request(FIND));
    expect(await offline.json()).toEqual({ title: "خريطة الطريق" });
    expect(reached).toBe(false);
    await expect(fetch(new Request(`${ORIGIN}/api/v1/pages/find/?html_path=%2Far%2Fnever%2F`))).rejects.toThrow();
  });

  it("passes other requests through untouched", async () => {
    const cache = memoryCache();
    const fetch = storingFetch({ open: async () => cache, fetch: async () => json({ email: "a@b.c" }) });
    await fetch(new Request(`${ORIGIN}/api/v1/me/`));
    expect(cache.entries.size).toBe(0);
  });
});

describe("the sync with /pages/changes/", () => {
  const change = (id: number, kind: string, html_path: string | null) => ({ id, change: kind, html_path });

  it("reads every page of the language the first time", async () => {
    const read: string[] = [];
    const result = await syncPages({
      since: null,
      cache: memoryCache(),
      changes: async (_since, page): Promise<ChangesAnswer> =>
        page === 1
          ? { until: "T1", next: "more", results: [change(1, "added", "/ar/"), change(2, "added", "/ar/roadmap/")] }
          : { until: "T2", next: null, results: [change(3, "added", "/ar/roadmap/orientation/")] },
      readPage: async (path) => read.push(path),
      revalidate: async () => undefined,
    });
    expect(read.sort()).toEqual(["/ar/", "/ar/roadmap/", "/ar/roadmap/orientation/"]);
    expect(result.until).toBe("T2");
  });

  it("later refreshes what changed and what lists it, and drops what was removed", async () => {
    const cache = memoryCache();
    const kept = (url: string) => cache.put(`${ORIGIN}${url}`, json({}));
    await kept("/api/v1/pages/find/?html_path=%2Far%2Froadmap%2F&fallback=true");
    await kept("/api/v1/pages/find/?html_path=%2Far%2Fold%2F&fallback=true");
    await kept("/api/v1/pages/7/");
    await kept("/api/v1/pages/?child_of=1&locale=ar");
    const revalidated: string[] = [];
    const result = await syncPages({
      since: "T2",
      cache,
      changes: async () => ({
        until: "T3",
        next: null,
        results: [change(2, "changed", "/ar/roadmap/"), change(5, "removed", "/ar/old/"), change(7, "removed", null)],
      }),
      readPage: async () => {
        throw new Error("a later sync reads only what is kept");
      },
      revalidate: async (url) => revalidated.push(url.replace(ORIGIN, "")),
    });
    expect(revalidated.sort()).toEqual([
      "/api/v1/pages/?child_of=1&locale=ar",
      "/api/v1/pages/find/?html_path=%2Far%2Froadmap%2F&fallback=true",
    ]);
    expect(result).toEqual({ until: "T3", read: 2, removed: 2 });
    expect([...cache.entries.keys()].some((key) => key.includes("old") || key.endsWith("/7/"))).toBe(false);
  });
});
