/**
 * `/preview?content_type=...&token=...`: where Wagtail's Preview button sends the editor. The
 * draft is read with the token from GET /api/v1/pages/preview/ and drawn by the app's own page
 * renderer, in the draft's language and direction; it is never stored for offline reading.
 */
import { useEffect, useState } from "preact/hooks";
import { HelixError, unwrap, type ApiComponents, type Page } from "@helix/client";
import { helix } from "../api";
import { FormAlert, Heading, useFocusOnMount } from "../account/form";
import { stringsFor, useStrings } from "../account/strings";
import { Blocks } from "../blocks/Blocks";

type Draft = ApiComponents["schemas"]["PagePreview"];

export function PreviewScreen() {
  const s = useStrings();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const query = new URLSearchParams(window.location.search);
    const token = query.get("token") ?? "";
    const content_type = query.get("content_type") ?? undefined;
    helix.api
      .GET("/api/v1/pages/preview/", { params: { query: { token, content_type } } })
      .then((answer) => setDraft(unwrap(answer)))
      .catch((failure: unknown) => setError(failure instanceof HelixError ? failure.message : s.previewError));
  }, []);

  if (error !== null) {
    return (
      <section class="account">
        <Heading>{s.previewError}</Heading>
        <FormAlert messages={[error, s.previewAgain]} />
      </section>
    );
  }
  if (draft === null) {
    return (
      <p role="status" class="account-status">
        {s.previewLoading}
      </p>
    );
  }
  return <DraftView draft={draft} />;
}

/** The draft drawn like a published page, with the app's block renderer; a banner says it is a draft. */
function DraftView({ draft }: { draft: Draft }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  // A page never saved has no id yet; the renderer only reads it for links to itself.
  const page = { ...draft, id: draft.id ?? 0 } as Page;
  // The banner speaks the draft's language, like the page under it.
  const own = stringsFor(draft.meta.locale);
  return (
    <article lang={draft.meta.locale} dir={draft.meta.dir} class="preview" data-page-type={draft.meta.type}>
      <p class="preview-banner" role="note">
        {own.previewBanner}
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {draft.title}
      </h1>
      {draft.intro ? <p class="intro">{draft.intro}</p> : null}
      <Blocks page={page} />
    </article>
  );
}
