/**
 * The mentor's (or coach's) home at /me/home: what waits for an answer (meeting invitations to
 * answer here; matches an organisation still has to confirm: talents' requests are answered by
 * organisations, not by mentors), the
 * active mentees, the next meetings with "add to calendar", held meetings still waiting for
 * their report, and unread messages. One call per part: the matches, the meetings, the threads.
 */
import { helix } from "../api";
import { CalendarButton } from "../connect/MeetingsScreen";
import { ErrorNote, useLoad, useMe, usePlugins } from "../connect/shared";
import { UnreadPanel } from "../connect/UnreadPanel";
import { fill } from "../connect/strings";
import { formatDate } from "../i18n";
import { loadMatches, loadMeetings, type Meeting } from "./data";
import { menteeMatches, sortMeetings } from "./logic";
import { RespondButtons } from "./MeetingsScreen";
import { useMentorStrings } from "./strings";

function Home({ me, mentoring, messaging }: { me: string; mentoring: boolean; messaging: boolean }) {
  const s = useMentorStrings();
  const matches = useLoad(() => (mentoring ? loadMatches() : Promise.resolve([])), [mentoring]);
  const meetings = useLoad(() => (mentoring ? loadMeetings({}) : Promise.resolve([])), [mentoring]);
  const split = menteeMatches(matches.data ?? []);
  const joining = (matches.data ?? []).filter((match) => match.kind === "mentor_organisation" && match.state === "proposed");
  const { upcoming, toReport } = sortMeetings(meetings.data ?? [], me);
  const invitations = upcoming.filter(
    (meeting) =>
      meeting.status === "scheduled" &&
      meeting.planner?.id !== me &&
      meeting.participants.some((participant) => participant.person.id === me && participant.response === "pending"),
  );
  const next = upcoming.filter((meeting) => meeting.status === "scheduled").slice(0, 5);
  const waiting = invitations.length + split.proposed.length + joining.length;
  const change = (meeting: Meeting) => meetings.set((meetings.data ?? []).map((m) => (m.id === meeting.id ? meeting : m)));
  const loaded = matches.data && meetings.data;
  if (!mentoring) return messaging ? <UnreadPanel empty={s.noUnread} /> : null;
  return (
    <>
      <section class="connect-panel" aria-labelledby="mentor-home-waiting">
        <h2 id="mentor-home-waiting">{s.waiting}</h2>
        <ErrorNote error={matches.error} />
        {!loaded ? (
          <p role="status">{s.loading}</p>
        ) : waiting ? (
          <ul class="connect-list">
            {invitations.map((meeting) => (
              <li key={meeting.id}>
                <strong>{meeting.title}</strong> · <time dateTime={meeting.starts_at}>{formatDate(meeting.starts_at)}</time> ·{" "}
                {fill(s.invitedBy, { name: meeting.planner?.name ?? "" })}
                <div class="connect-actions">
                  <RespondButtons meeting={meeting} me={me} onChange={change} />
                </div>
              </li>
            ))}
            {split.proposed.map((match) => (
              <li key={match.id}>{fill(s.waitingMatch, { name: match.talent?.name ?? "" })}</li>
            ))}
            {joining.map((match) => (
              <li key={match.id}>{fill(s.waitingOrg, { name: match.organisation?.name ?? "" })}</li>
            ))}
          </ul>
        ) : (
          <p>{s.waitingNone}</p>
        )}
        <p>
          <a href="/me/mentor-profile">{s.openProfile}</a>
        </p>
      </section>
      <section class="connect-panel" aria-labelledby="mentor-home-mentees">
        <h2 id="mentor-home-mentees">{s.activeMentees}</h2>
        {!matches.data ? null : split.active.length ? (
          <>
            <p class="connect-count">{fill(s.activeCount, { n: split.active.length })}</p>
            <ul class="connect-list">
              {split.active.map((match) => (
                <li key={match.id}>
                  <a href={`/me/mentees/${match.id}`}>{match.talent?.name}</a>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{s.noMentees}</p>
        )}
        <p>
          <a href="/me/mentees">{s.openMentees}</a>
        </p>
      </section>
      <section class="connect-panel" aria-labelledby="mentor-home-meetings">
        <h2 id="mentor-home-meetings">{s.nextMeetings}</h2>
        <ErrorNote error={meetings.error} />
        {!meetings.data ? (
          <p role="status">{s.loading}</p>
        ) : next.length ? (
          <ul class="connect-list">
            {next.map((meeting) => (
              <li key={meeting.id}>
                <strong>{meeting.title}</strong> · <time dateTime={meeting.starts_at}>{formatDate(meeting.starts_at)}</time>{" "}
                <CalendarButton meeting={meeting} />
              </li>
            ))}
          </ul>
        ) : (
          <p>{s.noNextMeetings}</p>
        )}
        <p>
          <a href="/me/mentor-meetings">{s.planMeeting}</a>
        </p>
      </section>
      <section class="connect-panel" aria-labelledby="mentor-home-reports">
        <h2 id="mentor-home-reports">{s.reportsDue}</h2>
        {!meetings.data ? null : toReport.length ? (
          <ul class="connect-list">
            {toReport.map((meeting) => (
              <li key={meeting.id}>
                {meeting.title} · <time dateTime={meeting.starts_at}>{formatDate(meeting.starts_at)}</time> ·{" "}
                <a href={`/me/mentor-meetings#report-${meeting.id}`}>
                  {s.writeReport}
                  <span class="visually-hidden">: {meeting.title}</span>
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p>{s.reportsDueNone}</p>
        )}
      </section>
      {messaging ? <UnreadPanel empty={s.noUnread} /> : null}
    </>
  );
}

export function MentorHome() {
  const plugins = usePlugins();
  const me = useMe();
  if (!plugins || !me) return null;
  return (
    <div class="connect-home mentor-grid">
      <Home me={me.id} mentoring={plugins.has("mentoring")} messaging={plugins.has("messaging")} />
    </div>
  );
}
