/**
 * The talent's meetings: one list call, an answer (attending or not) per meeting, the meeting
 * as an iCalendar file from the API to add to a calendar, and the mentor's 5-step report once
 * it is filed (asked when opened, not for every row).
 */
import { useState } from "preact/hooks";
import type { ApiComponents } from "@helix/client";
import { helix } from "../api";
import { formatDate } from "../i18n";
import { allPages, ErrorNote, PAGE_SIZE, Screen, useLoad } from "./shared";
import { fill, useConnectStrings } from "./strings";

type Meeting = ApiComponents["schemas"]["Meeting"];
type Report = ApiComponents["schemas"]["Report"];
const STEPS = ["rapport", "goal", "plan", "next_steps", "evaluation"] as const;

/** The meeting's .ics from the API, handed to the browser as a download. */
export async function downloadInvite(meeting: Meeting): Promise<void> {
  const { data } = await helix.api.GET("/api/v1/meetings/{id}/invite/", {
    params: { path: { id: meeting.id } },
    parseAs: "blob",
  });
  const url = URL.createObjectURL(data as unknown as Blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `meeting-${meeting.starts_at.slice(0, 10)}.ics`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function CalendarButton({ meeting }: { meeting: Meeting }) {
  const s = useConnectStrings();
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setError(null);
          downloadInvite(meeting).catch(setError);
        }}
      >
        {s.addToCalendar}
        <span class="visually-hidden">: {meeting.title}</span>
      </button>
      <ErrorNote error={error} />
    </>
  );
}

function ReportView({ meeting }: { meeting: Meeting }) {
  const s = useConnectStrings();
  const report = useLoad(
    () => helix.api.GET("/api/v1/meetings/{id}/report/", { params: { path: { id: meeting.id } } }).then(({ data }) => data as Report),
    [meeting.id],
  );
  if (report.error) return <ErrorNote error={report.error} />;
  if (!report.data) return <p role="status">{s.loading}</p>;
  return (
    <dl class="connect-report">
      {STEPS.map((step) => (
        <div key={step}>
          <dt>{s[`report_${step}`]}</dt>
          <dd>{report.data![step] || "—"}</dd>
        </div>
      ))}
      {report.data.next_appointment ? (
        <div>
          <dt>{s.nextAppointment}</dt>
          <dd>{formatDate(report.data.next_appointment)}</dd>
        </div>
      ) : null}
    </dl>
  );
}

function MeetingRow({ meeting, me, onChange }: { meeting: Meeting; me: string; onChange: (meeting: Meeting) => void }) {
  const s = useConnectStrings();
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState(false);
  const mine = meeting.participants.find((participant) => participant.person.id === me);
  const answer = mine?.response ?? "pending";
  const cancelled = meeting.status === "cancelled";
  const future = new Date(meeting.ends_at).getTime() > Date.now();
  const respond = async (attending: boolean) => {
    setError(null);
    try {
      const { data } = await helix.api.POST("/api/v1/meetings/{id}/respond/", {
        params: { path: { id: meeting.id } },
        body: { attending },
      });
      if (data) onChange(data);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <li class="connect-card">
      <h3>
        {meeting.title} {cancelled ? <span class="connect-tag">{s.cancelled}</span> : null}
      </h3>
      <p class="connect-meta">
        <time dateTime={meeting.starts_at}>{formatDate(meeting.starts_at)}</time>
        {meeting.planner ? ` · ${meeting.planner.name}` : ""}
        {meeting.place ? ` · ${meeting.place}` : ""}
        {meeting.online_url ? ` · ${s.online}` : ""}
      </p>
      {meeting.agenda ? <p>{meeting.agenda}</p> : null}
      {mine ? <p>{fill(s.yourAnswer, { answer: s[`answer_${answer}`] })}</p> : null}
      <div class="connect-actions">
        {!cancelled && future && mine ? (
          <>
            <button type="button" aria-pressed={answer === "yes"} onClick={() => respond(true)}>
              {s.attend}
            </button>
            <button type="button" aria-pressed={answer === "no"} onClick={() => respond(false)}>
              {s.notAttend}
            </button>
          </>
        ) : null}
        {!cancelled && future ? <CalendarButton meeting={meeting} /> : null}
        {!cancelled && future && meeting.online_url ? (
          <a href={meeting.online_url} rel="noopener noreferrer" target="_blank">
            {s.join}
          </a>
        ) : null}
        {meeting.has_report ? (
          <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? s.hideReport : s.showReport}
          </button>
        ) : null}
      </div>
      {open ? <ReportView meeting={meeting} /> : null}
      <ErrorNote error={error} />
    </li>
  );
}

/** The meetings; `me` (the signed-in person's id, from the screen's account) finds their own answer. */
function MeetingList({ me: myId }: { me: string }) {
  const s = useConnectStrings();
  const list = useLoad(async () => {
    const meetings = await allPages((page, page_size) =>
      helix.api.GET("/api/v1/meetings/", { params: { query: { page, page_size } } }).then(({ data }) => data),
    );
    return { meetings, me: myId };
  }, [myId]);
  if (list.error) return <ErrorNote error={list.error} />;
  if (!list.data) return <p role="status">{s.loading}</p>;
  const { meetings, me } = list.data;
  if (!meetings.length)
    return (
      <p>
        {s.noMeetingsList} <a href="/me/mentor">{s.mentor}</a>
      </p>
    );
  const now = Date.now();
  const upcoming = meetings.filter((m) => new Date(m.ends_at).getTime() > now).sort((a, b) => a.starts_at.localeCompare(b.starts_at));
  const past = meetings.filter((m) => new Date(m.ends_at).getTime() <= now);
  const change = (next: Meeting) => list.set({ me, meetings: meetings.map((m) => (m.id === next.id ? next : m)) });
  return (
    <>
      <section aria-labelledby="connect-upcoming">
        <h2 id="connect-upcoming">{s.upcoming}</h2>
        {!upcoming.length ? <p>{s.noMeetings}</p> : null}
        <ul class="connect-list">
          {upcoming.map((meeting) => (
            <MeetingRow key={meeting.id} meeting={meeting} me={me} onChange={change} />
          ))}
        </ul>
      </section>
      {past.length ? (
        <section aria-labelledby="connect-past">
          <h2 id="connect-past">{s.past}</h2>
          <ul class="connect-list">
            {past.map((meeting) => (
              <MeetingRow key={meeting.id} meeting={meeting} me={me} onChange={change} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function MeetingsScreen() {
  const s = useConnectStrings();
  return (
    <Screen title={s.meetingsTitle} path="/me/meetings" feature="mentoring">
      {(_plugins, me) => <MeetingList me={me.id} />}
    </Screen>
  );
}
