/** The header: site name, search, language switch and main menu. */
import { useLocation } from "preact-iso";
import { useState } from "preact/hooks";
import { t, useLang } from "../i18n";
import { MY_SPACE } from "../connect/link";
import { LanguageSwitch } from "./LanguageSwitch";
import { Menu } from "./Menu";

function SearchForm() {
  const language = useLang();
  const { route } = useLocation();
  const [words, setWords] = useState("");
  return (
    <form
      role="search"
      class="search-form"
      action={`/${language}/search`}
      onSubmit={(event) => {
        event.preventDefault();
        if (words.trim()) route(`/${language}/search?q=${encodeURIComponent(words.trim())}`);
      }}
    >
      <label for="search-words">{t("search_label")}</label>
      <input id="search-words" name="q" type="search" value={words} onInput={(e) => setWords(e.currentTarget.value)} />
      <button type="submit">{t("search_button")}</button>
    </form>
  );
}

export function Header() {
  const language = useLang();
  return (
    <header class="site-header">
      <div class="bar">
        <a class="site-name" href={`/${language}/`}>
          <svg viewBox="0 0 64 64" width="32" height="32" aria-hidden="true" focusable="false">
            <rect width="64" height="64" rx="12" fill="#0b4f6c" stroke="#fff" stroke-width="3" />
            <path d="M20 14v36M44 14v36M20 32h24" stroke="#fff" stroke-width="7" stroke-linecap="round" fill="none" />
          </svg>
          <span>{t("site_name")}</span>
        </a>
        <a class="my-space" href="/me/home">{MY_SPACE[language]}</a>
        <LanguageSwitch />
      </div>
      <div class="bar">
        <Menu />
        <SearchForm />
      </div>
    </header>
  );
}
