/**
 * The one Helix client of the app. Everything the app shows or changes goes through it:
 * the app uses no other way to reach Helix, which is how it proves the contract complete.
 * It follows the interface language (every call sends the current `lang` as Accept-Language),
 * and its fetch keeps the pages' answers for offline reading (offline/store.ts).
 */
import { createHelixClient } from "@helix/client";
import { effect } from "@preact/signals";
import { lang } from "./i18n";
import { online } from "./offline/status";
import { browserCache, storingFetch } from "./offline/store";

/** Same origin as Helix: the session cookie, and X-CSRFToken on writes. */
export const helix = createHelixClient({
  baseUrl: "",
  language: lang.value,
  client: "browser",
  fetch: storingFetch({
    fetch: (request) => globalThis.fetch(request),
    open: browserCache,
    onNetwork: (reached) => {
      if (online.value !== reached) online.value = reached;
    },
  }),
});

effect(() => {
  helix.language = lang.value;
});
