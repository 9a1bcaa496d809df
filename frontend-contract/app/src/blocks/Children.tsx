/**
 * The pages under a page (`/api/v1/pages/?child_of=`), e.g. the roadmap's nine steps or the
 * eight sector paths, and for a roadmap step the previous and next step.
 */
import type { Page } from "@helix/client";
import { useEffect, useState } from "preact/hooks";
import { childrenOf } from "../content/pages";
import { isLang, t, useLang } from "../i18n";

export function Children({ page }: { page: Page }) {
  const language = useLang();
  const pageLang = isLang(page.meta.locale) ? page.meta.locale : language;
  const [children, setChildren] = useState<Page[]>([]);
  const [siblings, setSiblings] = useState<Page[]>([]);
  const isStep = page.meta.type === "pages.RoadmapStepPage";
  useEffect(() => {
    let live = true;
    setChildren([]);
    setSiblings([]);
    childrenOf(page.id, pageLang, "step_number").then((pages) => live && setChildren(pages), () => undefined);
    if (isStep && page.meta.parent_id) {
      childrenOf(page.meta.parent_id, pageLang, "step_number").then((pages) => live && setSiblings(pages), () => undefined);
    }
    return () => {
      live = false;
    };
  }, [page.id]);
  const index = siblings.findIndex((item) => item.id === page.id);
  const previous = index > 0 ? siblings[index - 1] : undefined;
  const next = index >= 0 ? siblings[index + 1] : undefined;
  return (
    <>
      {children.length > 0 && (
        <nav class="children" aria-labelledby="children-heading">
          <h2 id="children-heading">{t("in_this_section")}</h2>
          <ol class="cards">
            {children.map((child) => (
              <li key={child.id}>
                <a href={child.meta.html_path}>
                  {child.step_number != null && <span class="step-number">{t("step", { n: child.step_number })}</span>}
                  <span class="title">{child.title}</span>
                </a>
                {child.intro && <p>{child.intro}</p>}
              </li>
            ))}
          </ol>
        </nav>
      )}
      {(previous || next) && (
        <nav class="pager" aria-label={t("step_pager")}>
          {previous && (
            <a class="previous" href={previous.meta.html_path} rel="prev">
              <span class="arrow" aria-hidden="true">
                ←
              </span>{" "}
              {t("previous")}: {previous.title}
            </a>
          )}
          {next && (
            <a class="next" href={next.meta.html_path} rel="next">
              {t("next")}: {next.title}{" "}
              <span class="arrow" aria-hidden="true">
                →
              </span>
            </a>
          )}
        </nav>
      )}
    </>
  );
}
