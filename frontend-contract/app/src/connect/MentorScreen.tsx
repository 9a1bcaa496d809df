/**
 * Ask for a mentor or coach: the kind, the domains, the languages and the availability, with
 * the server's refusals next to their fields; below, the talent's requests and their status
 * (one list call), and the mentors they are matched with.
 */
import { useState } from "preact/hooks";
import type { ApiComponents } from "@helix/client";
import { errorsOf, FieldError, FormAlert, otherErrors, TextArea, type Errors } from "../account/form";
import { helix } from "../api";
import { formatDate, languageName, isLang } from "../i18n";
import { ErrorNote, PAGE_SIZE, Screen, useLoad } from "./shared";
import { fill, useConnectStrings, type ConnectStrings } from "./strings";

type Domain = ApiComponents["schemas"]["MentoringDomainEnum"];
type MentorKind = ApiComponents["schemas"]["MentorKindEnum"];
type Language = ApiComponents["schemas"]["LanguagesEnum"];
type Request = ApiComponents["schemas"]["Request"];

const DOMAINS: Domain[] = ["talents", "cv", "interview", "motivation_letter", "networking", "vacancies"];
const KINDS: MentorKind[] = ["either", "volunteer", "coach"];
const LANGUAGES: Language[] = ["nl", "en", "ar", "fr", "de", "fa", "prs", "ps", "ti", "uk", "ru", "tr", "es", "ku", "so"];

/** A language's name in the interface language, by the browser's own list of names. */
function nameOf(code: string): string {
  if (isLang(code)) return languageName(code);
  try {
    const names = new Intl.DisplayNames([document.documentElement.lang || "en"], { type: "language" });
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

function Checkboxes<T extends string>({
  legend,
  name,
  options,
  chosen,
  label,
  errors,
  onChange,
}: {
  legend: string;
  name: string;
  options: T[];
  chosen: T[];
  label: (value: T) => string;
  errors: Errors;
  onChange: (next: T[]) => void;
}) {
  const messages = errors[name] ?? [];
  const errorId = messages.length ? `connect-${name}-error` : undefined;
  return (
    <fieldset class="connect-choices" aria-describedby={errorId} aria-invalid={messages.length ? true : undefined}>
      <legend>{legend}</legend>
      {options.map((value) => (
        <div class="connect-check" key={value}>
          <input
            id={`connect-${name}-${value}`}
            type="checkbox"
            checked={chosen.includes(value)}
            onChange={(event) =>
              onChange((event.currentTarget as HTMLInputElement).checked ? [...chosen, value] : chosen.filter((item) => item !== value))
            }
          />
          <label for={`connect-${name}-${value}`}>{label(value)}</label>
        </div>
      ))}
      <FieldError id={errorId} messages={messages} />
    </fieldset>
  );
}

function RequestForm({ onSent }: { onSent: (request: Request) => void }) {
  const s = useConnectStrings();
  const [kind, setKind] = useState<MentorKind>("either");
  const [domains, setDomains] = useState<Domain[]>([]);
  const [languages, setLanguages] = useState<Language[]>([]);
  const [availability, setAvailability] = useState("");
  const [message, setMessage] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState("");
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
          const { data } = await helix.api.POST("/api/v1/match-requests/", {
            body: { mentor_kind: kind, domains, languages, availability, message },
          });
          setSaid(s.requestSent);
          setDomains([]);
          setMessage("");
          if (data) onSent(data);
        } catch (caught) {
          setErrors(errorsOf(caught));
        } finally {
          setBusy(false);
        }
      }}
    >
      <FormAlert messages={otherErrors(errors, ["mentor_kind", "domains", "languages", "availability", "message"])} />
      <fieldset class="connect-choices">
        <legend>{s.mentorKind}</legend>
        {KINDS.map((value) => (
          <div class="connect-check" key={value}>
            <input id={`connect-kind-${value}`} type="radio" name="mentor_kind" checked={kind === value} onChange={() => setKind(value)} />
            <label for={`connect-kind-${value}`}>{s[`kind_${value}`]}</label>
          </div>
        ))}
        <FieldError messages={errors.mentor_kind ?? []} />
      </fieldset>
      <Checkboxes
        legend={s.domains}
        name="domains"
        options={DOMAINS}
        chosen={domains}
        label={(value) => s[`domain_${value}` as keyof ConnectStrings]}
        errors={errors}
        onChange={setDomains}
      />
      <Checkboxes legend={s.languages} name="languages" options={LANGUAGES} chosen={languages} label={nameOf} errors={errors} onChange={setLanguages} />
      <div class="account-field">
        <label for="connect-availability">{s.availability}</label>
        <p id="connect-availability-hint" class="account-hint">
          {s.availabilityHint}
        </p>
        <input
          id="connect-availability"
          name="availability"
          value={availability}
          aria-invalid={errors.availability ? true : undefined}
          aria-describedby={`connect-availability-hint${errors.availability ? " connect-availability-error" : ""}`}
          onInput={(event) => setAvailability((event.currentTarget as HTMLInputElement).value)}
        />
        <FieldError id="connect-availability-error" messages={errors.availability ?? []} />
      </div>
      <TextArea label={s.message} name="message" errors={errors} value={message} onInput={setMessage} />
      <button type="submit" disabled={busy}>
        {s.send}
      </button>
      <p role="status" class="connect-status">
        {said}
      </p>
    </form>
  );
}

function RequestRow({ request, onChange }: { request: Request; onChange: (request: Request) => void }) {
  const s = useConnectStrings();
  const [error, setError] = useState<unknown>(null);
  return (
    <li class="connect-card">
      <p>
        <strong>{s[`status_${request.status}`]}</strong> · {formatDate(request.created_at)}
      </p>
      <p>{request.domains.map((domain) => s[`domain_${domain}` as keyof ConnectStrings]).join(", ")}</p>
      {request.answer_note ? <p>{fill(s.answerNote, { note: request.answer_note })}</p> : null}
      {request.status === "open" ? (
        <button
          type="button"
          onClick={async () => {
            setError(null);
            try {
              const { data } = await helix.api.POST("/api/v1/match-requests/{id}/withdraw/", { params: { path: { id: request.id } } });
              if (data) onChange(data);
            } catch (caught) {
              setError(caught);
            }
          }}
        >
          {s.withdraw}
        </button>
      ) : null}
      <ErrorNote error={error} />
    </li>
  );
}

function Requests() {
  const s = useConnectStrings();
  const requests = useLoad(
    () => helix.api.GET("/api/v1/match-requests/", { params: { query: { page_size: PAGE_SIZE } } }).then(({ data }) => data!.results),
    [],
  );
  const matches = useLoad(
    () =>
      helix.api
        .GET("/api/v1/matches/", { params: { query: { kind: "talent_mentor", state: "active", page_size: PAGE_SIZE } } })
        .then(({ data }) => data!.results),
    [],
  );
  const list = requests.data ?? [];
  return (
    <>
      <RequestForm onSent={(request) => requests.set([request, ...list])} />
      <section aria-labelledby="connect-requests">
        <h2 id="connect-requests">{s.myRequests}</h2>
        <ErrorNote error={requests.error} />
        {requests.data && !list.length ? <p>{s.noRequests}</p> : null}
        <ul class="connect-list">
          {list.map((request) => (
            <RequestRow key={request.id} request={request} onChange={(next) => requests.set(list.map((item) => (item.id === next.id ? next : item)))} />
          ))}
        </ul>
      </section>
      {matches.data?.length ? (
        <section aria-labelledby="connect-mentors">
          <h2 id="connect-mentors">{s.myMentors}</h2>
          <ul class="connect-list">
            {matches.data.map((match) => (
              <li key={match.id}>
                {match.mentor?.name} · <a href="/me/messages">{fill(s.writeTo, { name: match.mentor?.name ?? "" })}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function MentorScreen() {
  const s = useConnectStrings();
  return (
    <Screen title={s.mentorTitle} path="/me/mentor" feature="mentoring">
      {() => <Requests />}
    </Screen>
  );
}
