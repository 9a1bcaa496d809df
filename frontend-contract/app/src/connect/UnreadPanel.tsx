/**
 * "Unread messages" on a home, for every role: the conversations with something unread, from one
 * threads call (the list embeds the other person and the count; nothing is asked per row).
 * `empty` is what the role reads when nothing waits.
 */
import { helix } from "../api";
import { ErrorNote, useLoad } from "./shared";
import { fill, useConnectStrings } from "./strings";

export function UnreadPanel({ empty }: { empty?: string }) {
  const s = useConnectStrings();
  const threads = useLoad(
    () => helix.api.GET("/api/v1/threads/", { params: { query: { page_size: 100 } } }).then(({ data }) => data!.results),
    [],
  );
  const unread = (threads.data ?? []).filter((thread) => thread.unread_count > 0);
  const total = unread.reduce((sum, thread) => sum + thread.unread_count, 0);
  return (
    <section class="connect-panel" aria-labelledby="home-unread">
      <h2 id="home-unread">{s.unread}</h2>
      <ErrorNote error={threads.error} />
      {!threads.data ? (
        threads.error ? null : <p role="status">{s.loading}</p>
      ) : total ? (
        <>
          <p class="connect-count">{fill(s.unreadCount, { n: total })}</p>
          <ul class="connect-list">
            {unread.map((thread) => (
              <li key={thread.id}>
                <a href={`/me/messages/${thread.id}`}>
                  {thread.other.name}: {fill(s.unreadCount, { n: thread.unread_count })}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{empty ?? s.noUnread}</p>
      )}
      <p>
        <a href="/me/messages">{s.openMessages}</a>
      </p>
    </section>
  );
}
