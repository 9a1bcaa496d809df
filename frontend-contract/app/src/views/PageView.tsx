/**
 * An information page at its address (`/{lang}/...` = the page's `meta.html_path`), read with
 * `/api/v1/pages/find/?html_path=` and `fallback=true`: a page not yet translated shows its
 * source with a notice. Under the body: the page's children (`child_of`), e.g. the nine steps.
 */
import type { Page } from "@helix/client";
import { useLocation, useRoute } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { Blocks } from "../blocks/Blocks";
import { Children } from "../blocks/Children";
import { FaqQuestions } from "../blocks/FaqQuestions";
import { OrganisationDirectory } from "../blocks/OrganisationDirectory";
import { MissingTranslationNotice, missingTranslation } from "../components/LanguageSwitch";
import { currentPage, isNotFound, pageAt } from "../content/pages";
import { dirOf, isLang, languageName, setLang, t, useLang } from "../i18n";
import { online } from "../offline/status";
import { NotFound } from "./NotFound";

type State = { status: "loading" } | { status: "ready"; page: Page } | { status: "missing" } | { status: "failed"; message: string };

export function PageView() {
  const { path } = useLocation();
  const { params } = useRoute();
  const language = useLang();
  const [state, setState] = useState<State>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (isLang(params.lang) && params.lang !== language) setLang(params.lang);
  }, [params.lang]);

  useEffect(() => {
    if (!isLang(params.lang)) return setState({ status: "missing" });
    let live = true;
    setState({ status: "loading" });
    pageAt(path).then(
      (page) => {
        if (!live) return;
        currentPage.value = page;
        missingTranslation.value = null;
        document.title = `${page.title} · ${t("site_name")}`;
        setState({ status: "ready", page });
      },
      (error: Error) => {
        if (!live) return;
        currentPage.value = null;
        setState(isNotFound(error) ? { status: "missing" } : { status: "failed", message: error.message });
      },
    );
    return () => {
      live = false;
    };
  }, [path, attempt]);

  if (state.status === "missing") return <NotFound />;
  if (state.status === "loading") return <p role="status">{t("loading")}</p>;
  if (state.status === "failed") {
    return (
      <div role="alert">
        <p>{online.value ? t("error", { message: state.message }) : t("offline_not_saved")}</p>
        <button type="button" onClick={() => setAttempt(attempt + 1)}>
          {t("retry")}
        </button>
      </div>
    );
  }
  const { page } = state;
  const pageLang = isLang(page.meta.locale) ? page.meta.locale : language;
  return (
    <article lang={pageLang} dir={page.meta.dir ?? dirOf(pageLang)} data-page-type={page.meta.type}>
      <MissingTranslationNotice />
      {page.meta.fallback && (
        <p class="notice" role="status" lang={language} dir={dirOf(language)}>
          {t("translation_missing", { language: languageName(language) })}
        </p>
      )}
      {page.meta.translation_status === "outdated" && (
        <p class="notice" lang={language} dir={dirOf(language)}>
          {t("translation_outdated")}
        </p>
      )}
      <h1>{page.title}</h1>
      {page.intro && <p class="intro">{page.intro}</p>}
      <Blocks page={page} />
      {page.meta.type === "pages.FaqPage" && <FaqQuestions language={pageLang} />}
      {page.meta.type === "pages.OrganisationsIndexPage" && <OrganisationDirectory language={pageLang} />}
      <Children page={page} />
    </article>
  );
}
