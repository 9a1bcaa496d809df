import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import { HELIX_ERROR_CODES, isHelixErrorCode, type HelixErrorCode } from "../src";

const here = (path: string) => new URL(path, import.meta.url);
const committed: string[] = JSON.parse(readFileSync(here("../src/generated/error-codes.json"), "utf8"));

function python(): string | null {
  for (const name of ["python3", "python"]) {
    try {
      execFileSync(name, ["--version"], { stdio: "ignore" });
      return name;
    } catch {
      // try the next one
    }
  }
  return null;
}

describe("the stable error codes", () => {
  it("the HelixErrorCode union names exactly the codes of src/generated/error-codes.json", () => {
    const union = [...new Set<string>(HELIX_ERROR_CODES)].sort();
    const missing = committed.filter((code) => !union.includes(code));
    const extra = union.filter((code) => !committed.includes(code));
    expect({ missing, extra }, "add or remove these in HELIX_ERROR_CODES (src/errors.ts)").toEqual({
      missing: [],
      extra: [],
    });
    expect(HELIX_ERROR_CODES.length).toBe(union.length); // no duplicates
  });

  it.skipIf(python() === null)("src/generated/error-codes.json is what the Python code raises today", () => {
    const script = here("../scripts/error_codes.py").pathname;
    const now: string[] = JSON.parse(execFileSync(python()!, [script], { encoding: "utf8" }));
    const added = now.filter((code) => !committed.includes(code));
    const removed = committed.filter((code) => !now.includes(code));
    expect({ added, removed }, "run `npm run codes` and update HELIX_ERROR_CODES (src/errors.ts)").toEqual({
      added: [],
      removed: [],
    });
  });

  it("narrows with isHelixErrorCode", () => {
    const code: string = "translation_missing";
    expect(isHelixErrorCode(code)).toBe(true);
    expect(isHelixErrorCode("buddy_busy")).toBe(false);
    if (isHelixErrorCode(code)) expectTypeOf(code).toEqualTypeOf<HelixErrorCode>();
    // @ts-expect-error a misspelt code is not a HelixErrorCode
    const wrong: HelixErrorCode = "translaton_missing";
    expect(wrong).toBeTruthy();
  });
});
