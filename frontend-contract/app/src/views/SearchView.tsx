/** Search results: `/api/v1/pages/?search=` in the language of the address. */
import type { Page } from "@helix/client";
import { useLocation, useRoute } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { currentPage, searchPages } from "../content/pages";
import { isLang, setLang, t } from "../i18n";

export function SearchView() {
  const { params } = useRoute();
  const { query } = useLocation();
  const language = isLang(params.lang) ? params.lang : "en";
  const words = (query.q ?? "").trim();
  const [results, setResults] = useState<Page[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    setLang(language);
    currentPage.value = null;
    document.title = `${t("search")} · ${t("site_name")}`;
  }, [language]);
  useEffect(() => {
    if (!words) return setResults([]);
    setResults(null);
    setFailed(null);
    searchPages(words, language).then(setResults, (error: Error) => setFailed(error.message));
  }, [words, language]);
  return (
    <article>
      <h1>{words ? t("search_results", { q: words }) : t("search")}</h1>
      {failed && <p role="alert">{t("error", { message: failed })}</p>}
      {!failed && results === null && <p role="status">{t("loading")}</p>}
      {results && words && results.length === 0 && <p role="status">{t("no_results")}</p>}
      {results && results.length > 0 && (
        <ul class="cards">
          {results.map((page) => (
            <li key={page.id}>
              <a href={page.meta.html_path}>{page.title}</a>
              {page.intro && <p>{page.intro}</p>}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
