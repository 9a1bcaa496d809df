/**
 * Share posts (/me/mentor-posts): find a post (one posts call per search) and suggest it to a
 * mentee with a note (`POST /api/v1/posts/{id}/suggest/`); and, for mentors holding
 * `posts.publish_post`, publish a post (`POST /api/v1/posts/`) and manage their own
 * (`/api/v1/posts/mine/`: withdraw, publish again).
 */
import { useState } from "preact/hooks";
import type { ApiComponents } from "@helix/client";
import { errorsOf, FieldError, FormAlert, otherErrors, type Errors } from "../account/form";
import { helix } from "../api";
import { PostCard } from "../connect/PostsScreen";
import { ErrorNote, PAGE_SIZE, Screen, useLoad, type Me } from "../connect/shared";
import { fill } from "../connect/strings";
import { formatDate } from "../i18n";
import { loadMatches } from "./data";
import { localToIso, menteeMatches } from "./logic";
import { useMentorStrings, type MentorStrings } from "./strings";

type Post = ApiComponents["schemas"]["Post"];
type PostType = ApiComponents["schemas"]["PostTypeEnum"];
const TYPES: PostType[] = ["vacancy", "study", "event", "project", "tool"];

function SuggestButton({ post, talent, note }: { post: Post; talent: { id: string; name: string } | null; note: string }) {
  const s = useMentorStrings();
  const [error, setError] = useState<unknown>(null);
  const [said, setSaid] = useState("");
  return (
    <>
      <button
        type="button"
        disabled={!talent}
        onClick={async () => {
          if (!talent) return;
          setError(null);
          setSaid("");
          try {
            await helix.api.POST("/api/v1/posts/{id}/suggest/", { params: { path: { id: post.id } }, body: { talent: talent.id, note } });
            setSaid(fill(s.suggested, { name: talent.name }));
          } catch (caught) {
            setError(caught);
          }
        }}
      >
        {s.suggest}
        <span class="visually-hidden">: {post.title}</span>
      </button>
      <span role="status" class="connect-status">
        {said}
      </span>
      <ErrorNote error={error} />
    </>
  );
}

function Suggest() {
  const s = useMentorStrings();
  const matches = useLoad(loadMatches, []);
  const mentees = menteeMatches(matches.data ?? []).active.map((match) => match.talent!);
  const [talent, setTalent] = useState("");
  const [note, setNote] = useState("");
  const [draft, setDraft] = useState("");
  const [q, setQ] = useState("");
  const posts = useLoad(
    () =>
      helix.api
        .GET("/api/v1/posts/", { params: { query: { ...(q ? { q } : {}), order: "newest", page_size: PAGE_SIZE } } })
        .then(({ data }) => data!.results),
    [q],
  );
  const chosen = mentees.find((person) => person.id === talent) ?? null;
  return (
    <section aria-labelledby="mentor-suggest-title">
      <h2 id="mentor-suggest-title">{s.suggestTitle}</h2>
      <ErrorNote error={matches.error} />
      {matches.data && !mentees.length ? (
        <p>
          {s.noMenteeToSuggest} <a href="/me/mentor-profile">{s.openProfile}</a>
        </p>
      ) : (
        <>
          <p class="account-hint">{s.suggestHint}</p>
          <div class="connect-filters">
            <div class="account-field">
              <label for="mentor-suggest-to">{s.mentee}</label>
              <select id="mentor-suggest-to" value={talent} onChange={(event) => setTalent((event.currentTarget as HTMLSelectElement).value)}>
                <option value="">{s.chooseMentee}</option>
                {mentees.map((person) => (
                  <option key={person.id} value={person.id ?? ""}>
                    {person.name}
                  </option>
                ))}
              </select>
            </div>
            <div class="account-field">
              <label for="mentor-suggest-note">{s.note}</label>
              <input id="mentor-suggest-note" value={note} maxLength={500} onInput={(event) => setNote((event.currentTarget as HTMLInputElement).value)} />
            </div>
          </div>
          <form
            class="connect-filters"
            role="search"
            onSubmit={(event) => {
              event.preventDefault();
              setQ(draft.trim());
            }}
          >
            <div class="account-field">
              <label for="mentor-suggest-q">{s.searchPosts}</label>
              <input id="mentor-suggest-q" type="search" value={draft} onInput={(event) => setDraft((event.currentTarget as HTMLInputElement).value)} />
            </div>
            <button type="submit">{s.find}</button>
          </form>
          <ErrorNote error={posts.error} />
          <div aria-busy={posts.loading}>
            {!posts.data ? (
              <p role="status">{s.loading}</p>
            ) : posts.data.length ? (
              posts.data.map((post) => (
                <PostCard
                  key={post.id}
                  post={post}
                  extra={<SuggestButton post={post} talent={chosen ? { id: chosen.id!, name: chosen.name } : null} note={note} />}
                />
              ))
            ) : (
              <p>{s.noPosts}</p>
            )}
          </div>
        </>
      )}
    </section>
  );
}

function PublishForm({ onPublished }: { onPublished: (post: Post) => void }) {
  const s = useMentorStrings();
  const empty = { type: "vacancy" as PostType, title: "", summary: "", link: "", city: "", starts: "" };
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState("");
  const field = (name: "title" | "summary" | "link" | "city" | "starts", label: string, apiName: string, type = "text", multiline = false) => {
    const id = `mentor-post-${name}`;
    const messages = errors[apiName] ?? [];
    const common = {
      id,
      value: values[name],
      "aria-invalid": messages.length ? true : undefined,
      "aria-describedby": messages.length ? `${id}-error` : undefined,
      onInput: (event: Event) => setValues({ ...values, [name]: (event.currentTarget as HTMLInputElement).value }),
    };
    return (
      <div class="account-field">
        <label for={id}>{label}</label>
        {multiline ? <textarea rows={3} {...common} /> : <input type={type} {...common} />}
        <FieldError id={`${id}-error`} messages={messages} />
      </div>
    );
  };
  return (
    <form
      class="connect-form"
      noValidate
      aria-labelledby="mentor-publish-title"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setErrors({});
        setSaid("");
        try {
          const { data } = await helix.api.POST("/api/v1/posts/", {
            body: {
              type: values.type,
              title: values.title,
              summary: values.summary,
              link: values.link,
              ...(values.city ? { city: values.city } : {}),
              ...(values.starts ? { starts_at: localToIso(values.starts) } : {}),
            } as ApiComponents["schemas"]["PostRequest"],
          });
          if (data) onPublished(data);
          setValues(empty);
          setSaid(s.published);
        } catch (caught) {
          setErrors(errorsOf(caught));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 id="mentor-publish-title">{s.writeTitle}</h2>
      <p class="account-hint">{s.writeHint}</p>
      <FormAlert messages={otherErrors(errors, ["type", "title", "summary", "link", "city", "starts_at"])} />
      <div class="account-field">
        <label for="mentor-post-type">{s.type}</label>
        <select id="mentor-post-type" value={values.type} onChange={(event) => setValues({ ...values, type: (event.currentTarget as HTMLSelectElement).value as PostType })}>
          {TYPES.map((type) => (
            <option key={type} value={type}>
              {s[`type_${type}` as keyof MentorStrings]}
            </option>
          ))}
        </select>
        <FieldError messages={errors.type ?? []} />
      </div>
      {field("title", s.postTitle, "title")}
      {field("summary", s.summary, "summary", "text", true)}
      {field("link", s.link, "link", "url")}
      {field("city", s.city, "city")}
      {field("starts", s.eventStart, "starts_at", "datetime-local")}
      <button type="submit" disabled={busy}>
        {s.publish}
      </button>
      <p role="status" class="connect-status">
        {said}
      </p>
    </form>
  );
}

function MineRow({ post, onChange }: { post: Post; onChange: (post: Post) => void }) {
  const s = useMentorStrings();
  const [error, setError] = useState<unknown>(null);
  const act = async () => {
    setError(null);
    try {
      if (post.status === "published") {
        await helix.api.DELETE("/api/v1/posts/{id}/", { params: { path: { id: post.id } } });
        onChange({ ...post, status: "withdrawn" });
      } else {
        const { data } = await helix.api.POST("/api/v1/posts/{id}/publish/", { params: { path: { id: post.id } } });
        if (data) onChange(data);
      }
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <li class="connect-card">
      <h3>{post.title}</h3>
      <p class="connect-meta">
        <span class="connect-tag">{s[`status_${post.status}` as keyof MentorStrings]}</span> {s[`type_${post.type}` as keyof MentorStrings]} ·{" "}
        {formatDate(post.updated_at)}
      </p>
      {post.moderation_note ? <p>{post.moderation_note}</p> : null}
      {post.status === "published" || post.status === "withdrawn" ? (
        <button type="button" onClick={act}>
          {post.status === "published" ? s.withdraw : s.publishAgain}
          <span class="visually-hidden">: {post.title}</span>
        </button>
      ) : null}
      <ErrorNote error={error} />
    </li>
  );
}

function Publish() {
  const s = useMentorStrings();
  const mine = useLoad(
    () => helix.api.GET("/api/v1/posts/mine/", { params: { query: { page_size: PAGE_SIZE } as never } }).then(({ data }) => data!.results),
    [],
  );
  const list = mine.data ?? [];
  return (
    <>
      <PublishForm onPublished={(post) => mine.set([post, ...list])} />
      <section aria-labelledby="mentor-mine-title">
        <h2 id="mentor-mine-title">{s.minePosts}</h2>
        <ErrorNote error={mine.error} />
        {!mine.data ? (
          <p role="status">{s.loading}</p>
        ) : list.length ? (
          <ul class="connect-list">
            {list.map((post) => (
              <MineRow key={post.id} post={post} onChange={(next) => mine.set(list.map((item) => (item.id === next.id ? next : item)))} />
            ))}
          </ul>
        ) : (
          <p>{s.noMine}</p>
        )}
      </section>
    </>
  );
}

function Posts({ me }: { me: Me }) {
  const s = useMentorStrings();
  const capabilities = me.capabilities ?? [];
  if (!capabilities.includes("posts.suggest_post") && !capabilities.includes("posts.publish_post")) return <p>{s.noPostRights}</p>;
  return (
    <>
      {capabilities.includes("posts.suggest_post") ? <Suggest /> : null}
      {capabilities.includes("posts.publish_post") ? <Publish /> : null}
    </>
  );
}

export function MentorPostsScreen() {
  const s = useMentorStrings();
  return (
    <Screen title={s.postsTitle} path="/me/mentor-posts" feature="posts" roles={["mentor"]}>
      {(_plugins, me) => <Posts me={me} />}
    </Screen>
  );
}
