/**
 * Messages: the talent's conversations (one list call) with their unread count, the people
 * they are connected with but have not written to yet (one matches call, when mentoring is on),
 * a conversation (the newest messages, older ones on demand), marked read on opening, and a
 * message written in it with the server's refusal next to the field. The whole conversation, or
 * one message of the other person, is reported to the admins with the same reason form.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import type { ApiComponents } from "@helix/client";
import { errorsOf, FieldError, FormAlert, otherErrors, type Errors } from "../account/form";
import { helix } from "../api";
import { formatDate } from "../i18n";
import { ConfirmButton } from "./Confirm";
import { allPages, ErrorNote, PAGE_SIZE, Screen, useLoad } from "./shared";
import { fill, useConnectStrings } from "./strings";

type Thread = ApiComponents["schemas"]["Thread"];
type Message = ApiComponents["schemas"]["Message"];
type Person = ApiComponents["schemas"]["Person"];

function Composer({ label, onSend }: { label: string; onSend: (body: string) => Promise<unknown> }) {
  const s = useConnectStrings();
  const [body, setBody] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState("");
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
          await onSend(body);
          setBody("");
          setSaid(s.sentDone);
        } catch (caught) {
          setErrors(errorsOf(caught));
        } finally {
          setBusy(false);
        }
      }}
    >
      <FormAlert messages={otherErrors(errors, ["body"])} />
      <div class="account-field">
        <label for="connect-body">{label}</label>
        <textarea
          id="connect-body"
          name="body"
          rows={3}
          value={body}
          aria-invalid={messages.length ? true : undefined}
          aria-describedby={messages.length ? "connect-body-error" : undefined}
          onInput={(event) => setBody((event.currentTarget as HTMLTextAreaElement).value)}
        />
        <FieldError id="connect-body-error" messages={messages} />
      </div>
      <button type="submit" disabled={busy}>
        {s.sendMessage}
      </button>
      <p role="status" class="connect-status">
        {said}
      </p>
    </form>
  );
}

function NewConversation({ person, onStarted }: { person: Person; onStarted: () => void }) {
  const s = useConnectStrings();
  return (
    <li class="connect-card">
      <h3>{fill(s.writeTo, { name: person.name })}</h3>
      <Composer
        label={s.write}
        onSend={async (body) => {
          await helix.api.POST("/api/v1/threads/", { body: { to: person.id!, body } });
          onStarted();
        }}
      />
    </li>
  );
}

function ThreadList({ mentoring, myId }: { mentoring: boolean; myId: string }) {
  const s = useConnectStrings();
  const list = useLoad(async () => {
    const [threads, connected] = await Promise.all([
      allPages((page, page_size) => helix.api.GET("/api/v1/threads/", { params: { query: { page, page_size } } }).then(({ data }) => data)),
      mentoring
        ? helix.api
            .GET("/api/v1/matches/", { params: { query: { kind: "talent_mentor", state: "active", page_size: PAGE_SIZE } } })
            // The other side of each match: the mentor for a talent, the talent for a mentor.
            .then(({ data }) =>
              data!.results
                .map((match) => (match.talent?.id === myId ? match.mentor : match.talent))
                .filter((person): person is Person => !!person?.id && person.id !== myId),
            )
        : Promise.resolve([] as Person[]),
    ]);
    const talkedTo = new Set(threads.map((thread) => thread.other.id));
    return { threads, newPeople: connected.filter((person) => !talkedTo.has(person.id)) };
  }, [mentoring, myId]);
  if (list.error) return <ErrorNote error={list.error} />;
  if (!list.data) return <p role="status">{s.loading}</p>;
  const { threads, newPeople } = list.data;
  return (
    <>
      {!threads.length && !newPeople.length ? (
        <p>
          {s.noThreads} {mentoring ? <a href="/me/mentor">{s.mentor}</a> : null}
        </p>
      ) : null}
      {threads.length ? (
        <ul class="connect-list">
          {threads.map((thread) => (
            <ThreadRow key={thread.id} thread={thread} />
          ))}
        </ul>
      ) : null}
      {newPeople.length ? (
        <section aria-labelledby="connect-start">
          <h2 id="connect-start">{s.startWith}</h2>
          <ul class="connect-list">
            {newPeople.map((person) => (
              <NewConversation key={person.id} person={person} onStarted={list.reload} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function ThreadRow({ thread }: { thread: Thread }) {
  const s = useConnectStrings();
  return (
    <li class={`connect-card${thread.unread_count ? " connect-unread" : ""}`}>
      <a href={`/me/messages/${thread.id}`}>
        <strong>{thread.other.name}</strong>
        {thread.unread_count ? <span class="connect-badge">{fill(s.unreadCount, { n: thread.unread_count })}</span> : null}
      </a>
      {thread.last_message ? (
        <p class="connect-meta">
          {thread.last_message.from_me ? `${s.you}: ` : ""}
          {thread.last_message.preview} · {formatDate(thread.last_message.created_at)}
        </p>
      ) : null}
    </li>
  );
}

export function MessagesScreen() {
  const s = useConnectStrings();
  return (
    <Screen title={s.messagesTitle} path="/me/messages" feature="messaging">
      {(plugins, me) => <ThreadList mentoring={plugins.has("mentoring")} myId={me.id} />}
    </Screen>
  );
}

function Conversation({ id }: { id: string }) {
  const s = useConnectStrings();
  const [older, setOlder] = useState<Message[]>([]);
  const [more, setMore] = useState<boolean | null>(null);
  const end = useRef<HTMLDivElement>(null);
  const data = useLoad(async () => {
    const [thread, page] = await Promise.all([
      helix.api.GET("/api/v1/threads/{id}/", { params: { path: { id } } }).then(({ data }) => data!),
      helix.api.GET("/api/v1/threads/{id}/messages/", { params: { path: { id } } }).then(({ data }) => data!),
    ]);
    if (thread.unread_count && page.results.length) {
      await helix.api.POST("/api/v1/threads/{id}/read/", { params: { path: { id } }, body: {} });
    }
    return { thread, messages: page.results, hasMore: page.has_more };
  }, [id]);
  useEffect(() => end.current?.scrollIntoView({ block: "nearest" }), [data.data?.messages.length]);
  if (data.error) return <ErrorNote error={data.error} />;
  if (!data.data) return <p role="status">{s.loading}</p>;
  const { thread, messages, hasMore } = data.data;
  const all = [...older, ...messages];
  const showMore = more ?? hasMore;
  return (
    <>
      <p>
        <a href="/me/messages">{s.back}</a>
      </p>
      <h2>{thread.other.name}</h2>
      {showMore ? (
        <button
          type="button"
          onClick={async () => {
            const { data: page } = await helix.api.GET("/api/v1/threads/{id}/messages/", {
              params: { path: { id }, query: { before: all[0]!.id } },
            });
            setOlder([...page!.results, ...older]);
            setMore(page!.has_more);
          }}
        >
          {s.olderMessages}
        </button>
      ) : null}
      <ol class="connect-messages" aria-live="polite">
        {all.map((message) => (
          <li key={message.id} class={message.from_me ? "connect-mine" : "connect-theirs"}>
            <p class="connect-meta">
              {message.from_me ? s.you : message.sender?.name} · <time dateTime={message.created_at}>{formatDate(message.created_at)}</time>
            </p>
            <p class="connect-body" dir="auto">{message.body}</p>
            {message.from_me ? null : (
              <ReportForm
                id={id}
                message={message.id}
                label={s.reportMessage}
                context={`${message.sender?.name ?? thread.other.name}, ${formatDate(message.created_at)}`}
                done={s.reportMessageSent}
              />
            )}
          </li>
        ))}
      </ol>
      <div ref={end} />
      {thread.is_open ? (
        <Composer
          label={s.write}
          onSend={async (body) => {
            const { data: sent } = await helix.api.POST("/api/v1/threads/{id}/messages/", { params: { path: { id } }, body: { body } });
            if (sent) data.set({ thread, messages: [...messages, sent], hasMore });
          }}
        />
      ) : (
        <p>{s.closed}</p>
      )}
      <Safety thread={thread} onChange={(next) => data.set({ thread: next, messages, hasMore })} />
    </>
  );
}

/** Block the other side (they are not told; undone the same way) or report the conversation. */
function Safety({ thread, onChange }: { thread: Thread; onChange: (thread: Thread) => void }) {
  const s = useConnectStrings();
  const id = thread.id;
  const [unblockError, setUnblockError] = useState<unknown>(null);
  return (
    <section class="connect-panel connect-safety" aria-labelledby="connect-safety">
      <h2 id="connect-safety">{s.safety}</h2>
      {thread.blocked_by_me ? (
        <>
          <p>{fill(s.blockedNote, { name: thread.other.name })}</p>
          <button
            type="button"
            onClick={async () => {
              setUnblockError(null);
              try {
                const { data } = await helix.api.DELETE("/api/v1/threads/{id}/block/", { params: { path: { id } } });
                if (data) onChange(data);
              } catch (caught) {
                setUnblockError(caught);
              }
            }}
          >
            {fill(s.unblock, { name: thread.other.name })}
          </button>
          <ErrorNote error={unblockError} />
        </>
      ) : (
        <ConfirmButton
          label={fill(s.block, { name: thread.other.name })}
          question={fill(s.blockQuestion, { name: thread.other.name })}
          yes={s.blockYes}
          onConfirm={async () => {
            const { data } = await helix.api.POST("/api/v1/threads/{id}/block/", { params: { path: { id } } });
            if (data) onChange(data);
          }}
        />
      )}
      <ReportForm id={id} label={s.report} done={s.reportSent} />
    </section>
  );
}

type ReportProps = {
  /** The conversation. */
  id: string;
  /** One message of it, when that message is the problem. */
  message?: number;
  /** The button's words, and (for screen readers) which message it is about. */
  label: string;
  context?: string;
  /** Said once the report is sent. */
  done: string;
};

/** "Report": opens the reason form in place; sent, the form closes and a status line confirms. */
function ReportForm({ id, message, label, context, done }: ReportProps) {
  const s = useConnectStrings();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState("");
  const messages = errors.reason ?? [];
  const field = `connect-reason${message === undefined ? "" : `-${message}`}`;
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) reasonField.current?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return (
    <div class={message === undefined ? "connect-report-thread" : "connect-report-message"}>
      {open ? (
        <form
          class="connect-form"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            setBusy(true);
            setErrors({});
            try {
              const body = message === undefined ? { reason } : { reason, message };
              await helix.api.POST("/api/v1/threads/{id}/report/", { params: { path: { id } }, body });
              setReason("");
              setSaid(done);
              setOpen(false);
            } catch (caught) {
              setErrors(errorsOf(caught));
            } finally {
              setBusy(false);
            }
          }}
        >
          <FormAlert messages={otherErrors(errors, ["reason"])} />
          <div class="account-field">
            <label for={field}>{s.reportReason}</label>
            <p id={`${field}-hint`} class="account-hint">
              {s.reportHint}
            </p>
            <textarea
              ref={reasonField}
              id={field}
              name="reason"
              rows={3}
              value={reason}
              aria-invalid={messages.length ? true : undefined}
              aria-describedby={messages.length ? `${field}-hint ${field}-error` : `${field}-hint`}
              onInput={(event) => setReason((event.currentTarget as HTMLTextAreaElement).value)}
            />
            <FieldError id={`${field}-error`} messages={messages} />
          </div>
          <div class="connect-actions">
            <button type="submit" disabled={busy}>
              {s.reportSend}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              {s.cancel}
            </button>
          </div>
        </form>
      ) : (
        <button ref={opener} type="button" class={message === undefined ? undefined : "connect-small"} onClick={() => (setSaid(""), setOpen(true))}>
          {label}
          {context ? <span class="visually-hidden">: {context}</span> : null}
        </button>
      )}
      <p role="status" class="connect-status">
        {said}
      </p>
    </div>
  );
}

export function ThreadScreen() {
  const s = useConnectStrings();
  const { params } = useRoute();
  return (
    <Screen title={s.messages} path="/me/messages" feature="messaging">
      {() => <Conversation id={params.id ?? ""} />}
    </Screen>
  );
}
