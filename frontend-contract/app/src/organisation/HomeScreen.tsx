/**
 * The organisation staff's home (/me/home): the organisation's public profile (one call), its
 * newest posts (one /posts/mine/ call), its projects with the join requests waiting in each
 * (one /projects/ call: the list carries the counts) and the way to the back office, where
 * members, requests and matches are managed. An admin without an organisation gets every
 * project's waiting requests and the back office.
 */
import { helix } from "../api";
import { PostCard } from "../connect/PostsScreen";
import { ErrorNote, useLoad, useMe } from "../connect/shared";
import { fill, useConnectStrings } from "../connect/strings";
import { useOrganisationStrings } from "./strings";
import "./organisation.css";

/** The back office (Wagtail admin). Its links leave the app (target="_top": the app router does not take them). */
export const BACK_OFFICE = "/admin/";

function Profile({ slug }: { slug: string }) {
  const s = useOrganisationStrings();
  const c = useConnectStrings();
  const organisation = useLoad(
    () => helix.api.GET("/api/v1/organisations/{slug}/", { params: { path: { slug } } }).then(({ data }) => data!),
    [slug],
  );
  const data = organisation.data;
  return (
    <section class="connect-panel" aria-labelledby="org-home-profile">
      <h2 id="org-home-profile">{s.homeProfile}</h2>
      <ErrorNote error={organisation.error} />
      {!data ? (
        organisation.error ? null : <p role="status">{c.loading}</p>
      ) : (
        <>
          <p class="connect-count">{data.name}</p>
          {data.description ? <p dir="auto">{data.description}</p> : null}
          <dl class="org-facts">
            {data.city ? (
              <div>
                <dt>{s.city}</dt>
                <dd>{data.city}</dd>
              </div>
            ) : null}
            {data.website ? (
              <div>
                <dt>{s.website}</dt>
                <dd>
                  <a href={data.website} rel="noopener noreferrer">
                    {data.website}
                  </a>
                </dd>
              </div>
            ) : null}
            {data.contact_email ? (
              <div>
                <dt>{s.contact}</dt>
                <dd>
                  <a href={`mailto:${data.contact_email}`}>{data.contact_email}</a>
                </dd>
              </div>
            ) : null}
          </dl>
          <p>
            <a href={BACK_OFFICE} target="_top">{s.editProfile}</a>
          </p>
        </>
      )}
    </section>
  );
}

function LatestPosts() {
  const s = useOrganisationStrings();
  const c = useConnectStrings();
  const posts = useLoad(
    () => helix.api.GET("/api/v1/posts/mine/", { params: { query: { page_size: 3 } } }).then(({ data }) => data!.results),
    [],
  );
  return (
    <section class="connect-panel connect-wide" aria-labelledby="org-home-posts">
      <h2 id="org-home-posts">{s.homePosts}</h2>
      <ErrorNote error={posts.error} />
      {!posts.data ? (
        posts.error ? null : <p role="status">{c.loading}</p>
      ) : posts.data.length ? (
        posts.data.map((post) => <PostCard key={post.id} post={post} />)
      ) : (
        <p>{s.noPosts}</p>
      )}
      <p>
        <a href="/me/organisation-posts">{s.allPosts}</a>
      </p>
    </section>
  );
}

function Projects({ slug }: { slug?: string }) {
  const s = useOrganisationStrings();
  const c = useConnectStrings();
  const projects = useLoad(
    () =>
      helix.api
        .GET("/api/v1/projects/", { params: { query: { page_size: 100, ...(slug ? { organisation: slug } : {}) } } })
        .then(({ data }) => data!.results),
    [slug],
  );
  const waiting = (projects.data ?? []).reduce((sum, project) => sum + (project.pending_requests ?? 0), 0);
  return (
    <section class="connect-panel" aria-labelledby="org-home-projects">
      <h2 id="org-home-projects">{s.homeProjects}</h2>
      <ErrorNote error={projects.error} />
      {!projects.data ? (
        projects.error ? null : <p role="status">{c.loading}</p>
      ) : projects.data.length ? (
        <>
          <p class="connect-count">{waiting ? fill(s.pendingCount, { n: waiting }) : s.noPending}</p>
          <ul class="connect-list">
            {projects.data.map((project) => (
              <li key={project.slug}>
                <strong>{project.name}</strong>
                {project.pending_requests ? <span class="connect-badge">{fill(s.pendingCount, { n: project.pending_requests })}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{s.noProjects}</p>
      )}
      <p>
        <a href="/me/organisation-projects">{s.allProjects}</a>
      </p>
    </section>
  );
}

function BackOffice() {
  const s = useOrganisationStrings();
  return (
    <section class="connect-panel" aria-labelledby="org-home-admin">
      <h2 id="org-home-admin">{s.backOffice}</h2>
      <p>{s.backOfficeText}</p>
      <p>
        <a class="org-button" href={BACK_OFFICE} target="_top">
          {s.openBackOffice}
        </a>
      </p>
    </section>
  );
}

export function OrganisationHome() {
  const s = useOrganisationStrings();
  const me = useMe();
  if (!me) return null;
  const organisation = me.organisations.find((item) => item.status === "approved") ?? me.organisations[0];
  return (
    <div class="connect-home">
      {organisation ? (
        <Profile slug={organisation.slug} />
      ) : (
        <section class="connect-panel" aria-labelledby="org-home-profile">
          <h2 id="org-home-profile">{s.homeProfile}</h2>
          <p>{me.role === "admin" ? s.adminNoOrganisation : s.noOrganisation}</p>
        </section>
      )}
      <Projects slug={organisation?.slug} />
      <BackOffice />
      {organisation || me.role === "organisation" ? <LatestPosts /> : null}
    </div>
  );
}
