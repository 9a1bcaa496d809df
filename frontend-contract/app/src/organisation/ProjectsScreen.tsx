/**
 * The programme's projects (/me/organisation-projects), one list call: the organisation's own first,
 * each with the join requests waiting (decided in the back office), then the other organisations'
 * projects. Staff whose role holds the capability to join projects (`organisations.join_project`)
 * join another organisation's project from its card (src/connect/JoinProject.tsx, shared).
 */
import { useState } from "preact/hooks";
import type { ApiComponents } from "@helix/client";
import { helix } from "../api";
import { canJoinProjects, JoinProject } from "../connect/JoinProject";
import { allPages, ErrorNote, Screen, useLoad, type Me } from "../connect/shared";
import { fill, useConnectStrings } from "../connect/strings";
import { BACK_OFFICE } from "./HomeScreen";
import { useOrganisationStrings, type OrganisationStrings } from "./strings";

type Project = ApiComponents["schemas"]["Project"];

function ProjectCard({ project, ours, canJoin = false }: { project: Project; ours: boolean; canJoin?: boolean }) {
  const s = useOrganisationStrings();
  const [membership, setMembership] = useState(project.my_membership);
  return (
    <li class="connect-card">
      <h3>{project.name}</h3>
      <p class="connect-meta">
        {ours ? s.ours : fill(s.runBy, { org: project.organisation ?? "Helix" })} ·{" "}
        {project.join_policy === "open" ? s.policy_open : s.policy_approval}
      </p>
      {project.description ? <p dir="auto">{project.description}</p> : null}
      {membership ? (
        <p class="connect-meta">
          {fill(s.membership, { status: s[`member_${membership}` as keyof OrganisationStrings] ?? membership })}
        </p>
      ) : null}
      {canJoin ? <JoinProject project={project} onJoined={setMembership} /> : null}
      {project.pending_requests !== null ? (
        <div class="connect-actions">
          <span class={project.pending_requests ? "connect-badge" : "connect-meta"}>
            {project.pending_requests ? fill(s.pendingCount, { n: project.pending_requests }) : s.noPending}
          </span>
          <a href={BACK_OFFICE} target="_top">
            {s.manage}
            <span class="visually-hidden">: {project.name}</span>
          </a>
        </div>
      ) : null}
    </li>
  );
}

function Projects({ me, plugins }: { me: Me; plugins: Set<string> }) {
  const s = useOrganisationStrings();
  const c = useConnectStrings();
  const projects = useLoad(
    () => allPages((page, page_size) => helix.api.GET("/api/v1/projects/", { params: { query: { page, page_size } } }).then(({ data }) => data)),
    [],
  );
  if (projects.error) return <ErrorNote error={projects.error} />;
  if (!projects.data) return <p role="status">{c.loading}</p>;
  const mine = new Set(me.organisations.map((organisation) => organisation.slug));
  const ours = projects.data.filter((project) => project.organisation && mine.has(project.organisation));
  const others = projects.data.filter((project) => !ours.includes(project));
  return (
    <>
      <p>{s.projectsIntro}</p>
      {me.role === "organisation" ? (
        <section aria-labelledby="org-ours">
          <h2 id="org-ours">{s.homeProjects}</h2>
          {ours.length ? (
            <ul class="connect-list">
              {ours.map((project) => (
                <ProjectCard key={project.slug} project={project} ours />
              ))}
            </ul>
          ) : (
            <p>
              {s.noProjects} <a href={BACK_OFFICE} target="_top">{s.openBackOffice}</a>
            </p>
          )}
        </section>
      ) : null}
      <section aria-labelledby="org-others">
        <h2 id="org-others">{me.role === "organisation" ? s.otherProjects : s.allProjects}</h2>
        {others.length ? (
          <ul class="connect-list">
            {others.map((project) => (
              <ProjectCard key={project.slug} project={project} ours={false} canJoin={canJoinProjects(me, plugins, project)} />
            ))}
          </ul>
        ) : (
          <p>{s.noOtherProjects}</p>
        )}
      </section>
    </>
  );
}

export function OrganisationProjectsScreen() {
  const s = useOrganisationStrings();
  return (
    <Screen title={s.projectsTitle} path="/me/organisation-projects" roles={["organisation", "admin"]}>
      {(plugins, me) => <Projects me={me} plugins={plugins} />}
    </Screen>
  );
}
