/**
 * The home of "my space" (/me/home). Other roles get their area's home (ROLE_HOMES); the
 * talent's home shows what needs them today. Unread messages (the threads list), the next
 * meetings with "add to calendar" (the meetings list from now on) and the newest posts in their
 * sectors (their Career Passport's sectors in one posts call), and the posts their mentor
 * suggested (one suggestions call; shown only when there are some, each can be dismissed). Each part shows only when its
 * plugin is on, and an empty part says what to do next.
 */
import type { ApiComponents } from "@helix/client";
import type { ComponentType } from "preact";
import { EmployerHome } from "../employer/routes";
import { MentorHome } from "../mentor/routes";
import { OrganisationHome } from "../organisation/routes";
import { helix } from "../api";
import { formatDate } from "../i18n";
import { CalendarButton } from "./MeetingsScreen";
import { UnreadPanel } from "./UnreadPanel";
import { PostCard, Suggestions } from "./PostsScreen";
import { ErrorNote, Screen, useLoad, type Role } from "./shared";
import { fill, useConnectStrings } from "./strings";

type Post = ApiComponents["schemas"]["Post"];

function Upcoming() {
  const s = useConnectStrings();
  const meetings = useLoad(
    () =>
      helix.api
        .GET("/api/v1/meetings/", { params: { query: { from: new Date().toISOString(), status: "scheduled", page_size: 5 } } })
        .then(({ data }) => data!.results),
    [],
  );
  return (
    <section class="connect-panel" aria-labelledby="connect-home-meetings">
      <h2 id="connect-home-meetings">{s.upcoming}</h2>
      <ErrorNote error={meetings.error} />
      {!meetings.data ? (
        <p role="status">{s.loading}</p>
      ) : meetings.data.length ? (
        <ul class="connect-list">
          {meetings.data.map((meeting) => (
            <li key={meeting.id}>
              <strong>{meeting.title}</strong> · <time dateTime={meeting.starts_at}>{formatDate(meeting.starts_at)}</time>{" "}
              <CalendarButton meeting={meeting} />
            </li>
          ))}
        </ul>
      ) : (
        <p>
          {s.noMeetings} <a href="/me/mentor">{s.mentor}</a>
        </p>
      )}
      <p>
        <a href="/me/meetings">{s.allMeetings}</a>
      </p>
    </section>
  );
}

/** The newest posts in the talent's sectors (from the account the screen already has: no extra call). */
function SectorPosts({ sectors }: { sectors: string[] }) {
  const s = useConnectStrings();
  const found = useLoad(async () => {
    if (!sectors.length) return { sectors, posts: [] as Post[] };
    const { data } = await helix.api.GET("/api/v1/posts/", {
      params: { query: { sector: sectors.join(","), order: "newest", page_size: 5 } },
    });
    return { sectors, posts: data!.results };
  }, [sectors.join(",")]);
  const replace = (post: Post) =>
    found.data && found.set({ ...found.data, posts: found.data.posts.map((item) => (item.id === post.id ? post : item)) });
  return (
    <section class="connect-panel connect-wide" aria-labelledby="connect-home-posts">
      <h2 id="connect-home-posts">{s.inSectors}</h2>
      <ErrorNote error={found.error} />
      {!found.data ? (
        <p role="status">{s.loading}</p>
      ) : !found.data.sectors.length ? (
        <p>
          {s.noSectors} <a href="/account">{s.toPassport}</a>
        </p>
      ) : found.data.posts.length ? (
        found.data.posts.map((post) => <PostCard key={post.id} post={post} onChange={replace} />)
      ) : (
        <p>{s.noSectorPosts}</p>
      )}
      <p>
        <a href="/me/posts">{s.allPosts}</a>
      </p>
    </section>
  );
}

/** The home of each role other than the talent's (each area declares its own). */
const ROLE_HOMES: Partial<Record<Role, ComponentType | null>> = {
  mentor: MentorHome,
  employer: EmployerHome,
  organisation: OrganisationHome,
  admin: OrganisationHome,
};

export function HomeScreen() {
  const s = useConnectStrings();
  return (
    <Screen title={s.homeTitle} path="/me/home">
      {(plugins, me) => {
        if (me.role !== "talent") {
          const Home = ROLE_HOMES[me.role];
          return Home ? <Home /> : <p>{s.homeOther}</p>;
        }
        return (
          <div class="connect-home">
            {plugins.has("messaging") ? <UnreadPanel /> : null}
            {plugins.has("mentoring") ? <Upcoming /> : null}
            {plugins.has("posts") ? (
              <div class="connect-wide">
                <Suggestions />
              </div>
            ) : null}
            {plugins.has("posts") ? <SectorPosts sectors={me.talent_profile?.sectors ?? []} /> : null}
          </div>
        );
      }}
    </Screen>
  );
}
