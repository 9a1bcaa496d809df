/**
 * The language switch: each language links to the SAME page's translation (from the page's
 * `meta.translations`); when that translation is missing it says so instead of leaving the page.
 */
import type { Page } from "@helix/client";
import { signal } from "@preact/signals";
import { useLocation } from "preact-iso";
import { LANGUAGE_NAMES, LANGUAGES, type Lang, languageName, setLang, t, useLang } from "../i18n";
import { currentPage } from "../content/pages";

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
  if (page.meta.locale === target && !page.meta.fallback) return { href: page.meta.html_path, missing: false };
  const translation = page.meta.translations.find((item) => item.locale === target);
  if (translation?.id != null && translation.html_path) return { href: translation.html_path, missing: false };
  return { href: `/${target}/`, missing: true };
}

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
