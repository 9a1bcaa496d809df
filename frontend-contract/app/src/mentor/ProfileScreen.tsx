/**
 * The mentoring profile (/me/mentor-profile): volunteer mentor or coach, the room left for new
 * mentees, the domains the mentor helps with and whether they take new mentees
 * (`PUT /api/v1/matches/mentor-profile/`), and about them: languages, how many mentees at
 * once, expertise (`PATCH /api/v1/me/` with `mentor_profile`). The server's refusals are shown
 * next to their fields.
 */
import { useState } from "preact/hooks";
import { HelixError, type ApiComponents } from "@helix/client";
import { errorsOf, FieldError, FormAlert, otherErrors, type Errors } from "../account/form";
import { helix } from "../api";
import { ErrorNote, forgetMe, Screen, useLoad, type Me } from "../connect/shared";
import { fill } from "../connect/strings";
import { useLang } from "../i18n";
import { cleanLanguages } from "./logic";
import { useMentorStrings, type MentorStrings } from "./strings";

type Domain = ApiComponents["schemas"]["MentoringDomainEnum"];
type Profile = ApiComponents["schemas"]["MentoringProfile"];
type Row = { language: string; level: string };

export const DOMAINS: Domain[] = ["talents", "cv", "interview", "motivation_letter", "networking", "vacancies"];
const LANGUAGE_CODES = ["nl", "en", "fr", "de", "ar", "fa", "prs", "ps", "ti", "uk", "ru", "tr", "es", "ku", "so"];
const LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2", "native"] as const;

/** A language's name in the interface language (the browser's own list of names). */
export function languageLabel(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

function DomainsForm({ profile, onSaved }: { profile: Profile; onSaved: (profile: Profile) => void }) {
  const s = useMentorStrings();
  const [domains, setDomains] = useState<Domain[]>(profile.domains);
  const [accepting, setAccepting] = useState(profile.accepting_mentees);
  const [errors, setErrors] = useState<Errors>({});
  const [said, setSaid] = useState("");
  const [busy, setBusy] = useState(false);
  const domainErrors = errors.domains ?? [];
  return (
    <form
      class="connect-form"
      noValidate
      aria-labelledby="mentor-domains-title"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setErrors({});
        setSaid("");
        try {
          const { data } = await helix.api.PUT("/api/v1/matches/mentor-profile/", { body: { domains, accepting_mentees: accepting } });
          if (data) onSaved(data);
          setSaid(s.saved);
        } catch (caught) {
          setErrors(errorsOf(caught));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 id="mentor-domains-title">{s.whatIHelpWith}</h2>
      <FormAlert messages={otherErrors(errors, ["domains", "accepting_mentees"])} />
      <fieldset
        class="connect-choices"
        aria-invalid={domainErrors.length ? true : undefined}
        aria-describedby={domainErrors.length ? "mentor-domains-error" : undefined}
      >
        <legend>{s.domains}</legend>
        {DOMAINS.map((domain) => (
          <div class="connect-check" key={domain}>
            <input
              id={`mentor-domain-${domain}`}
              type="checkbox"
              checked={domains.includes(domain)}
              onChange={(event) =>
                setDomains((event.currentTarget as HTMLInputElement).checked ? [...domains, domain] : domains.filter((d) => d !== domain))
              }
            />
            <label for={`mentor-domain-${domain}`}>{s[`domain_${domain}` as keyof MentorStrings]}</label>
          </div>
        ))}
        <FieldError id="mentor-domains-error" messages={domainErrors} />
      </fieldset>
      <div class="connect-check">
        <input
          id="mentor-accepting"
          type="checkbox"
          checked={accepting}
          aria-describedby="mentor-accepting-hint"
          onChange={(event) => setAccepting((event.currentTarget as HTMLInputElement).checked)}
        />
        <label for="mentor-accepting">{s.accepting}</label>
      </div>
      <p id="mentor-accepting-hint" class="account-hint">
        {s.acceptingHint}
      </p>
      <FieldError messages={errors.accepting_mentees ?? []} />
      <button type="submit" disabled={busy}>
        {s.saveDomains}
      </button>
      <p role="status" class="connect-status">
        {said}
      </p>
    </form>
  );
}

/** The messages of one language row, from `mentor_profile.languages[i]` of the server's answer. */
function rowMessages(error: unknown, index: number): string[] {
  if (!(error instanceof HelixError)) return [];
  const profile = (error.fields as Record<string, unknown> | undefined)?.mentor_profile as Record<string, unknown> | undefined;
  const rows = profile?.languages;
  if (!Array.isArray(rows)) return [];
  const row = rows[index];
  if (!row || typeof row !== "object") return [];
  return Object.values(row as Record<string, unknown>).flatMap((value) => (Array.isArray(value) ? value.map(String) : [String(value)]));
}

function AboutForm({ me, onSaved }: { me: Me; onSaved: () => void }) {
  const s = useMentorStrings();
  const lang = useLang();
  const start = me.mentor_profile;
  const [rows, setRows] = useState<Row[]>(start?.languages?.length ? start.languages.map((l) => ({ ...l })) : [{ language: "", level: "" }]);
  const [max, setMax] = useState(String(start?.max_mentees ?? 2));
  const [expertise, setExpertise] = useState(start?.expertise ?? "");
  const [error, setError] = useState<unknown>(null);
  const [said, setSaid] = useState("");
  const [busy, setBusy] = useState(false);
  const errors = errorsOf(error);
  const fieldErrors = (name: string) => errors[`mentor_profile.${name}`] ?? [];
  const languageErrors = rows.flatMap((_row, index) => rowMessages(error, index));
  const generalLanguageErrors = fieldErrors("languages").filter((message) => !message.startsWith("[object"));
  const setRow = (index: number, change: Partial<Row>) => setRows(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <form
      class="connect-form"
      noValidate
      aria-labelledby="mentor-about-title"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setError(null);
        setSaid("");
        try {
          await helix.api.PATCH("/api/v1/me/", {
            body: { mentor_profile: { languages: cleanLanguages(rows), max_mentees: Number(max), expertise } },
          });
          forgetMe();
          setSaid(s.saved);
          onSaved();
        } catch (caught) {
          setError(caught);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 id="mentor-about-title">{s.aboutMe}</h2>
      <FormAlert messages={otherErrors(errors, ["mentor_profile.languages", "mentor_profile.max_mentees", "mentor_profile.expertise"]).filter((m) => !m.startsWith("[object"))} />
      <fieldset class="connect-choices" aria-invalid={languageErrors.length || generalLanguageErrors.length ? true : undefined}>
        <legend>{s.languages}</legend>
        {rows.map((row, index) => {
          const messages = rowMessages(error, index);
          return (
            <div class="mentor-row" key={index}>
              <div class="account-field">
                <label for={`mentor-language-${index}`}>{s.language}</label>
                <select
                  id={`mentor-language-${index}`}
                  value={row.language}
                  aria-invalid={messages.length ? true : undefined}
                  aria-describedby={messages.length ? `mentor-language-${index}-error` : undefined}
                  onChange={(event) => setRow(index, { language: (event.currentTarget as HTMLSelectElement).value })}
                >
                  <option value="">{s.chooseLanguage}</option>
                  {[...new Set([...LANGUAGE_CODES, ...(row.language ? [row.language] : [])])].map((code) => (
                    <option key={code} value={code}>
                      {languageLabel(code, lang)}
                    </option>
                  ))}
                </select>
              </div>
              <div class="account-field">
                <label for={`mentor-level-${index}`}>{s.level}</label>
                <select
                  id={`mentor-level-${index}`}
                  value={row.level}
                  onChange={(event) => setRow(index, { level: (event.currentTarget as HTMLSelectElement).value })}
                >
                  <option value="">{s.chooseLevel}</option>
                  {LEVELS.map((level) => (
                    <option key={level} value={level}>
                      {level === "native" ? s.level_native : level}
                    </option>
                  ))}
                </select>
              </div>
              <button type="button" onClick={() => setRows(rows.filter((_r, i) => i !== index))}>
                {s.removeLanguage}
                <span class="visually-hidden">: {row.language ? languageLabel(row.language, lang) : `${s.language} ${index + 1}`}</span>
              </button>
              <FieldError id={`mentor-language-${index}-error`} messages={messages} />
            </div>
          );
        })}
        <FieldError messages={generalLanguageErrors} />
        <button type="button" onClick={() => setRows([...rows, { language: "", level: "" }])}>
          {s.addLanguage}
        </button>
      </fieldset>
      <div class="account-field">
        <label for="mentor-max">{s.maxMentees}</label>
        <input
          id="mentor-max"
          type="number"
          min={0}
          max={20}
          inputMode="numeric"
          value={max}
          aria-invalid={fieldErrors("max_mentees").length ? true : undefined}
          aria-describedby={fieldErrors("max_mentees").length ? "mentor-max-error" : undefined}
          onInput={(event) => setMax((event.currentTarget as HTMLInputElement).value)}
        />
        <FieldError id="mentor-max-error" messages={fieldErrors("max_mentees")} />
      </div>
      <div class="account-field">
        <label for="mentor-expertise">{s.expertise}</label>
        <p id="mentor-expertise-hint" class="account-hint">
          {s.expertiseHint}
        </p>
        <textarea
          id="mentor-expertise"
          rows={4}
          value={expertise}
          aria-invalid={fieldErrors("expertise").length ? true : undefined}
          aria-describedby={`mentor-expertise-hint${fieldErrors("expertise").length ? " mentor-expertise-error" : ""}`}
          onInput={(event) => setExpertise((event.currentTarget as HTMLTextAreaElement).value)}
        />
        <FieldError id="mentor-expertise-error" messages={fieldErrors("expertise")} />
      </div>
      <button type="submit" disabled={busy}>
        {s.saveAbout}
      </button>
      <p role="status" class="connect-status">
        {said}
      </p>
    </form>
  );
}

function Profile({ me }: { me: Me }) {
  const s = useMentorStrings();
  const profile = useLoad(() => helix.api.GET("/api/v1/matches/mentor-profile/").then(({ data }) => data!), []);
  if (profile.error) return <ErrorNote error={profile.error} />;
  if (!profile.data) return <p role="status">{s.loading}</p>;
  const { kind, capacity_left, max_mentees } = profile.data;
  return (
    <>
      <p>
        <strong>{kind === "coach" ? s.kindCoach : s.kindVolunteer}</strong>{" "}
        {capacity_left > 0 ? fill(s.capacityLeft, { n: capacity_left, max: max_mentees }) : fill(s.capacityFull, { max: max_mentees })}
      </p>
      <DomainsForm profile={profile.data} onSaved={profile.set} />
      <AboutForm me={me} onSaved={profile.reload} />
    </>
  );
}

export function ProfileScreen() {
  const s = useMentorStrings();
  return (
    <Screen title={s.profileTitle} path="/me/mentor-profile" feature="mentoring" roles={["mentor"]}>
      {(_plugins, me) => <Profile me={me} />}
    </Screen>
  );
}
