/**
 * The language switch: each language links to the SAME page's translation (from the page's
 * `meta.translations`); when that translation is missing it says so instead of leaving the page.
 */
import { signal } from "@preact/signals";
import { useLocation } from "preact-iso";
import { LANGUAGE_NAMES, LANGUAGES, type Lang, languageName, setLang, t, useLang } from "../i18n";
import { currentPage } from "../content/pages";
import { switchTarget } from "../content/translations";

/** The notice shown when a visitor asked for a translation that does not exist. */
export const missingTranslation = signal<Lang | null>(null);

export function LanguageSwitch() {
  const language = useLang();
  const { path, route } = useLocation();
  const page = currentPage.value;
  return (
    <nav class="language-switch" aria-label={t("language")}>
      <ul>
        {LANGUAGES.map((code) => {
          const target = switchTarget(page, code, path);
          const current = code === language;
          return (
            <li key={code}>
              <a
                href={target.href}
                lang={code}
                hrefLang={code}
                aria-current={current ? "true" : undefined}
                onClick={(event) => {
                  if (target.missing) {
                    event.preventDefault();
                    missingTranslation.value = code;
                    return;
                  }
                  missingTranslation.value = null;
                  setLang(code);
                  if (!/^\/(en|nl|ar)(\/|$)/.test(path)) {
                    event.preventDefault();
                    route(target.href);
                  }
                }}
              >
                {LANGUAGE_NAMES[code]}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** "This page has not been translated into Dutch yet", with a link to that language's home. */
export function MissingTranslationNotice() {
  const missing = missingTranslation.value;
  useLang();
  if (!missing) return null;
  return (
    <div class="notice" role="status">
      <p>{t("translation_missing", { language: languageName(missing) })}</p>
      <p>
        <a href={`/${missing}/`} lang={missing} hrefLang={missing} onClick={() => (missingTranslation.value = null)}>
          {t("back_home", {}, missing)}
        </a>
      </p>
    </div>
  );
}
