/**
 * The talent pool (/me/talent-pool): search and filter the talents connected with the company
 * (one list call per search or page, no call per row), blind listings without a name; one talent
 * (/me/talent-pool/:id: the view is logged for the talent), the CV once allowed, and asking for
 * contact with a message. The server's refusals show next to what caused them.
 */
import { useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { errorsOf, Field, FieldError, FormAlert, otherErrors, Select, type Errors } from "../account/form";
import { helix } from "../api";
import { countLine, ErrorNote, PAGE_SIZE, Screen, useLoad } from "../connect/shared";
import { fill, useConnectStrings } from "../connect/strings";
import { formatDate, useLang } from "../i18n";
import {
  CEFR_LEVELS,
  displayName,
  EDUCATION_LEVELS,
  languageLine,
  languageName,
  NO_FILTERS,
  POOL_LANGUAGES,
  poolQuery,
  type PoolFilters,
  type PoolTalent,
} from "./pool";
import { useEmployerStrings, type EmployerStrings } from "./strings";
import "../organisation/organisation.css";

function useSectorNames() {
  const language = useLang();
  const sectors = useLoad(() => helix.api.GET("/api/v1/sectors/").then(({ data }) => data ?? []), [language]);
  const names = new Map((sectors.data ?? []).map((sector) => [sector.slug, sector.name]));
  return { list: sectors.data ?? [], name: (slug: string) => names.get(slug) ?? slug };
}

function ContactState({ talent }: { talent: PoolTalent }) {
  const s = useEmployerStrings();
  if (!talent.contact) return null;
  return <span class={talent.contact === "accepted" ? "connect-badge" : "connect-tag"}>{s[`contact_${talent.contact}` as keyof EmployerStrings]}</span>;
}

function TalentRow({ talent, sectorName }: { talent: PoolTalent; sectorName: (slug: string) => string }) {
  const s = useEmployerStrings();
  const language = useLang();
  const name = displayName(talent, s.blindName);
  return (
    <li class="connect-card">
      <h3>
        <a href={`/me/talent-pool/${talent.id}`}>
          {name}
          {talent.blind ? null : <span class="visually-hidden">: {s.openProfile}</span>}
        </a>{" "}
        <ContactState talent={talent} />
      </h3>
      {talent.blind ? <p class="connect-meta">{s.blindNote}</p> : null}
      <p class="connect-meta">
        {[
          talent.sectors.map(sectorName).join(", "),
          talent.education_level ? s[`edu_${talent.education_level}` as keyof EmployerStrings] : "",
          talent.education_field,
          talent.dutch_level ? `${s.dutch} ${talent.dutch_level}` : "",
        ]
          .filter(Boolean)
          .join(" · ")}
      </p>
      {talent.languages.length ? (
        <p class="connect-meta">
          {s.languages}: {languageLine(talent.languages, language)}
        </p>
      ) : null}
      {talent.competences.career_objective ? <p dir="auto">{talent.competences.career_objective}</p> : null}
      {talent.connected_at ? <p class="connect-meta">{fill(s.connectedOn, { date: formatDate(talent.connected_at) })}</p> : null}
    </li>
  );
}

function Pool() {
  const s = useEmployerStrings();
  const c = useConnectStrings();
  const language = useLang();
  const sectors = useSectorNames();
  const [draft, setDraft] = useState<PoolFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<PoolFilters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<PoolTalent[]>([]);
  const list = useLoad(async () => {
    const { data } = await helix.api.GET("/api/v1/talent-pool/", { params: { query: poolQuery(filters, page, PAGE_SIZE) } });
    setRows((previous) => (page === 1 ? data!.results : [...previous, ...data!.results]));
    return data!;
  }, [filters, page]);
  const fields = (list.error as { fields?: Record<string, unknown> } | undefined)?.fields;
  const errors: Errors = fields ? errorsOf(list.error) : {};
  const set = (key: keyof PoolFilters) => (value: string) => setDraft({ ...draft, [key]: value });
  const filtered = Object.values(filters).some((value) => value.trim());
  return (
    <>
      <p>{s.poolIntro}</p>
      <form
        class="connect-filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setPage(1);
          setFilters({ ...draft });
        }}
      >
        <Field label={s.search} name="q" type="search" value={draft.q} errors={errors} onInput={(event) => set("q")((event.currentTarget as HTMLInputElement).value)} />
        <Select
          label={s.sector}
          name="sector"
          value={draft.sector}
          errors={errors}
          options={[["", s.anySector], ...sectors.list.map((sector) => [sector.slug, sector.name] as [string, string])]}
          onChange={set("sector")}
        />
        <Select
          label={s.language}
          name="language"
          value={draft.language}
          errors={errors}
          options={[["", s.anyLanguage], ...POOL_LANGUAGES.map((code) => [code, languageName(code, language)] as [string, string])]}
          onChange={set("language")}
        />
        <Select
          label={s.dutchLevel}
          name="dutch_level"
          value={draft.dutch_level}
          errors={errors}
          options={[["", s.anyLevel], ...CEFR_LEVELS.map((level) => [level, level] as [string, string])]}
          onChange={set("dutch_level")}
        />
        <Select
          label={s.education}
          name="education_level"
          value={draft.education_level}
          errors={errors}
          options={[["", s.anyEducation], ...EDUCATION_LEVELS.map((level) => [level, s[`edu_${level}`]] as [string, string])]}
          onChange={set("education_level")}
        />
        <button type="submit">{s.find}</button>
      </form>
      {list.error && !fields ? <ErrorNote error={list.error} /> : null}
      <section aria-labelledby="employer-results" aria-busy={list.loading}>
        <h2 id="employer-results">{list.data ? countLine(s.results, s.resultsMore, list.data, language) : list.error ? s.poolTitle : c.loading}</h2>
        {list.data && !rows.length ? (
          <p>
            {filtered ? s.noResults : s.emptyPool} <a href="/me/company">{s.navCompany}</a>
          </p>
        ) : null}
        <ul class="connect-list">
          {rows.map((talent) => (
            <TalentRow key={talent.id} talent={talent} sectorName={sectors.name} />
          ))}
        </ul>
        {list.data?.next ? (
          <button type="button" onClick={() => setPage(page + 1)}>
            {s.more}
          </button>
        ) : null}
      </section>
    </>
  );
}

export function PoolScreen() {
  const s = useEmployerStrings();
  return (
    <Screen title={s.poolTitle} path="/me/talent-pool" feature="employers" roles={["employer"]}>
      {() => <Pool />}
    </Screen>
  );
}

async function downloadCv(id: string) {
  const { data } = await helix.api.GET("/api/v1/talent-pool/{id}/cv/", { params: { path: { id } }, parseAs: "blob" });
  const url = URL.createObjectURL(data as unknown as Blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = "cv";
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function ContactForm({ talent, onAsked }: { talent: PoolTalent; onAsked: (talent: PoolTalent) => void }) {
  const s = useEmployerStrings();
  const [message, setMessage] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const messages = errors.message ?? [];
  return (
    <form
      class="connect-form"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setErrors({});
        try {
          const { data } = await helix.api.POST("/api/v1/talent-pool/{id}/contact/", { params: { path: { id: talent.id } }, body: { message } });
          onAsked(data!);
        } catch (caught) {
          setErrors(errorsOf(caught));
        } finally {
          setBusy(false);
        }
      }}
    >
      <FormAlert messages={otherErrors(errors, ["message"])} />
      <div class="account-field">
        <label for="employer-contact-message">{s.contactMessage}</label>
        <p id="employer-contact-hint" class="account-hint">
          {s.contactHint}
        </p>
        <textarea
          id="employer-contact-message"
          name="message"
          rows={4}
          value={message}
          aria-invalid={messages.length ? true : undefined}
          aria-describedby={messages.length ? "employer-contact-hint employer-contact-error" : "employer-contact-hint"}
          onInput={(event) => setMessage((event.currentTarget as HTMLTextAreaElement).value)}
        />
        <FieldError id="employer-contact-error" messages={messages} />
      </div>
      <button type="submit" disabled={busy}>
        {s.sendRequest}
      </button>
    </form>
  );
}

function Talent({ id }: { id: string }) {
  const s = useEmployerStrings();
  const c = useConnectStrings();
  const language = useLang();
  const sectors = useSectorNames();
  const talent = useLoad(() => helix.api.GET("/api/v1/talent-pool/{id}/", { params: { path: { id } } }).then(({ data }) => data!), [id]);
  const [said, setSaid] = useState("");
  const [cvError, setCvError] = useState<unknown>(null);
  const back = (
    <p>
      <a href="/me/talent-pool">{s.back}</a>
    </p>
  );
  if (talent.error)
    return (
      <>
        {back}
        <ErrorNote error={talent.error} />
      </>
    );
  if (!talent.data) return <p role="status">{c.loading}</p>;
  const t = talent.data;
  const competences: [string, string][] = [
    [s.careerObjective, t.competences.career_objective],
    [s.keyAreas, t.competences.key_areas_of_expertise],
    [s.coreStrengths, t.competences.core_strengths],
    [s.workExperience, t.competences.work_experience],
    [s.softSkills, t.competences.soft_skills.join(", ")],
    [s.digitalSkills, t.competences.digital_skills.join(", ")],
  ];
  return (
    <>
      {back}
      <article class="connect-card employer-talent">
        <h2>
          {displayName(t, s.blindName)} <ContactState talent={t} />
        </h2>
        {t.blind ? <p class="connect-meta">{s.blindNote}</p> : null}
        <dl class="connect-report">
          <div>
            <dt>{s.sectors}</dt>
            <dd>{t.sectors.map(sectors.name).join(", ") || s.notGiven}</dd>
          </div>
          <div>
            <dt>{s.education}</dt>
            <dd>
              {[t.education_level ? s[`edu_${t.education_level}` as keyof EmployerStrings] : "", t.education_field].filter(Boolean).join(" · ") ||
                s.notGiven}
            </dd>
          </div>
          <div>
            <dt>{s.languages}</dt>
            <dd>{languageLine(t.languages, language) || s.notGiven}</dd>
          </div>
          <div>
            <dt>{s.dutch}</dt>
            <dd>{t.dutch_level || s.notGiven}</dd>
          </div>
          {competences.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd dir={value ? "auto" : undefined}>{value || s.notGiven}</dd>
            </div>
          ))}
        </dl>
      </article>
      <section class="connect-panel" aria-labelledby="employer-cv">
        <h2 id="employer-cv">{s.cv}</h2>
        {!t.has_cv ? (
          <p>{s.noCv}</p>
        ) : t.blind ? (
          <p>{s.cvAfterContact}</p>
        ) : (
          <button
            type="button"
            onClick={async () => {
              setCvError(null);
              try {
                await downloadCv(t.id);
              } catch (caught) {
                setCvError(caught);
              }
            }}
          >
            {s.downloadCv}
          </button>
        )}
        <ErrorNote error={cvError} />
      </section>
      <section class="connect-panel" aria-labelledby="employer-contact">
        <h2 id="employer-contact">{s.askContact}</h2>
        <p role="status" class="connect-status">
          {said}
        </p>
        {t.contact === "accepted" ? (
          <p>
            {s.accepted} <a href="/me/messages">{s.writeTo}</a>
          </p>
        ) : t.contact === "requested" ? (
          <p>{s.waiting}</p>
        ) : (
          <ContactForm
            talent={t}
            onAsked={(next) => {
              talent.set(next);
              setSaid(s.requestSent);
            }}
          />
        )}
      </section>
    </>
  );
}

export function TalentScreen() {
  const s = useEmployerStrings();
  const { params } = useRoute();
  return (
    <Screen title={s.poolTitle} path="/me/talent-pool" feature="employers" roles={["employer"]}>
      {() => <Talent id={params.id ?? ""} />}
    </Screen>
  );
}
