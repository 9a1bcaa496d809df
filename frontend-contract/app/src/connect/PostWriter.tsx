/**
 * Writing and looking after one's own posts: the post form (an event, a vacancy, a study, …; the
 * server's refusal next to each field) and the list of one's posts in every state (one
 * /api/v1/posts/mine/ call) with change (PUT, the same form prefilled), unpublish (withdraw) and
 * publish again. Shared by the organisation's posts screen, the employer's vacancies and the
 * mentor's posts; every one of them needs `posts.publish_post` on the server.
 */
import { useState } from "preact/hooks";
import { errorsOf, Field, FieldError, FormAlert, otherErrors, Select, TextArea, type Errors } from "../account/form";
import { helix } from "../api";
import { LANGUAGES, useLang } from "../i18n";
import "../organisation/organisation.css";
import { draftFrom, DUTCH_LEVELS, emptyDraft, fieldsFor, postBody, postUpdateBody, type Post, type PostDraft, type PostType } from "./posts";
import { PostCard } from "./PostsScreen";
import { usePostStrings, type PostStrings } from "./postStrings";
import { ErrorNote, PAGE_SIZE, useLoad } from "./shared";
import { fill, useConnectStrings } from "./strings";

const KNOWN = ["type", "locale", "title", "summary", "link", "starts_at", "ends_at", "city", "online", "sectors", "dutch_level"];

type PostFormProps = {
  types: PostType[];
  onPublished: (post: Post) => void;
  /** The post to change (the form starts from it and saves it with PUT); none: a new post. */
  editing?: Post;
  onCancel?: () => void;
  /** The new-post form's heading and a hint under it (default: "Write a post", no hint). */
  title?: string;
  hint?: string;
};

export function PostForm({ types, onPublished, editing, onCancel, title, hint }: PostFormProps) {
  const s = usePostStrings();
  const language = useLang();
  const [draft, setDraft] = useState<PostDraft>(() => (editing ? draftFrom(editing, language) : emptyDraft(types[0]!, language)));
  const idp = editing ? `org-edit-${editing.id}` : "org";
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState("");
  const sectors = useLoad(() => helix.api.GET("/api/v1/sectors/").then(({ data }) => data ?? []), [language]);
  const shown = fieldsFor(draft.type);
  const set = <K extends keyof PostDraft>(key: K) => (value: PostDraft[K]) => setDraft({ ...draft, [key]: value });
  const text = (key: keyof PostDraft) => (event: Event) => set(key)((event.currentTarget as HTMLInputElement).value as never);
  const sectorErrors = errors.sectors ?? [];
  return (
    <form
      class="connect-form org-form"
      noValidate
      aria-labelledby={`${idp}-write`}
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setErrors({});
        setSaid("");
        try {
          if (editing) {
            const { data } = await helix.api.PUT("/api/v1/posts/{id}/", {
              params: { path: { id: editing.id } },
              body: postUpdateBody(draft),
            });
            onPublished(data!);
            return;
          }
          const { data } = await helix.api.POST("/api/v1/posts/", { body: postBody(draft) });
          setSaid(fill(s.published, { title: data!.title }));
          setDraft(emptyDraft(draft.type, draft.locale));
          onPublished(data!);
        } catch (caught) {
          setErrors(errorsOf(caught));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 id={`${idp}-write`}>{editing ? fill(s.editTitle, { title: editing.title }) : (title ?? s.writeTitle)}</h2>
      {hint && !editing ? <p class="account-hint">{hint}</p> : null}
      <FormAlert messages={otherErrors(errors, KNOWN)} />
      <div class="org-grid">
        {types.length > 1 ? (
          <Select
            label={s.type}
            name="type"
            value={draft.type}
            errors={errors}
            options={types.map((type) => [type, s[`type_${type}` as keyof PostStrings]] as [string, string])}
            onChange={(value) => set("type")(value as PostType)}
          />
        ) : null}
        <Select
          label={s.locale}
          name="locale"
          value={draft.locale}
          errors={errors}
          options={LANGUAGES.map((code) => [code, s[`lang_${code}` as keyof PostStrings]] as [string, string])}
          onChange={(value) => set("locale")(value as PostDraft["locale"])}
        />
      </div>
      <Field label={s.title} name="title" value={draft.title} errors={errors} onInput={text("title")} required />
      <TextArea label={s.summary} name="summary" value={draft.summary} errors={errors} onInput={(value) => set("summary")(value)} />
      <p class="account-hint">{s.summaryHint}</p>
      <Field label={s.link} name="link" type="url" value={draft.link} errors={errors} onInput={text("link")} required />
      <div class="org-grid">
        {shown.starts ? (
          <Field label={s.startsAt} name="starts_at" type="datetime-local" value={draft.starts_at} errors={errors} onInput={text("starts_at")} />
        ) : null}
        {shown.ends ? (
          <Field
            label={s.endsAt}
            name="ends_at"
            type="datetime-local"
            value={draft.ends_at}
            errors={errors}
            hint={draft.type === "event" ? undefined : s.endsHint}
            onInput={text("ends_at")}
          />
        ) : null}
        {shown.place ? <Field label={s.place} name="city" value={draft.city} errors={errors} onInput={text("city")} /> : null}
        <Select
          label={s.dutchLevel}
          name="dutch_level"
          value={draft.dutch_level}
          errors={errors}
          options={[["", s.anyLevel], ...DUTCH_LEVELS.map((level) => [level, level] as [string, string])]}
          onChange={(value) => set("dutch_level")(value)}
        />
      </div>
      <div class="connect-check">
        <input
          id={`${idp}-online`}
          type="checkbox"
          checked={draft.online}
          onChange={(event) => set("online")((event.currentTarget as HTMLInputElement).checked)}
        />
        <label for={`${idp}-online`}>{s.online}</label>
      </div>
      <fieldset
        class="connect-choices"
        aria-invalid={sectorErrors.length ? true : undefined}
        aria-describedby={sectorErrors.length ? `${idp}-sectors-error` : undefined}
      >
        <legend>{s.sectors}</legend>
        <ErrorNote error={sectors.error} />
        {(sectors.data ?? []).map((sector) => (
          <div class="connect-check" key={sector.slug}>
            <input
              id={`${idp}-sector-${sector.slug}`}
              type="checkbox"
              checked={draft.sectors.includes(sector.slug)}
              onChange={(event) => {
                const on = (event.currentTarget as HTMLInputElement).checked;
                set("sectors")(on ? [...draft.sectors, sector.slug] : draft.sectors.filter((slug) => slug !== sector.slug));
              }}
            />
            <label for={`${idp}-sector-${sector.slug}`}>{sector.name}</label>
          </div>
        ))}
        <FieldError id={`${idp}-sectors-error`} messages={sectorErrors} />
      </fieldset>
      <button type="submit" disabled={busy}>
        {editing ? s.saveChanges : s.publish}
      </button>
      {onCancel ? (
        <button type="button" class="connect-secondary" onClick={onCancel}>
          {s.cancelEdit}
        </button>
      ) : null}
      <p role="status" class="connect-status">
        {said}
      </p>
    </form>
  );
}

function MinePost({ post, onChange }: { post: Post; onChange: (post: Post) => void }) {
  const s = usePostStrings();
  const [error, setError] = useState<unknown>(null);
  const [said, setSaid] = useState("");
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  if (editing)
    return (
      <PostForm
        types={[post.type]}
        editing={post}
        onCancel={() => setEditing(false)}
        onPublished={(next) => {
          onChange(next);
          setEditing(false);
          setSaid(fill(s.changesSaved, { title: next.title }));
        }}
      />
    );
  const act = async (run: () => Promise<Post>, message: string) => {
    setBusy(true);
    setError(null);
    setSaid("");
    try {
      const next = await run();
      onChange(next);
      setSaid(fill(message, { title: post.title }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const path = { params: { path: { id: post.id } } };
  return (
    <PostCard
      post={post}
      extra={
        <>
          <span class={`org-status org-status-${post.status}`}>{s[`status_${post.status}` as keyof PostStrings]}</span>
          {post.moderation_note ? <span class="connect-meta">{fill(s.moderation, { note: post.moderation_note })}</span> : null}
          {post.can_edit ? (
            <button type="button" disabled={busy} onClick={() => setEditing(true)}>
              {s.edit}
              <span class="visually-hidden">: {post.title}</span>
            </button>
          ) : null}
          {post.status === "published" && post.can_edit ? (
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                act(async () => {
                  await helix.api.DELETE("/api/v1/posts/{id}/", path);
                  return { ...post, status: "withdrawn" };
                }, s.withdrawn)
              }
            >
              {s.withdraw}
              <span class="visually-hidden">: {post.title}</span>
            </button>
          ) : null}
          {post.status === "withdrawn" && post.can_edit ? (
            <button
              type="button"
              disabled={busy}
              onClick={() => act(async () => (await helix.api.POST("/api/v1/posts/{id}/publish/", path)).data!, s.republished)}
            >
              {s.republish}
              <span class="visually-hidden">: {post.title}</span>
            </button>
          ) : null}
          <span role="status" class="connect-status">
            {said}
          </span>
          <ErrorNote error={error} />
        </>
      }
    />
  );
}

/** One's posts in every state, newest change first (one call per page); `only` narrows to some types. */
export function MyPosts({ only, fresh, emptyText, title }: { only?: PostType[]; fresh: Post[]; emptyText: string; title?: string }) {
  const s = usePostStrings();
  const c = useConnectStrings();
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<Post[]>([]);
  const list = useLoad(async () => {
    const { data } = await helix.api.GET("/api/v1/posts/mine/", { params: { query: { page, page_size: PAGE_SIZE } } });
    setRows((previous) => (page === 1 ? data!.results : [...previous, ...data!.results]));
    return data!;
  }, [page]);
  const listed = new Set(rows.map((post) => post.id));
  const all = [...fresh.filter((post) => !listed.has(post.id)), ...rows].filter((post) => !only || only.includes(post.type));
  const replace = (next: Post) =>
    setRows(listed.has(next.id) ? rows.map((post) => (post.id === next.id ? next : post)) : [next, ...rows]);
  return (
    <section aria-labelledby="org-mine" aria-busy={list.loading}>
      <h2 id="org-mine">{title ?? s.listTitle}</h2>
      <ErrorNote error={list.error} />
      {!list.data && !list.error ? <p role="status">{c.loading}</p> : null}
      {list.data && !all.length ? <p>{emptyText}</p> : null}
      {all.map((post) => (
        <MinePost key={post.id} post={post} onChange={replace} />
      ))}
      {list.data?.next ? (
        <button type="button" onClick={() => setPage(page + 1)}>
          {s.more}
        </button>
      ) : null}
    </section>
  );
}
