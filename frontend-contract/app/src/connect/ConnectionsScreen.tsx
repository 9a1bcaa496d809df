/**
 * The talent's connections (/me/connections): the mentors, coaches and organisations they are
 * matched with (one matches call), with feedback once a match has closed (once: the match says
 * whether mine is in); the projects they
 * belong to (one call for my projects, each with the organisation running it); and, with the employers plugin, publishing the CV to employers
 * (the `cv_publication` consent), the employers connected through it (one call: accept their
 * contact, decline or block them) and who looked at the CV (one call).
 */
import { useState } from "preact/hooks";
import type { ApiComponents } from "@helix/client";
import { errorsOf, FieldError, FormAlert, otherErrors, Select, TextArea, type Errors } from "../account/form";
import { helix } from "../api";
import { formatDate } from "../i18n";
import { ConfirmButton } from "./Confirm";
import { allPages, ErrorNote, Screen, useLoad } from "./shared";
import { fill, useConnectStrings, type ConnectStrings } from "./strings";

type Match = ApiComponents["schemas"]["Match"];
type EmployerConnection = ApiComponents["schemas"]["EmployerConnection"];
type Project = ApiComponents["schemas"]["Project"];

/** The employers plugin's consent: while granted, employers of the talent's sectors see the CV. */
export const CV_PURPOSE = "cv_publication" as const;

function stateLabel(s: ConnectStrings, state: Match["state"]): string {
  return s[`match_${state}`];
}

function Feedback({ match }: { match: Match }) {
  const s = useConnectStrings();
  const [open, setOpen] = useState(false);
  const [usefulness, setUsefulness] = useState("4");
  const [recommend, setRecommend] = useState(true);
  const [comment, setComment] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState("");
  if (!open)
    return (
      <>
        {said ? null : (
          <button type="button" onClick={() => setOpen(true)}>
            {s.giveFeedback}
          </button>
        )}
        <p role="status" class="connect-status">
          {said}
        </p>
      </>
    );
  return (
    <form
      class="connect-form"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setErrors({});
        try {
          await helix.api.POST("/api/v1/matches/{id}/feedback/", {
            params: { path: { id: match.id } },
            body: { usefulness: Number(usefulness), would_recommend: recommend, comment },
          });
          setOpen(false);
          setSaid(s.feedbackThanks);
        } catch (caught) {
          setErrors(errorsOf(caught));
        } finally {
          setBusy(false);
        }
      }}
    >
      <FormAlert messages={otherErrors(errors, ["usefulness", "comment"])} />
      <Select
        label={s.usefulness}
        name="usefulness"
        errors={errors}
        value={usefulness}
        options={[1, 2, 3, 4, 5].map((n) => [String(n), s[`useful_${n}` as keyof ConnectStrings]])}
        onChange={setUsefulness}
      />
      <label class="connect-check">
        <input type="checkbox" checked={recommend} onChange={(event) => setRecommend(event.currentTarget.checked)} />
        {s.wouldRecommend}
      </label>
      <TextArea label={s.feedbackComment} name="comment" errors={errors} value={comment} onInput={setComment} />
      <div class="connect-actions">
        <button type="submit" disabled={busy}>
          {s.sendFeedback}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {s.cancel}
        </button>
      </div>
    </form>
  );
}

function MatchRow({ match }: { match: Match }) {
  const s = useConnectStrings();
  const who =
    match.kind === "talent_mentor" ? match.mentor?.name : match.kind === "talent_employer" ? match.employer?.name : match.organisation?.name;
  const since = match.closed_at ?? match.activated_at ?? match.created_at;
  return (
    <li class="connect-card">
      <h3>
        {who ?? "—"} <span class="connect-tag">{stateLabel(s, match.state)}</span>
      </h3>
      <p class="connect-meta">
        {s[`kind_${match.kind}` as keyof ConnectStrings] ?? match.kind} · {fill(s.since, { date: formatDate(since) })}
      </p>
      {match.state === "active" && match.kind === "talent_mentor" ? (
        <p class="connect-actions">
          <a href="/me/messages">{s.openMessages}</a> <a href="/me/meetings">{s.allMeetings}</a>
        </p>
      ) : null}
      {match.state === "closed" && match.activated_at && match.kind === "talent_mentor" ? (
        match.my_feedback_given ? (
          <p>{s.feedbackGiven}</p>
        ) : (
          <Feedback match={match} />
        )
      ) : null}
    </li>
  );
}

function People() {
  const s = useConnectStrings();
  const list = useLoad(async () => {
    const [matches, projects] = await Promise.all([
      allPages((page, page_size) => helix.api.GET("/api/v1/matches/", { params: { query: { page, page_size } } }).then(({ data }) => data)),
      helix.api
        .GET("/api/v1/projects/", { params: { query: { mine: true, page_size: 100 } } })
        .then(({ data }) => data!.results.filter((project: Project) => project.my_membership)),
    ]);
    return { matches: matches.filter((match) => match.kind !== "talent_employer"), projects };
  }, []);
  if (list.error) return <ErrorNote error={list.error} />;
  if (!list.data) return <p role="status">{s.loading}</p>;
  const { matches, projects } = list.data;
  return (
    <>
      <section aria-labelledby="connect-matches">
        <h2 id="connect-matches">{s.myMentors}</h2>
        {matches.length ? (
          <ul class="connect-list">
            {matches.map((match) => (
              <MatchRow key={match.id} match={match} />
            ))}
          </ul>
        ) : (
          <p>
            {s.noMatches} <a href="/me/mentor">{s.mentor}</a>
          </p>
        )}
      </section>
      <section aria-labelledby="connect-projects">
        <h2 id="connect-projects">{s.myProjects}</h2>
        {projects.length ? (
          <ul class="connect-list">
            {projects.map((project) => (
              <li key={project.slug} class="connect-card">
                <h3>{project.name}</h3>
                <p class="connect-meta">
                  {project.organisation_name ? <span dir="auto">{project.organisation_name} · </span> : null}
                  {s[`membership_${project.my_membership}` as keyof ConnectStrings] ?? project.my_membership}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p>{s.noProjects}</p>
        )}
      </section>
    </>
  );
}

/** Publishing the CV: the consent's state, granted or withdrawn here (withdrawing asks first). */
function Publish({ onChange }: { onChange: () => void }) {
  const s = useConnectStrings();
  const consent = useLoad(
    () => helix.api.GET("/api/v1/me/consents/").then(({ data }) => data!.consents.find((c) => c.purpose === CV_PURPOSE)),
    [],
  );
  const [error, setError] = useState<unknown>(null);
  const [said, setSaid] = useState("");
  if (consent.error) return <ErrorNote error={consent.error} />;
  if (consent.loading && !consent.data) return <p role="status">{s.loading}</p>;
  const granted = !!consent.data?.granted;
  return (
    <div class="connect-panel">
      <h3>{s.publishCv}</h3>
      <p>{granted ? fill(s.cvPublished, { date: consent.data?.granted_at ? formatDate(consent.data.granted_at) : "" }) : s.cvNotPublished}</p>
      {granted ? (
        <ConfirmButton
          label={s.unpublishCv}
          question={s.unpublishQuestion}
          yes={s.unpublishYes}
          done={s.unpublished}
          onConfirm={async () => {
            await helix.api.DELETE("/api/v1/me/consents/{purpose}/", { params: { path: { purpose: CV_PURPOSE } } });
            consent.reload();
            onChange();
          }}
        />
      ) : (
        <button
          type="button"
          onClick={async () => {
            setError(null);
            try {
              await helix.api.POST("/api/v1/me/consents/", { body: { purpose: CV_PURPOSE } });
              setSaid(s.published);
              consent.reload();
              onChange();
            } catch (caught) {
              setError(caught);
            }
          }}
        >
          {s.publishCvButton}
        </button>
      )}
      <ErrorNote error={error} />
      <p role="status" class="connect-status">
        {said}
      </p>
    </div>
  );
}

type RowProps = { connection: EmployerConnection; sectorNames: Map<string, string>; onChange: (next: EmployerConnection | null) => void };

function EmployerRow({ connection, sectorNames, onChange }: RowProps) {
  const s = useConnectStrings();
  const [error, setError] = useState<unknown>(null);
  const id = connection.id;
  const act = async (run: () => Promise<{ data?: EmployerConnection }>) => {
    setError(null);
    try {
      const { data } = await run();
      onChange(data ?? null);
    } catch (caught) {
      setError(caught);
    }
  };
  const status =
    connection.decision === "blocked"
      ? s.employerBlocked
      : connection.decision === "declined"
        ? s.employerDeclined
        : connection.contact === "accepted"
          ? s.contactAccepted
          : connection.contact === "requested"
            ? s.contactRequested
            : s.employerConnected;
  const open = !connection.decision;
  return (
    <li class="connect-card">
      <h3>
        {connection.company} <span class="connect-tag">{status}</span>
      </h3>
      <p class="connect-meta">
        {[connection.sectors.map((slug) => sectorNames.get(slug) ?? slug).join(", "), connection.places.join(", ")].filter(Boolean).join(" · ")}
        {connection.connected_at ? ` · ${fill(s.since, { date: formatDate(connection.connected_at) })}` : ""}
      </p>
      {connection.offers.length ? <p>{fill(s.offers, { offers: connection.offers.map((offer) => s[`offer_${offer}` as keyof ConnectStrings] ?? offer).join(", ") })}</p> : null}
      {connection.contact_message ? (
        <blockquote>
          <p class="connect-meta">{s.contactMessage}</p>
          <p class="connect-body" dir="auto">
            {connection.contact_message}
          </p>
        </blockquote>
      ) : null}
      <div class="connect-actions">
        {open && connection.contact === "requested" ? (
          <button type="button" onClick={() => act(() => helix.api.POST("/api/v1/employer-connections/{id}/accept-contact/", { params: { path: { id } } }))}>
            {s.acceptContact}
            <span class="visually-hidden">: {connection.company}</span>
          </button>
        ) : null}
        {open ? (
          <button type="button" onClick={() => act(() => helix.api.POST("/api/v1/employer-connections/{id}/decline/", { params: { path: { id } } }))}>
            {s.declineEmployer}
            <span class="visually-hidden">: {connection.company}</span>
          </button>
        ) : null}
        {connection.decision === "declined" ? (
          <button
            type="button"
            onClick={() =>
              act(async () => {
                await helix.api.DELETE("/api/v1/employer-connections/{id}/decline/", { params: { path: { id } } });
                return { data: { ...connection, decision: "" } };
              })
            }
          >
            {s.undoDecline}
            <span class="visually-hidden">: {connection.company}</span>
          </button>
        ) : null}
        {connection.decision !== "blocked" ? (
          <ConfirmButton
            label={fill(s.blockEmployer, { name: connection.company })}
            question={fill(s.blockEmployerQuestion, { name: connection.company })}
            yes={s.blockYes}
            onConfirm={async () => {
              const { data } = await helix.api.POST("/api/v1/employer-connections/{id}/block/", { params: { path: { id } } });
              if (data) onChange(data);
            }}
          />
        ) : null}
      </div>
      <ErrorNote error={error} />
    </li>
  );
}

function Employers() {
  const s = useConnectStrings();
  const list = useLoad(async () => {
    const [connections, views, sectors] = await Promise.all([
      allPages((page, page_size) =>
        helix.api.GET("/api/v1/employer-connections/", { params: { query: { page, page_size } } }).then(({ data }) => data),
      ),
      helix.api.GET("/api/v1/me/cv-views/", { params: { query: { page_size: 50 } } }).then(({ data }) => data!.results),
      helix.api.GET("/api/v1/sectors/").then(({ data }) => data ?? []),
    ]);
    return { connections, views, sectorNames: new Map(sectors.map((sector) => [sector.slug, sector.name])) };
  }, []);
  return (
    <section aria-labelledby="connect-employers">
      <h2 id="connect-employers">{s.employers}</h2>
      <Publish onChange={list.reload} />
      <ErrorNote error={list.error} />
      {!list.data ? (
        <p role="status">{s.loading}</p>
      ) : (
        <>
          <h3>{s.employerConnections}</h3>
          {list.data.connections.length ? (
            <ul class="connect-list">
              {list.data.connections.map((connection) => (
                <EmployerRow
                  key={connection.id}
                  connection={connection}
                  sectorNames={list.data!.sectorNames}
                  onChange={(next) =>
                    next && list.set({ ...list.data!, connections: list.data!.connections.map((c) => (c.id === next.id ? next : c)) })
                  }
                />
              ))}
            </ul>
          ) : (
            <p>{s.noEmployers}</p>
          )}
          <h3>{s.cvViews}</h3>
          {list.data.views.length ? (
            <ul class="connect-list">
              {list.data.views.map((view) => (
                <li key={view.id}>
                  <strong>{view.company || view.employer || "—"}</strong> · {s[`view_${view.kind}`]} ·{" "}
                  <time dateTime={view.at}>{formatDate(view.at)}</time>
                </li>
              ))}
            </ul>
          ) : (
            <p>{s.noCvViews}</p>
          )}
        </>
      )}
    </section>
  );
}

export function ConnectionsScreen() {
  const s = useConnectStrings();
  return (
    <Screen title={s.connectionsTitle} path="/me/connections" roles={["talent"]}>
      {(plugins) => (
        <>
          {plugins.has("mentoring") ? <People /> : null}
          {plugins.has("employers") ? <Employers /> : null}
        </>
      )}
    </Screen>
  );
}
