/**
 * Meetings and reports (/me/mentor-meetings): plan a meeting with one mentee, or a group
 * session with several (`POST /api/v1/meetings/`; everyone gets an e-mailed invite), the coming
 * meetings with "add to calendar", the held ones waiting for their 5-step report
 * (`PUT /api/v1/meetings/{id}/report/`: rapport, goal, plan, next steps, evaluation and the next
 * appointment) and the earlier ones. One matches call and one meetings call; a report is asked
 * only when it is opened.
 */
import { useEffect, useState } from "preact/hooks";
import type { ApiComponents } from "@helix/client";
import { errorsOf, FieldError, FormAlert, otherErrors, type Errors } from "../account/form";
import { helix } from "../api";
import { CalendarButton } from "../connect/MeetingsScreen";
import { ErrorNote, Screen, useLoad } from "../connect/shared";
import { fill } from "../connect/strings";
import { formatDate } from "../i18n";
import { loadMatches, loadMeetings, type Match, type Meeting } from "./data";
import { endAfter, isoToLocal, localToIso, menteeMatches, sortMeetings } from "./logic";
import { DOMAINS } from "./ProfileScreen";
import { useMentorStrings, type MentorStrings } from "./strings";

type Report = ApiComponents["schemas"]["Report"];
const STEPS = ["rapport", "goal", "plan", "next_steps", "evaluation"] as const;

/** A labelled textarea or input of these forms, with its server messages linked. */
function Input({
  id,
  label,
  hint,
  value,
  messages,
  multiline,
  type = "text",
  onInput,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  messages: string[];
  multiline?: boolean;
  type?: string;
  onInput: (value: string) => void;
}) {
  const described = [hint ? `${id}-hint` : "", messages.length ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    value,
    "aria-invalid": messages.length ? true : undefined,
    "aria-describedby": described,
    onInput: (event: Event) => onInput((event.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class="account-field">
      <label for={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} class="account-hint">
          {hint}
        </p>
      ) : null}
      {multiline ? <textarea rows={3} {...common} /> : <input type={type} {...common} />}
      <FieldError id={`${id}-error`} messages={messages} />
    </div>
  );
}

function ReportView({ report }: { report: Report }) {
  const s = useMentorStrings();
  return (
    <dl class="connect-report">
      {STEPS.map((step) => (
        <div key={step}>
          <dt>{s[`report_${step}`]}</dt>
          <dd dir="auto">{report[step] || "—"}</dd>
        </div>
      ))}
      {report.next_appointment ? (
        <div>
          <dt>{s.nextAppointment}</dt>
          <dd>{formatDate(report.next_appointment)}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** The five steps of a held meeting's report, filled with the filed one when there is one. */
function ReportForm({ meeting, start, onFiled }: { meeting: Meeting; start: Report | null; onFiled: (report: Report) => void }) {
  const s = useMentorStrings();
  const [values, setValues] = useState<Record<(typeof STEPS)[number], string>>({
    rapport: start?.rapport ?? "",
    goal: start?.goal ?? "",
    plan: start?.plan ?? "",
    next_steps: start?.next_steps ?? "",
    evaluation: start?.evaluation ?? "",
  });
  const [next, setNext] = useState(start?.next_appointment ? isoToLocal(start.next_appointment) : "");
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const base = `report-${meeting.id}`;
  return (
    <form
      class="connect-form mentor-report"
      noValidate
      aria-labelledby={`${base}-title`}
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setErrors({});
        try {
          const { data } = await helix.api.PUT("/api/v1/meetings/{id}/report/", {
            params: { path: { id: meeting.id } },
            body: { ...values, next_appointment: next ? localToIso(next) || next : null },
          });
          if (data) onFiled(data);
        } catch (caught) {
          setErrors(errorsOf(caught));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h4 id={`${base}-title`}>{fill(s.reportTitle, { title: meeting.title })}</h4>
      <p class="account-hint">{s.reportHint}</p>
      <FormAlert messages={otherErrors(errors, [...STEPS, "next_appointment"])} />
      {STEPS.map((step) => (
        <Input
          key={step}
          id={`${base}-${step}`}
          label={s[`report_${step}`]}
          value={values[step]}
          messages={errors[step] ?? []}
          multiline
          onInput={(value) => setValues({ ...values, [step]: value })}
        />
      ))}
      <Input
        id={`${base}-next`}
        label={s.nextAppointment}
        type="datetime-local"
        value={next}
        messages={errors.next_appointment ?? []}
        onInput={setNext}
      />
      <button type="submit" disabled={busy}>
        {s.fileReport}
      </button>
    </form>
  );
}

/** An invitation someone else sent: attend or not (`POST /api/v1/meetings/{id}/respond/`). */
export function RespondButtons({ meeting, me, onChange }: { meeting: Meeting; me: string; onChange: (meeting: Meeting) => void }) {
  const s = useMentorStrings();
  const [error, setError] = useState<unknown>(null);
  const mine = meeting.participants.find((participant) => participant.person.id === me);
  if (!mine || meeting.planner?.id === me || meeting.status === "cancelled" || new Date(meeting.ends_at).getTime() <= Date.now()) return null;
  const respond = async (attending: boolean) => {
    setError(null);
    try {
      const { data } = await helix.api.POST("/api/v1/meetings/{id}/respond/", { params: { path: { id: meeting.id } }, body: { attending } });
      if (data) onChange(data);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <>
      <button type="button" aria-pressed={mine.response === "yes"} onClick={() => respond(true)}>
        {s.attend}
        <span class="visually-hidden">: {meeting.title}</span>
      </button>
      <button type="button" aria-pressed={mine.response === "no"} onClick={() => respond(false)}>
        {s.notAttend}
        <span class="visually-hidden">: {meeting.title}</span>
      </button>
      <ErrorNote error={error} />
    </>
  );
}

/** A meeting as the mentor sees it: when, with whom, the invite, and its report. */
export function MeetingCard({ meeting, me, onChange }: { meeting: Meeting; me: string; onChange: (meeting: Meeting) => void }) {
  const s = useMentorStrings();
  const [open, setOpen] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [said, setSaid] = useState("");
  const cancelled = meeting.status === "cancelled";
  const started = new Date(meeting.starts_at).getTime() <= Date.now();
  const future = new Date(meeting.ends_at).getTime() > Date.now();
  const mayWrite = !cancelled && started && meeting.planner?.id === me;
  const others = meeting.participants.filter((p) => p.person.id !== me).map((p) => p.person.name);
  useEffect(() => {
    if (location.hash === `#report-${meeting.id}` && mayWrite) setOpen(true);
  }, [meeting.id]);
  useEffect(() => {
    if (!open || !meeting.has_report || report) return;
    helix.api
      .GET("/api/v1/meetings/{id}/report/", { params: { path: { id: meeting.id } } })
      .then(({ data }) => setReport(data ?? null), setError);
  }, [open, meeting.has_report]);
  const toggleLabel = mayWrite ? (meeting.has_report ? (open ? s.hideReport : s.editReport) : open ? s.cancel : s.writeReport) : open ? s.hideReport : s.showReport;
  return (
    <li class="connect-card" id={`meeting-${meeting.id}`}>
      <h3>
        {meeting.title} {cancelled ? <span class="connect-tag">{s.cancelled}</span> : null}
        {meeting.has_report ? <span class="connect-tag">{s.reportFiled}</span> : null}
      </h3>
      <p class="connect-meta">
        <time dateTime={meeting.starts_at}>{formatDate(meeting.starts_at)}</time>
        {others.length ? ` · ${fill(s.participants, { names: others.join(", ") })}` : ""}
        {meeting.place ? ` · ${meeting.place}` : ""}
        {meeting.online_url ? ` · ${s.online}` : ""}
      </p>
      {meeting.agenda ? <p dir="auto">{meeting.agenda}</p> : null}
      <div class="connect-actions">
        <RespondButtons meeting={meeting} me={me} onChange={onChange} />
        {!cancelled && future ? <CalendarButton meeting={meeting} /> : null}
        {mayWrite || meeting.has_report ? (
          <button type="button" aria-expanded={open} aria-controls={`report-${meeting.id}`} onClick={() => setOpen(!open)}>
            {toggleLabel}
            <span class="visually-hidden">: {meeting.title}</span>
          </button>
        ) : null}
      </div>
      <p role="status" class="connect-status">
        {said}
      </p>
      <ErrorNote error={error} />
      <div id={`report-${meeting.id}`}>
        {!open ? null : meeting.has_report && !report ? (
          <p role="status">{s.loading}</p>
        ) : mayWrite ? (
          <ReportForm
            meeting={meeting}
            start={report}
            onFiled={(filed) => {
              setReport(filed);
              setOpen(false);
              setSaid(s.reportSaved);
              onChange({ ...meeting, has_report: true });
            }}
          />
        ) : report ? (
          <ReportView report={report} />
        ) : null}
        {!open && report && said ? <ReportView report={report} /> : null}
      </div>
    </li>
  );
}

/** The form to plan a meeting for one or several mentees (their matches). */
function PlanForm({ matches, onPlanned }: { matches: Match[]; onPlanned: (meeting: Meeting) => void }) {
  const s = useMentorStrings();
  const [chosen, setChosen] = useState<string[]>(matches.length === 1 ? [matches[0]!.id] : []);
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<"session" | "closing">("session");
  const [domain, setDomain] = useState("");
  const [starts, setStarts] = useState("");
  const [ends, setEnds] = useState("");
  const [place, setPlace] = useState("");
  const [url, setUrl] = useState("");
  const [agenda, setAgenda] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState("");
  const matchErrors = errors.matches ?? [];
  return (
    <form
      class="connect-form"
      noValidate
      aria-labelledby="mentor-plan-title"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setErrors({});
        setSaid("");
        try {
          const { data } = await helix.api.POST("/api/v1/meetings/", {
            body: {
              matches: chosen,
              kind,
              title,
              agenda,
              domain: domain as Meeting["domain"],
              starts_at: localToIso(starts),
              ends_at: localToIso(ends),
              time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone || "Europe/Brussels",
              place,
              online_url: url,
            },
          });
          if (data) onPlanned(data);
          setSaid(s.planned);
          setTitle("");
          setAgenda("");
        } catch (caught) {
          setErrors(errorsOf(caught));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 id="mentor-plan-title">{s.planTitle}</h2>
      <p class="account-hint">{s.planHint}</p>
      <FormAlert
        messages={otherErrors(errors, ["matches", "participants", "kind", "title", "agenda", "domain", "starts_at", "ends_at", "time_zone", "place", "online_url"])}
      />
      <fieldset
        class="connect-choices"
        aria-invalid={matchErrors.length ? true : undefined}
        aria-describedby={matchErrors.length ? "mentor-who-error" : undefined}
      >
        <legend>{s.who}</legend>
        {matches.map((match) => (
          <div class="connect-check" key={match.id}>
            <input
              id={`mentor-who-${match.id}`}
              type="checkbox"
              checked={chosen.includes(match.id)}
              onChange={(event) =>
                setChosen((event.currentTarget as HTMLInputElement).checked ? [...chosen, match.id] : chosen.filter((id) => id !== match.id))
              }
            />
            <label for={`mentor-who-${match.id}`}>{match.talent?.name}</label>
          </div>
        ))}
        <FieldError id="mentor-who-error" messages={[...matchErrors, ...(errors.participants ?? [])]} />
      </fieldset>
      <Input id="mentor-plan-title-field" label={s.title} value={title} messages={errors.title ?? []} onInput={setTitle} />
      <div class="account-field">
        <label for="mentor-plan-kind">{s.kind}</label>
        <select id="mentor-plan-kind" value={kind} onChange={(event) => setKind((event.currentTarget as HTMLSelectElement).value as "session" | "closing")}>
          <option value="session">{s.kind_session}</option>
          <option value="closing">{s.kind_closing}</option>
        </select>
        <FieldError messages={errors.kind ?? []} />
      </div>
      <div class="account-field">
        <label for="mentor-plan-domain">{s.topic}</label>
        <select id="mentor-plan-domain" value={domain} onChange={(event) => setDomain((event.currentTarget as HTMLSelectElement).value)}>
          <option value="">{s.noTopic}</option>
          {DOMAINS.map((d) => (
            <option key={d} value={d}>
              {s[`domain_${d}` as keyof MentorStrings]}
            </option>
          ))}
        </select>
        <FieldError messages={errors.domain ?? []} />
      </div>
      <div class="mentor-row">
        <Input
          id="mentor-plan-starts"
          label={s.startsAt}
          type="datetime-local"
          value={starts}
          messages={errors.starts_at ?? []}
          onInput={(value) => {
            setStarts(value);
            if (!ends || ends <= value) setEnds(endAfter(value));
          }}
        />
        <Input id="mentor-plan-ends" label={s.endsAt} type="datetime-local" value={ends} messages={errors.ends_at ?? []} onInput={setEnds} />
      </div>
      <Input id="mentor-plan-place" label={s.place} hint={s.placeHint} value={place} messages={errors.place ?? []} onInput={setPlace} />
      <Input id="mentor-plan-url" label={s.onlineUrl} type="url" value={url} messages={errors.online_url ?? []} onInput={setUrl} />
      <Input id="mentor-plan-agenda" label={s.agenda} value={agenda} messages={errors.agenda ?? []} multiline onInput={setAgenda} />
      <FieldError messages={errors.time_zone ?? []} />
      <button type="submit" disabled={busy}>
        {s.planIt}
      </button>
      <p role="status" class="connect-status">
        {said}
      </p>
    </form>
  );
}

/** Meetings split into coming, waiting for a report, and earlier; each a card. */
function MeetingLists({ meetings, me, onChange }: { meetings: Meeting[]; me: string; onChange: (meeting: Meeting) => void }) {
  const s = useMentorStrings();
  const { upcoming, toReport, past } = sortMeetings(meetings, me);
  const H = "h2";
  const list = (items: Meeting[]) => (
    <ul class="connect-list">
      {items.map((meeting) => (
        <MeetingCard key={meeting.id} meeting={meeting} me={me} onChange={onChange} />
      ))}
    </ul>
  );
  return (
    <>
      {toReport.length ? (
        <section aria-labelledby="mentor-to-report">
          <H id="mentor-to-report">{s.toReport}</H>
          {list(toReport)}
        </section>
      ) : null}
      <section aria-labelledby="mentor-upcoming">
        <H id="mentor-upcoming">{s.upcoming}</H>
        {upcoming.length ? list(upcoming) : <p>{s.noUpcoming}</p>}
      </section>
      {past.length ? (
        <section aria-labelledby="mentor-past">
          <H id="mentor-past">{s.past}</H>
          {list(past)}
        </section>
      ) : null}
    </>
  );
}

function Meetings({ me }: { me: string }) {
  const s = useMentorStrings();
  const matches = useLoad(loadMatches, []);
  const meetings = useLoad(() => loadMeetings({}), []);
  const active = menteeMatches(matches.data ?? []).active;
  const change = (next: Meeting) => meetings.set((meetings.data ?? []).map((m) => (m.id === next.id ? next : m)));
  return (
    <>
      <ErrorNote error={matches.error} />
      {!matches.data ? (
        <p role="status">{s.loading}</p>
      ) : active.length ? (
        <PlanForm matches={active} onPlanned={(meeting) => meetings.set([meeting, ...(meetings.data ?? [])])} />
      ) : (
        <p>
          {s.noOneToMeet} <a href="/me/mentor-profile">{s.openProfile}</a>
        </p>
      )}
      <ErrorNote error={meetings.error} />
      {meetings.data ? <MeetingLists meetings={meetings.data} me={me} onChange={change} /> : <p role="status">{s.loading}</p>}
    </>
  );
}

export function MentorMeetingsScreen() {
  const s = useMentorStrings();
  return (
    <Screen title={s.meetingsTitle} path="/me/mentor-meetings" feature="mentoring" roles={["mentor"]}>
      {(_plugins, me) => <Meetings me={me.id} />}
    </Screen>
  );
}
