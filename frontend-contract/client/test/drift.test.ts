import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without type declarations
import { render, TARGETS } from "../scripts/generate.mjs";

type Target = { source: string; output: string };

describe("the generated types", () => {
  for (const target of TARGETS as Target[]) {
    const name = target.output.split("/").slice(-2).join("/");
    it(`${name} is what openapi-typescript makes of the committed contract`, async () => {
      const expected: string = await render(target);
      const committed = await readFile(target.output, "utf8");
      // A contract change without `npm run generate` (or `make contract`) fails here.
      expect(committed === expected, `${name} is out of date: run \`npm run generate\` in frontend-contract/client`).toBe(true);
    }, 30_000);
  }
});
