/** Where the language switch leads: the same page's translation, or a note that it is missing. */
import type { Page } from "@helix/client";
import type { Lang } from "../i18n";

export interface SwitchTarget {
  /** Where the switch goes: the translation's address, or the language's home page. */
  href: string;
  /** True when the page on screen has no translation in that language. */
  missing: boolean;
}

/**
 * Where the switch to `target` leads from `page` (null: a screen that is not a page).
 * A page in its own language stays where it is.
 */
export function switchTarget(page: Page | null, target: Lang, currentPath: string): SwitchTarget {
  if (!page) {
    const rest = currentPath.replace(/^\/(en|nl|ar)(?=\/|$)/, "");
    return { href: /^\/(en|nl|ar)(\/|$)/.test(currentPath) ? `/${target}${rest || "/"}` : currentPath, missing: false };
  }
  if (page.meta.locale === target) return { href: page.meta.html_path, missing: false };
  const translation = page.meta.translations.find((item) => item.locale === target);
  if (translation?.id != null && translation.html_path) return { href: translation.html_path, missing: false };
  return { href: `/${target}/`, missing: true };
}
