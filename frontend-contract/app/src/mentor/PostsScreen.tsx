/**
 * Share posts (/me/mentor-posts): find a post (one posts call per search) and suggest it to a
 * mentee with a note (`POST /api/v1/posts/{id}/suggest/`); and, for mentors holding
 * `posts.publish_post`, the shared post writer (src/connect/PostWriter.tsx): publish a post,
 * and change, unpublish and publish again their own (`/api/v1/posts/mine/`), as organisations
 * and employers do.
 */
import { useState } from "preact/hooks";
import { helix } from "../api";
import { PostCard } from "../connect/PostsScreen";
import { MyPosts, PostForm } from "../connect/PostWriter";
import { POST_TYPES, type Post } from "../connect/posts";
import { ErrorNote, PAGE_SIZE, Screen, useLoad, type Me } from "../connect/shared";
import { fill } from "../connect/strings";
import { loadMatches } from "./data";
import { menteeMatches } from "./logic";
import { useMentorStrings } from "./strings";

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

function Publish() {
  const s = useMentorStrings();
  const [fresh, setFresh] = useState<Post[]>([]);
  return (
    <>
      <PostForm types={POST_TYPES} title={s.writeTitle} hint={s.writeHint} onPublished={(post) => setFresh([post, ...fresh])} />
      <MyPosts fresh={fresh} title={s.minePosts} emptyText={s.noMine} />
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
