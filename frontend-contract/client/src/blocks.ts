/**
 * The StreamField blocks of the information pages as discriminated unions on `type`, taken
 * from the contract (components.schemas.Page: `body` and `related_steps`).
 */
import type { components } from "./generated/api";

/** A page as /api/v1/pages/ answers it. */
export type Page = components["schemas"]["Page"];

/** One block of a page's `body`. */
export type BodyBlock = NonNullable<Page["body"]>[number];

/** One block of a sector path's `related_steps`. */
export type RelatedStepBlock = NonNullable<Page["related_steps"]>[number];

/** Any StreamField block a page can carry. */
export type PageBlock = BodyBlock | RelatedStepBlock;

/** The block types: "practical_information", "tips", "facts", ..., "step". */
export type BlockType = PageBlock["type"];

/** The block of one type, e.g. `BlockOf<"facts">["value"]["facts"]`. */
export type BlockOf<T extends BlockType> = Extract<PageBlock, { type: T }>;

/**
 * Narrows a block to one type: `if (isBlock(block, "tips")) block.value.tips.map(...)`.
 * A `switch (block.type)` narrows the same way.
 */
export function isBlock<T extends BlockType>(block: { type: string }, type: T): block is BlockOf<T> {
  return block.type === type;
}
