import { describe, expect, it } from "vitest";
import { MAP_WIDTH, mindMapLayout, shorten, type MapBranchInput } from "./mindMap";

const branches: MapBranchInput[] = [
  { key: "interests", label: "What interests me", leaves: [{ label: "Data" }, { label: "Open government" }] },
  { key: "strengths", label: "My strengths", leaves: [{ label: "SQL" }] },
  { key: "contact_kinds", label: "People I want to meet", leaves: [] },
  { key: "contacts", label: "My contacts", leaves: [{ label: "Sara Peeters", kind: "strong" }, { label: "Jan", kind: "weak" }] },
];

describe("the drawn mind map", () => {
  it("puts the talent in the centre and every entry beside its branch, away from the centre", () => {
    const map = mindMapLayout("Amal Haddad", branches);
    expect(map.centre).toMatchObject({ x: MAP_WIDTH / 2, label: "Amal Haddad" });
    expect(map.branches.map((branch) => branch.key)).toEqual(["interests", "strengths", "contact_kinds", "contacts"]);
    for (const branch of map.branches) {
      const right = branch.side === "right";
      expect(right ? branch.box.x > map.centre.x : branch.box.x + branch.box.width < map.centre.x).toBe(true);
      for (const leaf of branch.leaves) {
        expect(right ? leaf.x > branch.box.x + branch.box.width : leaf.x < branch.box.x).toBe(true);
        expect(leaf.anchor).toBe(right ? "start" : "end");
        expect(leaf.y).toBeGreaterThan(0);
        expect(leaf.y).toBeLessThan(map.height);
      }
    }
    const contacts = map.branches.find((branch) => branch.key === "contacts")!;
    expect(contacts.leaves.map((leaf) => [leaf.label, leaf.kind])).toEqual([
      ["Sara Peeters", "strong"],
      ["Jan", "weak"],
    ]);
  });

  it("uses both sides and never lets two entries share a row", () => {
    const map = mindMapLayout("Amal", branches);
    expect(new Set(map.branches.map((branch) => branch.side))).toEqual(new Set(["left", "right"]));
    for (const side of ["left", "right"]) {
      const ys = map.branches.filter((branch) => branch.side === side).flatMap((branch) => branch.leaves.map((leaf) => leaf.y));
      expect(new Set(ys).size).toBe(ys.length);
      const boxes = map.branches.filter((branch) => branch.side === side).map((branch) => branch.box);
      for (let i = 1; i < boxes.length; i += 1) expect(boxes[i]!.y).toBeGreaterThanOrEqual(boxes[i - 1]!.y + boxes[i - 1]!.height);
    }
  });

  it("mirrors the drawing right to left", () => {
    const ltr = mindMapLayout("Amal", branches);
    const rtl = mindMapLayout("Amal", branches, { rtl: true });
    ltr.branches.forEach((branch, index) => {
      const mirrored = rtl.branches[index]!;
      expect(mirrored.side).toBe(branch.side === "right" ? "left" : "right");
      expect(mirrored.x).toBeCloseTo(MAP_WIDTH - branch.x);
      expect(mirrored.y).toBe(branch.y);
      mirrored.leaves.forEach((leaf, j) => {
        expect(leaf.x).toBeCloseTo(MAP_WIDTH - branch.leaves[j]!.x);
        // The same anchor: in the page's right-to-left direction "start" is the right-hand end.
        expect(leaf.anchor).toBe(branch.leaves[j]!.anchor);
      });
    });
  });

  it("shows the first entries of a long branch and how many more there are", () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ label: `Entry ${i + 1}` }));
    const map = mindMapLayout("Amal", [{ key: "interests", label: "What interests me", leaves: many }], { maxLeaves: 5 });
    const leaves = map.branches[0]!.leaves;
    expect(leaves.map((leaf) => leaf.label)).toEqual(["Entry 1", "Entry 2", "Entry 3", "Entry 4", "+8"]);
    expect(leaves.at(-1)!.kind).toBe("more");
    expect(map.height).toBeGreaterThanOrEqual(5 * 24);
  });

  it("cuts long labels and keeps the full text", () => {
    expect(shorten("  Informational   interviews ", 40)).toBe("Informational interviews");
    expect(shorten("Meeting people from the Flemish public employment service", 20)).toBe("Meeting people from…");
    const map = mindMapLayout("Amal", [{ key: "interests", label: "Interests", leaves: [{ label: "x".repeat(60) }] }]);
    expect(Array.from(map.branches[0]!.leaves[0]!.label)).toHaveLength(24);
    expect(map.branches[0]!.leaves[0]!.full).toHaveLength(60);
  });
});
