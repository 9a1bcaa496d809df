import { describe, expect, it } from "vitest";
import { allPages } from "./shared";

/** A server list of `total` items, answered a page at a time as the API does. */
function server(total: number) {
  const calls: Array<[number, number]> = [];
  const fetchPage = async (page: number, pageSize: number) => {
    calls.push([page, pageSize]);
    const start = (page - 1) * pageSize;
    const results = Array.from({ length: Math.max(0, Math.min(pageSize, total - start)) }, (_, n) => ({ id: start + n }));
    return { count: total, next: start + pageSize < total ? `?page=${page + 1}` : null, results };
  };
  return { calls, fetchPage };
}

describe("allPages", () => {
  it("brings a list past the first hundred, a hundred per call", async () => {
    const { calls, fetchPage } = server(250);
    const items = await allPages(fetchPage);
    expect(items.map((item) => item.id)).toEqual(Array.from({ length: 250 }, (_, n) => n));
    expect(calls).toEqual([
      [1, 100],
      [2, 100],
      [3, 100],
    ]);
  });

  it("asks once for a short list and once for an empty one", async () => {
    const short = server(7);
    expect(await allPages(short.fetchPage)).toHaveLength(7);
    expect(short.calls).toHaveLength(1);
    const empty = server(0);
    expect(await allPages(empty.fetchPage)).toEqual([]);
    expect(empty.calls).toHaveLength(1);
  });

  it("stops at the limit", async () => {
    const { calls, fetchPage } = server(5000);
    expect(await allPages(fetchPage, 300)).toHaveLength(300);
    expect(calls).toHaveLength(3);
  });
});
