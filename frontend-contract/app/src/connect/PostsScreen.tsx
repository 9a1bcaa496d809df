/**
 * Posts for a talent: search and filter (the posts list's own parameters), save and unsave,
 * the saved list, and the posts an organisation suggested, which the talent can dismiss.
 * Each list is one call; saving answers the post, which replaces the row.
 */
import { useState } from "preact/hooks";
import type { ApiComponents } from "@helix/client";
import { Field, Select } from "../account/form";
import { helix } from "../api";
import { formatDate, useLang } from "../i18n";
import { withSaves } from "./posts";
import { allPages, countLine, ErrorNote, PAGE_SIZE, Screen, useLoad } from "./shared";
import { fill, useConnectStrings, type ConnectStrings } from "./strings";

type Post = ApiComponents["schemas"]["Post"];
type Suggestion = ApiComponents["schemas"]["Suggestion"];
const TYPES = ["vacancy", "study", "event", "project", "tool"] as const;
const LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"] as const;

/** Save or unsave; gives the post as it is now. */
async function toggleSave(post: Post): Promise<Post> {
  const path = { params: { path: { id: post.id } } };
  if (post.is_saved) {
    await helix.api.DELETE("/api/v1/posts/{id}/save/", path);
    return { ...post, is_saved: false };
  }
  const { data } = await helix.api.POST("/api/v1/posts/{id}/save/", path);
  return data ?? { ...post, is_saved: true };
}

export function PostCard({ post, onChange, extra }: { post: Post; onChange?: (post: Post) => void; extra?: preact.ComponentChildren }) {
  const s = useConnectStrings();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [said, setSaid] = useState("");
  const typeName = s[`type_${post.type}` as keyof ConnectStrings] ?? post.type;
  return (
    <article class="connect-card" dir={post.dir === "rtl" ? "rtl" : "ltr"} lang={post.locale}>
      <p class="connect-meta">
        <span class="connect-tag">{typeName}</span> {post.organisation_name || post.organisation?.name}
        {post.city ? ` · ${post.city}` : ""}
        {post.online ? ` · ${s.online}` : ""}
        {post.dutch_level ? ` · NL ${post.dutch_level}` : ""}
      </p>
      <h3>{post.title}</h3>
      <p>{post.summary}</p>
      {post.starts_at ? (
        <p class="connect-meta">
          {s.starts}: {formatDate(post.starts_at)}
        </p>
      ) : null}
      <div class="connect-actions">
        {post.link ? (
          <a href={post.link} rel="noopener noreferrer" target="_blank">
            {s.readMore}
            <span class="visually-hidden">: {post.title}</span>
          </a>
        ) : null}
        {onChange ? (
          <button
            type="button"
            aria-pressed={post.is_saved}
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                const next = await toggleSave(post);
                setSaid(next.is_saved ? s.savedDone : s.unsavedDone);
                onChange(next);
              } catch (caught) {
                setError(caught);
              } finally {
                setBusy(false);
              }
            }}
          >
            {post.is_saved ? s.unsave : s.save}
            <span class="visually-hidden">: {post.title}</span>
          </button>
        ) : null}
        {extra}
      </div>
      <p role="status" class="connect-status">
        {said}
      </p>
      <ErrorNote error={error} />
    </article>
  );
}

type Filters = {
  q: string;
  type: string;
  sector: string;
  place: string;
  dutch_level: string;
  date_from: string;
  date_to: string;
  online: boolean;
  order: "newest" | "soonest";
};
const EMPTY: Filters = { q: "", type: "", sector: "", place: "", dutch_level: "", date_from: "", date_to: "", online: false, order: "newest" };

function query(filters: Filters, page: number) {
  const q: Record<string, string | number | boolean> = { page, page_size: PAGE_SIZE, order: filters.order };
  for (const key of ["q", "type", "sector", "place", "dutch_level", "date_from", "date_to"] as const) {
    if (filters[key].trim()) q[key] = filters[key].trim();
  }
  if (filters.online) q.online = true;
  return q;
}

export function Suggestions() {
  const s = useConnectStrings();
  const list = useLoad(
    () => helix.api.GET("/api/v1/posts/suggestions/", { params: { query: { dismissed: false, page_size: PAGE_SIZE } } }).then(({ data }) => data!.results),
    [],
  );
  const [said, setSaid] = useState("");
  const [error, setError] = useState<unknown>(null);
  const items = list.data ?? [];
  if (!items.length) return null;
  const replace = (next: Suggestion[]) => list.set(next);
  return (
    <section aria-labelledby="connect-suggestions">
      <h2 id="connect-suggestions">{s.suggestions}</h2>
      <p role="status" class="connect-status">
        {said}
      </p>
      <ErrorNote error={error} />
      {items.map((suggestion) => (
        <PostCard
          key={suggestion.id}
          post={suggestion.post}
          onChange={(post) => replace(items.map((item) => (item.id === suggestion.id ? { ...item, post } : item)))}
          extra={
            <>
              {suggestion.suggested_by ? <span class="connect-meta">{fill(s.suggestedBy, { name: suggestion.suggested_by.name })}</span> : null}
              <button
                type="button"
                onClick={async () => {
                  setError(null);
                  try {
                    await helix.api.POST("/api/v1/posts/suggestions/{suggestion_id}/dismiss/", {
                      params: { path: { suggestion_id: suggestion.id } },
                    });
                    replace(items.filter((item) => item.id !== suggestion.id));
                    setSaid(s.dismissed);
                  } catch (caught) {
                    setError(caught);
                  }
                }}
              >
                {s.dismiss}
                <span class="visually-hidden">: {suggestion.post.title}</span>
              </button>
            </>
          }
        />
      ))}
    </section>
  );
}

export function PostsScreen() {
  const s = useConnectStrings();
  return (
    <Screen title={s.postsTitle} path="/me/posts" feature="posts">
      {() => <PostSearch />}
    </Screen>
  );
}

function PostSearch() {
  const s = useConnectStrings();
  const language = useLang();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [page, setPage] = useState(1);
  const [posts, setPosts] = useState<Post[]>([]);
  // What was saved or unsaved here: kept over lists asked for before and answered after.
  const [saves, setSaves] = useState<Record<string, boolean>>({});
  const sectors = useLoad(() => helix.api.GET("/api/v1/sectors/").then(({ data }) => data ?? []), []);
  const list = useLoad(async () => {
    const { data } = await helix.api.GET("/api/v1/posts/", { params: { query: query(filters, page) } });
    setPosts((previous) => (page === 1 ? data!.results : [...previous, ...data!.results]));
    return data!;
  }, [filters, page]);
  const errors: Record<string, string[]> = {};
  const fields = (list.error as { fields?: Record<string, unknown> } | undefined)?.fields;
  for (const [name, value] of Object.entries(fields ?? {})) errors[name] = Array.isArray(value) ? value.map(String) : [String(value)];
  const set = (key: keyof Filters) => (value: string | boolean) => setDraft({ ...draft, [key]: value });
  const text = (key: keyof Filters) => (event: Event) => set(key)((event.currentTarget as HTMLInputElement).value);
  return (
    <>
      <Suggestions />
      <form
        class="connect-filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setPage(1);
          setFilters({ ...draft });
        }}
      >
        <Field label={s.search} name="q" type="search" value={draft.q} errors={errors} onInput={text("q")} />
        <Select
          label={s.type}
          name="type"
          value={draft.type}
          errors={errors}
          options={[["", s.anyType], ...TYPES.map((type) => [type, s[`type_${type}`]] as [string, string])]}
          onChange={set("type")}
        />
        <Select
          label={s.sector}
          name="sector"
          value={draft.sector}
          errors={errors}
          options={[["", s.anySector], ...(sectors.data ?? []).map((sector) => [sector.slug, sector.name] as [string, string])]}
          onChange={set("sector")}
        />
        <Field label={s.place} name="place" value={draft.place} errors={errors} onInput={text("place")} />
        <Select
          label={s.dutchLevel}
          name="dutch_level"
          value={draft.dutch_level}
          errors={errors}
          options={[["", s.anyLevel], ...LEVELS.map((level) => [level, level] as [string, string])]}
          onChange={set("dutch_level")}
        />
        <Field label={s.dateFrom} name="date_from" type="date" value={draft.date_from} errors={errors} onInput={text("date_from")} />
        <Field label={s.dateTo} name="date_to" type="date" value={draft.date_to} errors={errors} onInput={text("date_to")} />
        <Select
          label={s.order}
          name="order"
          value={draft.order}
          errors={errors}
          options={[
            ["newest", s.newest],
            ["soonest", s.soonest],
          ]}
          onChange={set("order")}
        />
        <div class="connect-check">
          <input
            id="connect-online"
            type="checkbox"
            checked={draft.online}
            onChange={(event) => set("online")((event.currentTarget as HTMLInputElement).checked)}
          />
          <label for="connect-online">{s.onlineOnly}</label>
        </div>
        <button type="submit">{s.find}</button>
      </form>
      {list.error && !fields ? <ErrorNote error={list.error} /> : null}
      <section aria-labelledby="connect-results" aria-busy={list.loading}>
        <h2 id="connect-results">{list.data ? countLine(s.results, s.resultsMore, list.data, language) : s.loading}</h2>
        {list.data && !posts.length ? <p>{s.noResults}</p> : null}
        {withSaves(posts, saves).map((post) => (
          <PostCard
            key={post.id}
            post={post}
            onChange={(next) => {
              setSaves((known) => ({ ...known, [next.id]: Boolean(next.is_saved) }));
              setPosts((current) => current.map((item) => (item.id === next.id ? next : item)));
            }}
          />
        ))}
        {list.data?.next ? (
          <button type="button" onClick={() => setPage(page + 1)}>
            {s.more}
          </button>
        ) : null}
      </section>
    </>
  );
}

export function SavedScreen() {
  const s = useConnectStrings();
  return (
    <Screen title={s.saved} path="/me/posts/saved" feature="posts">
      {() => <SavedList />}
    </Screen>
  );
}

function SavedList() {
  const s = useConnectStrings();
  const list = useLoad(
    () => allPages((page, page_size) => helix.api.GET("/api/v1/posts/saved/", { params: { query: { page, page_size } } }).then(({ data }) => data)),
    [],
  );
  if (list.error) return <ErrorNote error={list.error} />;
  if (!list.data) return <p role="status">{s.loading}</p>;
  if (!list.data.length)
    return (
      <p>
        {s.noSaved} <a href="/me/posts">{s.allPosts}</a>
      </p>
    );
  // Unsaving keeps the card (with "Save" again) until the page is left, so a slip can be undone.
  return (
    <div>
      {list.data.map((post) => (
        <PostCard key={post.id} post={post} onChange={(next) => list.set(list.data!.map((item) => (item.id === next.id ? next : item)))} />
      ))}
    </div>
  );
}
