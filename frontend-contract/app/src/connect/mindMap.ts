/**
 * The drawn mind map of the networking plan, as pure geometry (no DOM): the talent in the centre,
 * the map's branches (interests, strengths, people to meet, contacts) as labelled boxes on both
 * sides, and each branch's entries as leaves stacked beside it, joined by curves. Branches go
 * to the side with the fewer rows so far, so both sides stay about as tall; a long branch shows
 * its first entries and a "+n" leaf. Entries read away from the centre. Right to left the
 * drawing is mirrored and the text anchors stay as they are: the SVG text takes the page's
 * direction, in which "start" is the right-hand end.
 * Rendered by NetworkingScreen.tsx; tested in ./mindMap.test.ts.
 */

export type Anchor = "start" | "middle" | "end";

export type MapBranchInput = { key: string; label: string; leaves: { label: string; kind?: string }[] };

export type MapLeaf = { label: string; full: string; x: number; y: number; anchor: Anchor; kind?: string; edge: string };

export type MapBranch = {
  key: string;
  label: string;
  full: string;
  side: "left" | "right";
  /** The box's top-left corner and size; the label is at (x, y), centred. */
  box: { x: number; y: number; width: number; height: number };
  x: number;
  y: number;
  edge: string;
  leaves: MapLeaf[];
};

export type MindMapLayout = {
  width: number;
  height: number;
  centre: { label: string; full: string; x: number; y: number; r: number };
  branches: MapBranch[];
};

export const MAP_WIDTH = 1080;
const ROW = 24; // one leaf row
const GAP = 18; // between two branches on a side
const PAD = 24; // above and below the drawing
const MIN_HEIGHT = 260;
const CENTRE_R = 56;
const BOX_FROM = 110; // the box's inner edge, from the centre
const BOX_WIDTH = 176;
const BOX_HEIGHT = 30;
const LEAF_FROM = 326; // the leaves' anchor, from the centre
const LEAF_CHARS = 24;
const BOX_CHARS = 19;
const CENTRE_CHARS = 14;

/** A label that fits: trimmed, cut with "…" beyond `max` characters (the full text goes in a tooltip). */
export function shorten(text: string, max: number): string {
  const clean = text.trim().replace(/\s+/g, " ");
  const chars = Array.from(clean);
  return chars.length <= max ? clean : `${chars.slice(0, max - 1).join("").trimEnd()}…`;
}

/** A horizontal S-curve from one point to another. */
function curve(x1: number, y1: number, x2: number, y2: number): string {
  const mid = (x1 + x2) / 2;
  return `M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`;
}

/** The drawing's geometry for `branches` around `name`; `maxLeaves` entries per branch at most (then "+n"). */
export function mindMapLayout(name: string, branches: MapBranchInput[], options: { rtl?: boolean; maxLeaves?: number } = {}): MindMapLayout {
  const maxLeaves = Math.max(1, options.maxLeaves ?? 8);
  const shown = branches.map((branch) => {
    const leaves = branch.leaves.filter((leaf) => leaf.label.trim());
    const hidden = leaves.length > maxLeaves ? leaves.length - (maxLeaves - 1) : 0;
    const kept = hidden ? leaves.slice(0, maxLeaves - 1) : leaves;
    return { ...branch, leaves: hidden ? [...kept, { label: `+${hidden}`, kind: "more" }] : kept };
  });
  const rows = (branch: MapBranchInput) => Math.max(1, branch.leaves.length) * ROW;
  // Each branch to the side with fewer rows so far (the right first).
  const sides: Record<"left" | "right", MapBranchInput[]> = { right: [], left: [] };
  const used = { right: 0, left: 0 };
  for (const branch of shown) {
    const side = used.right <= used.left ? "right" : "left";
    sides[side].push(branch);
    used[side] += rows(branch) + GAP;
  }
  const height = Math.max(MIN_HEIGHT, Math.max(used.right, used.left) - GAP + 2 * PAD);
  const cx = MAP_WIDTH / 2;
  const cy = height / 2;
  const flip = (x: number) => (options.rtl ? MAP_WIDTH - x : x);
  const placed: MapBranch[] = [];
  for (const side of ["right", "left"] as const) {
    const sign = side === "right" ? 1 : -1;
    let top = cy - (used[side] - GAP) / 2;
    for (const branch of sides[side]) {
      const block = rows(branch);
      const by = top + block / 2;
      const inner = cx + sign * BOX_FROM;
      const outer = cx + sign * (BOX_FROM + BOX_WIDTH);
      const leafX = cx + sign * LEAF_FROM;
      const leaves: MapLeaf[] = branch.leaves.map((leaf, index) => {
        const ly = top + ROW / 2 + index * ROW;
        return {
          label: shorten(leaf.label, LEAF_CHARS),
          full: leaf.label,
          x: flip(leafX),
          y: ly,
          // Left to right, "start" runs rightwards; mirrored right to left, it runs leftwards.
          anchor: side === "right" ? "start" : "end",
          kind: leaf.kind,
          edge: curve(flip(outer), by, flip(leafX - sign * 6), ly),
        };
      });
      const physical = options.rtl ? (side === "right" ? "left" : "right") : side;
      const left = Math.min(flip(inner), flip(outer));
      placed.push({
        key: branch.key,
        label: shorten(branch.label, BOX_CHARS),
        full: branch.label,
        side: physical,
        box: { x: left, y: by - BOX_HEIGHT / 2, width: BOX_WIDTH, height: BOX_HEIGHT },
        x: left + BOX_WIDTH / 2,
        y: by,
        edge: curve(flip(cx + sign * CENTRE_R), cy, flip(inner), by),
        leaves,
      });
      top += block + GAP;
    }
  }
  // Back in the order given, so that the drawing reads like the list.
  const order = new Map(branches.map((branch, index) => [branch.key, index]));
  placed.sort((a, b) => order.get(a.key)! - order.get(b.key)!);
  return {
    width: MAP_WIDTH,
    height,
    centre: { label: shorten(name, CENTRE_CHARS), full: name, x: cx, y: cy, r: CENTRE_R },
    branches: placed,
  };
}
