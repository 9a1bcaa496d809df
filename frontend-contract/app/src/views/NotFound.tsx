/** A route that matches nothing. */
import { t, useLang } from "../i18n";

export function NotFound() {
  const language = useLang();
  return (
    <article>
      <h1>{t("not_found_title")}</h1>
      <p>{t("not_found")}</p>
      <p>
        <a href={`/${language}/`}>{t("back_home")}</a>
      </p>
    </article>
  );
}
