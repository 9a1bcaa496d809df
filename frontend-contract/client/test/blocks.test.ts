import { describe, expect, expectTypeOf, it } from "vitest";
import { isBlock, type BlockOf, type BlockType, type PageBlock } from "../src";

const body: PageBlock[] = [
  { type: "tips", id: "1", value: { heading: "Tips", tips: ["Bring your diploma."] } },
  { type: "facts", id: "2", value: { heading: "Facts", facts: [{ value: "9", label: "steps", source: "IND" }] } },
  { type: "question", id: "3", value: { question: "Why?", answer: "<p>Because.</p>" } },
  { type: "step", id: "4", value: { step: null, note: "First this." } },
];

function render(block: PageBlock): string {
  switch (block.type) {
    case "tips":
      return block.value.tips.join(", ");
    case "facts":
      return block.value.facts.map((fact) => `${fact.value} ${fact.label}`).join(", ");
    case "question":
      return block.value.question;
    case "step":
      return block.value.note;
    default:
      return block.type;
  }
}

describe("page blocks", () => {
  it("narrow on type in a switch", () => {
    expect(body.map(render)).toEqual(["Bring your diploma.", "9 steps", "Why?", "First this."]);
  });

  it("narrow with isBlock", () => {
    const tips = body.filter((block) => isBlock(block, "tips"));
    expectTypeOf(tips).toEqualTypeOf<BlockOf<"tips">[]>();
    expect(tips[0]?.value.tips).toEqual(["Bring your diploma."]);
    const block = body[1]!;
    if (isBlock(block, "facts")) {
      expectTypeOf(block.value.facts[0]!.source).toBeString();
    } else {
      throw new Error("not narrowed");
    }
    expect(isBlock(body[0]!, "facts")).toBe(false);
  });

  it("name every block type of the contract", () => {
    expectTypeOf<BlockType>().toEqualTypeOf<
      | "practical_information"
      | "tips"
      | "facts"
      | "testimonial"
      | "useful_link"
      | "tool"
      | "latest_posts"
      | "steps"
      | "mentoring_domain"
      | "question"
      | "step"
    >();
    // @ts-expect-error a block of one type has no other type's value
    const wrong: BlockOf<"tips"> = { type: "tips", id: "x", value: { question: "?", answer: "" } };
    expect(wrong.type).toBe("tips");
  });
});
