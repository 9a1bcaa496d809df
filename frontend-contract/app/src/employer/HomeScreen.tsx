/**
 * The employer's home (/me/home): the talents asked for contact and where each request stands,
 * the talents new in the pool (both from one pool call), unread messages (the threads list) and
 * the vacancies published (one /posts/mine/ call). Each part says what to do when it is empty.
 */
import { helix } from "../api";
import { ErrorNote, oneTranslationEach, useLoad, useMe, usePlugins } from "../connect/shared";
import { fill, useConnectStrings } from "../connect/strings";
import { UnreadPanel } from "../connect/UnreadPanel";
import { useLang } from "../i18n";
import { displayName, homeSummary } from "./pool";
import { useEmployerStrings, type EmployerStrings } from "./strings";
import "../organisation/organisation.css";

function PoolPanels() {
  const s = useEmployerStrings();
  const c = useConnectStrings();
  const pool = useLoad(
    () => helix.api.GET("/api/v1/talent-pool/", { params: { query: { page_size: 100 } } }).then(({ data }) => data!.results),
    [],
  );
  if (pool.error)
    return (
      <section class="connect-panel connect-wide" aria-labelledby="employer-home-contacts">
        <h2 id="employer-home-contacts">{s.homeContacts}</h2>
        <ErrorNote error={pool.error} />
      </section>
    );
  const summary = pool.data ? homeSummary(pool.data, new Date()) : null;
  return (
    <>
      <section class="connect-panel" aria-labelledby="employer-home-contacts">
        <h2 id="employer-home-contacts">{s.homeContacts}</h2>
        {!summary ? (
          <p role="status">{c.loading}</p>
        ) : summary.contacts.length ? (
          <ul class="connect-list">
            {summary.contacts.map((talent) => (
              <li key={talent.id}>
                <a href={`/me/talent-pool/${talent.id}`}>{displayName(talent, s.blindName)}</a>:{" "}
                <span class={talent.contact === "accepted" ? "connect-badge" : "connect-meta"}>
                  {s[`contact_${talent.contact || "none"}` as keyof EmployerStrings]}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{s.noContacts}</p>
        )}
      </section>
      <section class="connect-panel" aria-labelledby="employer-home-new">
        <h2 id="employer-home-new">{s.homeNew}</h2>
        {!summary ? (
          <p role="status">{c.loading}</p>
        ) : summary.fresh.length ? (
          <>
            <p class="connect-count">{fill(s.newCount, { n: summary.fresh.length })}</p>
            <ul class="connect-list">
              {summary.fresh.slice(0, 5).map((talent) => (
                <li key={talent.id}>
                  <a href={`/me/talent-pool/${talent.id}`}>{displayName(talent, s.blindName)}</a>
                  {talent.education_field ? ` · ${talent.education_field}` : ""}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{s.noNew}</p>
        )}
        <p>
          <a href="/me/talent-pool">{s.openPool}</a>
        </p>
      </section>
    </>
  );
}

function Vacancies() {
  const s = useEmployerStrings();
  const language = useLang();
  const c = useConnectStrings();
  const posts = useLoad(
    () => helix.api.GET("/api/v1/posts/mine/", { params: { query: { page_size: 100 } } }).then(({ data }) => data!.results),
    [],
  );
  // A vacancy written in three languages is one offer: shown once, in the reader's language.
  const live = oneTranslationEach(
    (posts.data ?? []).filter((post) => post.type === "vacancy" && post.status === "published"),
    language,
  );
  return (
    <section class="connect-panel" aria-labelledby="employer-home-vacancies">
      <h2 id="employer-home-vacancies">{s.homeVacancies}</h2>
      <ErrorNote error={posts.error} />
      {!posts.data ? (
        posts.error ? null : <p role="status">{c.loading}</p>
      ) : live.length ? (
        <>
          <p class="connect-count">{fill(s.vacancyCount, { n: live.length })}</p>
          <ul class="connect-list">
            {live.slice(0, 5).map((post) => (
              <li key={post.id}>{post.title}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{s.noVacancies}</p>
      )}
      <p>
        <a href="/me/vacancies">{s.navVacancies}</a>
      </p>
    </section>
  );
}

export function EmployerHome() {
  const s = useEmployerStrings();
  const plugins = usePlugins();
  const me = useMe();
  useLang();
  if (!plugins || !me) return null;
  const approved = me.approval_status === "approved";
  return (
    <div class="connect-home">
      {!approved ? (
        <p class="connect-panel connect-wide" role="note">
          {s.pending}
        </p>
      ) : null}
      {plugins.has("employers") && approved ? <PoolPanels /> : null}
      {plugins.has("messaging") ? <UnreadPanel empty={s.noUnread} /> : null}
      {plugins.has("posts") ? <Vacancies /> : null}
    </div>
  );
}
