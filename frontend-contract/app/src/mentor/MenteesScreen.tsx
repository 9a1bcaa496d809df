/**
 * My mentees (/me/mentees): the talents the mentor is matched with, from one matches call (no
 * call per row). One mentee's file (/me/mentees/{match id}) asks a few calls: the match, the
 * talent's profile (`/api/v1/talents/{id}/`, with the CV download), their networking plan with
 * the mentor's comments and a form to add one (`/api/v1/networking/plans/{talent}/…`), their
 * roadmap's progress when the journey plugin is on, and the meetings of this match with their
 * 5-step reports.
 */
import { useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import type { ApiComponents } from "@helix/client";
import { errorsOf, FieldError, FormAlert, otherErrors, type Errors } from "../account/form";
import { helix } from "../api";
import { ErrorNote, Screen, useLoad } from "../connect/shared";
import { fill } from "../connect/strings";
import { formatDate, useLang } from "../i18n";
import { loadMatches, loadMeetings, type Match, type Meeting } from "./data";
import { menteeMatches, sortMeetings } from "./logic";
import { MeetingCard } from "./MeetingsScreen";
import { languageLabel } from "./ProfileScreen";
import { useMentorStrings, type MentorStrings } from "./strings";

type Talent = ApiComponents["schemas"]["Talent"];
type Plan = ApiComponents["schemas"]["NetworkingPlan"];
type Comment = ApiComponents["schemas"]["PlanComment"];
type StepNote = ApiComponents["schemas"]["JourneyNote"];
type Roadmap = ApiComponents["schemas"]["JourneyRoadmap"];

function MenteeRow({ match }: { match: Match }) {
  const s = useMentorStrings();
  const name = match.talent?.name ?? "";
  return (
    <li class="connect-card">
      <h2 class="mentor-name">
        {name} {match.state === "paused" ? <span class="connect-tag">{s.paused}</span> : null}
        {match.state === "proposed" ? <span class="connect-tag">{s.proposed}</span> : null}
      </h2>
      <p class="connect-meta">
        {match.activated_at ? fill(s.since, { date: formatDate(match.activated_at) }) : null}
        {match.organisation ? ` · ${match.organisation.name}` : ""}
        {match.project ? ` · ${match.project}` : ""}
      </p>
      <p class="connect-actions">
        <a href={`/me/mentees/${match.id}`}>{fill(s.openMentee, { name })}</a>
        {match.state === "active" ? <a href="/me/messages">{fill(s.writeTo, { name })}</a> : null}
      </p>
    </li>
  );
}

function MenteeList() {
  const s = useMentorStrings();
  const matches = useLoad(loadMatches, []);
  if (matches.error) return <ErrorNote error={matches.error} />;
  if (!matches.data) return <p role="status">{s.loading}</p>;
  const { active, paused, proposed } = menteeMatches(matches.data);
  const all = [...active, ...paused, ...proposed];
  if (!all.length)
    return (
      <p>
        {s.noMenteesList} <a href="/me/mentor-profile">{s.openProfile}</a>
      </p>
    );
  return (
    <ul class="connect-list">
      {all.map((match) => (
        <MenteeRow key={match.id} match={match} />
      ))}
    </ul>
  );
}

export function MenteesScreen() {
  const s = useMentorStrings();
  return (
    <Screen title={s.menteesTitle} path="/me/mentees" feature="mentoring" roles={["mentor"]}>
      {() => <MenteeList />}
    </Screen>
  );
}

/** The talent's CV, from the API, handed to the browser as a download. */
async function downloadCv(talent: Talent): Promise<void> {
  const { data } = await helix.api.GET("/api/v1/talents/{id}/cv/", { params: { path: { id: talent.person.id! } }, parseAs: "blob" });
  const url = URL.createObjectURL(data as unknown as Blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `cv-${talent.person.name}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function ProfilePart({ talentId }: { talentId: string }) {
  const s = useMentorStrings();
  const lang = useLang();
  const talent = useLoad(
    () => helix.api.GET("/api/v1/talents/{id}/", { params: { path: { id: talentId } } }).then(({ data }) => data!),
    [talentId],
  );
  const sectors = useLoad(() => helix.api.GET("/api/v1/sectors/").then(({ data }) => data ?? []), []);
  const [error, setError] = useState<unknown>(null);
  if (talent.error) return <ErrorNote error={talent.error} />;
  if (!talent.data) return <p role="status">{s.loading}</p>;
  const t = talent.data;
  const sectorName = (slug: string) => sectors.data?.find((sector) => sector.slug === slug)?.name ?? slug;
  const rows: [string, string][] = [
    [s.careerObjective, t.career_objective],
    [s.dutchLevel, t.dutch_level],
    [s.education, [t.education_level, t.education_field].filter(Boolean).join(", ")],
    [s.sectors, t.sectors.map(sectorName).join(", ")],
    [
      s.spokenLanguages,
      (t.languages as { language?: string; level?: string }[])
        .map((l) => `${languageLabel(l.language ?? "", lang)}${l.level ? ` (${l.level === "native" ? s.level_native : l.level})` : ""}`)
        .join(", "),
    ],
    [s.workExperience, t.work_experience],
    [s.strengths, t.core_strengths],
  ];
  return (
    <section class="connect-panel" aria-labelledby="mentee-profile">
      <h2 id="mentee-profile">{s.profile}</h2>
      <dl class="connect-report">
        {rows
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd dir="auto">{value}</dd>
            </div>
          ))}
      </dl>
      {t.has_cv ? (
        <button
          type="button"
          onClick={() => {
            setError(null);
            downloadCv(t).catch(setError);
          }}
        >
          {s.downloadCv}
        </button>
      ) : (
        <p>{s.noCv}</p>
      )}
      <ErrorNote error={error} />
    </section>
  );
}

/** A short text the mentor writes about the mentee (a comment on the plan, a note on a roadmap
 * step): the server's refusal under the field, a line once it is sent. */
function TextForm<T>(props: {
  id: string;
  label: string;
  submit: string;
  sent: string;
  rows: number;
  send: (body: string) => Promise<T | undefined>;
  onPosted: (posted: T) => void;
}) {
  const [body, setBody] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [said, setSaid] = useState("");
  const [busy, setBusy] = useState(false);
  const messages = errors.body ?? [];
  return (
    <form
      class="connect-form"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setErrors({});
        setSaid("");
        try {
          const posted = await props.send(body);
          if (posted) props.onPosted(posted);
          setBody("");
          setSaid(props.sent);
        } catch (caught) {
          setErrors(errorsOf(caught));
        } finally {
          setBusy(false);
        }
      }}
    >
      <FormAlert messages={otherErrors(errors, ["body"])} />
      <div class="account-field">
        <label for={props.id}>{props.label}</label>
        <textarea
          id={props.id}
          rows={props.rows}
          value={body}
          aria-invalid={messages.length ? true : undefined}
          aria-describedby={messages.length ? `${props.id}-error` : undefined}
          onInput={(event) => setBody((event.currentTarget as HTMLTextAreaElement).value)}
        />
        <FieldError id={`${props.id}-error`} messages={messages} />
      </div>
      <button type="submit" disabled={busy}>
        {props.submit}
      </button>
      <p role="status" class="connect-status">
        {said}
      </p>
    </form>
  );
}

function CommentForm({ talentId, onPosted }: { talentId: string; onPosted: (comment: Comment) => void }) {
  const s = useMentorStrings();
  return (
    <TextForm
      id="mentee-comment"
      label={s.yourComment}
      submit={s.sendComment}
      sent={s.commentSent}
      rows={3}
      onPosted={onPosted}
      send={async (body) =>
        (
          await helix.api.POST("/api/v1/networking/plans/{talent_public_id}/comments/", {
            params: { path: { talent_public_id: talentId } },
            body: { body },
          })
        ).data
      }
    />
  );
}

function PlanPart({ talentId }: { talentId: string }) {
  const s = useMentorStrings();
  const plan = useLoad(
    () =>
      helix.api
        .GET("/api/v1/networking/plans/{talent_public_id}/", { params: { path: { talent_public_id: talentId } } })
        .then(({ data }) => data as Plan),
    [talentId],
  );
  if (plan.error) return <ErrorNote error={plan.error} />;
  if (!plan.data) return <p role="status">{s.loading}</p>;
  const p = plan.data;
  return (
    <section class="connect-panel connect-wide" aria-labelledby="mentee-plan">
      <h2 id="mentee-plan">{s.plan}</h2>
      {!p.created_at ? (
        <p>{s.planEmpty}</p>
      ) : (
        <>
          <p>
            <progress max={p.progress.step_count} value={p.progress.done} aria-labelledby="mentee-plan-progress" />{" "}
            <span id="mentee-plan-progress">{fill(s.planProgress, { done: p.progress.done, total: p.progress.step_count })}</span>
          </p>
          {p.goals.length ? (
            <>
              <h3>{s.goals}</h3>
              <ul>
                {p.goals.map((goal) => (
                  <li key={goal.id}>
                    {goal.description}
                    {goal.target_date ? ` · ${formatDate(goal.target_date)}` : ""}
                    {goal.done ? ` · ${s.done}` : ""}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {p.milestones.length ? (
            <>
              <h3>{s.milestones}</h3>
              <ul>
                {p.milestones.map((milestone) => (
                  <li key={milestone.id}>
                    {milestone.title}
                    {milestone.due_date ? ` · ${formatDate(milestone.due_date)}` : ""}
                    {milestone.done ? ` · ${s.done}` : ""}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p>{fill(s.contacts, { n: p.contacts.length })}</p>
        </>
      )}
      <h3>{s.comments}</h3>
      {p.comments.length ? (
        <ol class="connect-list">
          {p.comments.map((comment) => (
            <li key={comment.id} class="connect-card">
              <p class="connect-meta">
                {comment.author?.name} · <time dateTime={comment.created_at}>{formatDate(comment.created_at)}</time>
              </p>
              <p class="connect-body" dir="auto">
                {comment.body}
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <p>{s.noComments}</p>
      )}
      <CommentForm talentId={talentId} onPosted={(comment) => plan.set({ ...p, comments: [...p.comments, comment] })} />
    </section>
  );
}

/** A note on one step of the mentee's roadmap (the mentee sees it on their roadmap). */
function StepNoteForm({ talentId, step, onPosted }: { talentId: string; step: number; onPosted: (note: StepNote) => void }) {
  const s = useMentorStrings();
  return (
    <TextForm
      id={`mentee-step-${step}-note`}
      label={fill(s.yourStepNote, { step })}
      submit={s.sendStepNote}
      sent={s.stepNoteSent}
      rows={2}
      onPosted={onPosted}
      send={async (body) =>
        (
          await helix.api.POST("/api/v1/journey/talents/{talent_public_id}/roadmap/steps/{step}/notes/", {
            params: { path: { talent_public_id: talentId, step } },
            body: { body },
          })
        ).data
      }
    />
  );
}

function RoadmapPart({ talentId }: { talentId: string }) {
  const s = useMentorStrings();
  const roadmap = useLoad(
    () =>
      helix.api
        .GET("/api/v1/journey/talents/{talent_public_id}/roadmap/", { params: { path: { talent_public_id: talentId } } })
        .then(({ data }) => data as Roadmap),
    [talentId],
  );
  if (roadmap.error) return <ErrorNote error={roadmap.error} />;
  if (!roadmap.data) return <p role="status">{s.loading}</p>;
  const { progress, steps } = roadmap.data;
  return (
    <section class="connect-panel" aria-labelledby="mentee-roadmap">
      <h2 id="mentee-roadmap">{s.roadmap}</h2>
      <p>
        <progress max={progress.step_count} value={progress.done} aria-labelledby="mentee-roadmap-progress" />{" "}
        <span id="mentee-roadmap-progress">
          {fill(s.roadmapProgress, { done: progress.done, total: progress.step_count, ticked: progress.items_ticked, items: progress.items_total })}
        </span>
      </p>
      <ol class="connect-list">
        {steps.map((step) => (
          <li key={step.key}>
            <p>
              <strong dir="auto">{step.title}</strong>: {s[`status_${step.status}` as keyof MentorStrings]}
            </p>
            {step.notes.length ? (
              <ul class="connect-list">
                {step.notes.map((note) => (
                  <li key={note.id} class="connect-card">
                    <p class="connect-meta">
                      {note.author?.name} · <time dateTime={note.created_at}>{formatDate(note.created_at)}</time>
                    </p>
                    <p class="connect-body" dir="auto">
                      {note.body}
                    </p>
                  </li>
                ))}
              </ul>
            ) : null}
            <details>
              <summary>{fill(s.addStepNote, { step: step.step })}</summary>
              <StepNoteForm
                talentId={talentId}
                step={step.step}
                onPosted={(note) =>
                  roadmap.set({
                    ...roadmap.data!,
                    steps: steps.map((item) => (item.key === step.key ? { ...item, notes: [...item.notes, note] } : item)),
                  })
                }
              />
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}

function MeetingsPart({ match, me }: { match: Match; me: string }) {
  const s = useMentorStrings();
  const meetings = useLoad(() => loadMeetings({ match: match.id }), [match.id]);
  const name = match.talent?.name ?? "";
  if (meetings.error) return <ErrorNote error={meetings.error} />;
  if (!meetings.data) return <p role="status">{s.loading}</p>;
  const { upcoming, toReport, past } = sortMeetings(meetings.data, me);
  const all = [...toReport, ...upcoming, ...past];
  const change = (next: Meeting) => meetings.set(meetings.data!.map((m) => (m.id === next.id ? next : m)));
  return (
    <section class="connect-panel connect-wide" aria-labelledby="mentee-meetings">
      <h2 id="mentee-meetings">{fill(s.menteeMeetings, { name })}</h2>
      {all.length ? (
        <ul class="connect-list">
          {all.map((meeting) => (
            <MeetingCard key={meeting.id} meeting={meeting} me={me} onChange={change} />
          ))}
        </ul>
      ) : (
        <p>{s.noMenteeMeetings}</p>
      )}
      <p>
        <a href="/me/mentor-meetings">{s.planMeeting}</a>
      </p>
    </section>
  );
}

function MenteeFile({ id, plugins, me }: { id: string; plugins: Set<string>; me: string }) {
  const s = useMentorStrings();
  const match = useLoad(() => helix.api.GET("/api/v1/matches/{id}/", { params: { path: { id } } }).then(({ data }) => data!), [id]);
  if (match.error) return <ErrorNote error={match.error} />;
  if (!match.data) return <p role="status">{s.loading}</p>;
  const talentId = match.data.talent?.id;
  const name = match.data.talent?.name ?? "";
  return (
    <>
      <p>
        <a href="/me/mentees">{s.backToMentees}</a>
      </p>
      <h2 class="mentor-name">
        {name} {match.data.state === "paused" ? <span class="connect-tag">{s.paused}</span> : null}
      </h2>
      {match.data.state === "active" && plugins.has("messaging") ? (
        <p>
          <a href="/me/messages">{fill(s.writeTo, { name })}</a>
        </p>
      ) : null}
      {talentId ? (
        <div class="connect-home mentor-grid">
          <ProfilePart talentId={talentId} />
          {plugins.has("journey") ? <RoadmapPart talentId={talentId} /> : null}
          {plugins.has("networking") ? <PlanPart talentId={talentId} /> : null}
          <MeetingsPart match={match.data} me={me} />
        </div>
      ) : (
        <p>{s.noProfile}</p>
      )}
    </>
  );
}

export function MenteeScreen() {
  const s = useMentorStrings();
  const { params } = useRoute();
  return (
    <Screen title={s.menteesTitle} path="/me/mentees" feature="mentoring" roles={["mentor"]}>
      {(plugins, me) => <MenteeFile id={params.id ?? ""} plugins={plugins} me={me.id} />}
    </Screen>
  );
}
