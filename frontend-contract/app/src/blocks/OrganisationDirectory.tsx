/**
 * The organisations page's member directory: the approved organisations of Helix
 * (`GET /api/v1/organisations/`), kept offline like the pages.
 */
import { type ApiComponents, unwrap } from "@helix/client";
import { useEffect, useState } from "preact/hooks";
import { helix } from "../api";
import { type Lang, t } from "../i18n";

type Organisation = ApiComponents["schemas"]["Organisation"];

export function OrganisationDirectory({ language }: { language: Lang }) {
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  useEffect(() => {
    let live = true;
    helix.api
      .GET("/api/v1/organisations/", { params: { query: { page_size: 100 } } })
      .then((answer) => live && setOrganisations(unwrap(answer).results))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [language]);
  if (organisations.length === 0) return null;
  return (
    <section class="block directory" aria-labelledby="directory-heading">
      <h2 id="directory-heading">{t("member_organisations")}</h2>
      <ul class="cards">
        {organisations.map((organisation) => (
          <li key={organisation.slug}>
            <h3 class="h4">
              {organisation.website ? (
                <a href={organisation.website} rel="noopener noreferrer">
                  {organisation.name}
                </a>
              ) : (
                organisation.name
              )}
            </h3>
            {organisation.city && <p class="meta">{organisation.city}</p>}
            {organisation.description && <p>{organisation.description}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
