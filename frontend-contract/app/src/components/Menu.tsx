/** The main menu: the children of the language's home page (`/api/v1/pages/?child_of=`). */
import type { Page } from "@helix/client";
import { useLocation } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { childrenOf, pageAt } from "../content/pages";
import { type Lang, t, useLang } from "../i18n";

const menus = new Map<Lang, Promise<Page[]>>();

/** The home page's children in a language (asked once per language and visit). */
export function menuFor(language: Lang): Promise<Page[]> {
  let menu = menus.get(language);
  if (!menu) {
    menu = pageAt(`/${language}/`).then((home) => childrenOf(home.id, language));
    menu.catch(() => menus.delete(language));
    menus.set(language, menu);
  }
  return menu;
}

export function Menu() {
  const language = useLang();
  const { path } = useLocation();
  const [items, setItems] = useState<Page[]>([]);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let live = true;
    menuFor(language).then(
      (pages) => live && setItems(pages),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, [language]);
  useEffect(() => setOpen(false), [path]);
  return (
    <nav class="main-menu" aria-label={t("main_menu")}>
      <button
        type="button"
        class="menu-toggle"
        aria-expanded={open ? "true" : "false"}
        aria-controls="main-menu-list"
        onClick={() => setOpen(!open)}
      >
        {t("menu")}
      </button>
      <ul id="main-menu-list" class={open ? "open" : undefined}>
        {items.map((item) => (
          <li key={item.id}>
            <a href={item.meta.html_path} aria-current={path.startsWith(item.meta.html_path) ? "page" : undefined}>
              {item.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
