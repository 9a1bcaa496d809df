/**
 * My own data: profile, Career Passport (talents), CV and photo, consents, the export of
 * everything and the erasure of the account — all through /api/v1/me/ and its sub-resources.
 */
import { useEffect, useState } from "preact/hooks";
import { HelixError, unwrap, type ApiComponents } from "@helix/client";
import { helix } from "../api";
import { PendingExplained, LogoutButton } from "./AuthScreens";
import { type Errors, Field, FieldError, FormAlert, Heading, Select, Status, TextArea, errorsOf } from "./form";
import { signedOut, useAccount } from "./session";
import { useStrings } from "./strings";

type Me = ApiComponents["schemas"]["Me"];
type TalentProfile = ApiComponents["schemas"]["TalentProfile"];
type Consent = ApiComponents["schemas"]["ConsentState"];
type Sector = ApiComponents["schemas"]["Sector"];

const PASSPORT_TEXTS = [
  ["education_field", "educationField"],
  ["work_experience", "workExperience"],
  ["key_areas_of_expertise", "keyAreas"],
  ["core_strengths", "coreStrengths"],
  ["growth_opportunities", "growth"],
  ["core_values", "coreValues"],
  ["key_context_elements", "context"],
  ["key_career_drivers", "drivers"],
  ["career_objective", "objective"],
] as const;
const CEFR = ["A1", "A2", "B1", "B2", "C1", "C2"];
const EDUCATION = ["secondary", "bachelor", "master", "doctorate", "other"];

export function MeScreen() {
  const s = useStrings();
  const account = useAccount();
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState("");

  const load = async () => {
    try {
      setMe(unwrap(await helix.api.GET("/api/v1/me/")));
    } catch (failure) {
      if (failure instanceof HelixError && failure.status === 401) signedOut();
      else setError(failure instanceof HelixError ? failure.message : s.somethingWrong);
    }
  };
  useEffect(() => {
    if (account.signedIn) void load();
  }, [account.signedIn, helix.language]);

  if (account.checked && !account.signedIn) {
    return (
      <section class="account">
        <Heading>{s.account}</Heading>
        <p>
          {s.notSignedIn} <a href="/account/login">{s.login}</a> · <a href="/account/signup">{s.signup}</a>
        </p>
      </section>
    );
  }
  return (
    <section class="account">
      <Heading>{s.account}</Heading>
      <nav class="account-nav" aria-label={s.account}>
        <a href="/account/security">{s.security}</a> <LogoutButton />
      </nav>
      <FormAlert messages={error ? [error] : []} />
      {me === null ? <Status>{s.loading}</Status> : <MyData me={me} onChange={setMe} />}
    </section>
  );
}

function MyData({ me, onChange }: { me: Me; onChange: (me: Me) => void }) {
  const s = useStrings();
  return (
    <>
      {me.approval_status !== "approved" ? <PendingExplained rejected={me.approval_status === "rejected"} /> : null}
      {me.approval_note ? <p>{me.approval_note}</p> : null}
      <ProfileForm me={me} onChange={onChange} />
      {me.role === "talent" ? <PassportForm me={me} onChange={onChange} /> : null}
      {me.role === "talent" ? (
        <UploadForm kind="cv" title={s.cvTitle} hint={s.cvHint} accept=".pdf,.docx,application/pdf"
          current={me.talent_profile?.cv ? s.cvCurrent : s.cvNone} onChange={onChange} />
      ) : null}
      {me.role !== "admin" ? (
        <UploadForm kind="photo" title={s.photoTitle} hint={s.photoHint} accept="image/jpeg,image/png,image/webp,image/gif"
          onChange={onChange} />
      ) : null}
      <Consents />
      <ExportData />
      <DeleteAccount email={me.email} />
    </>
  );
}

function ProfileForm({ me, onChange }: { me: Me; onChange: (me: Me) => void }) {
  const s = useStrings();
  const [form, setForm] = useState({
    first_name: me.first_name ?? "",
    last_name: me.last_name ?? "",
    preferred_language: (me.preferred_language ?? "en") as string,
  });
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState("");
  async function submit(event: Event) {
    event.preventDefault();
    setErrors({});
    setStatus(s.saving);
    try {
      await helix.accounts.ensureCsrfToken();
      const body = { ...form, preferred_language: form.preferred_language as "en" | "nl" | "ar" };
      onChange(unwrap(await helix.api.PATCH("/api/v1/me/", { body })));
      setStatus(s.saved);
    } catch (error) {
      setStatus("");
      setErrors(errorsOf(error));
    }
  }
  const input = (name: string) => (event: Event) =>
    setForm({ ...form, [name]: (event.currentTarget as HTMLInputElement).value });
  return (
    <form onSubmit={submit} noValidate aria-labelledby="profile-title">
      <h2 id="profile-title">{s.profileTitle}</h2>
      <p>{s.email}: <span dir="ltr">{me.email}</span></p>
      <FormAlert messages={errors[""] ?? []} />
      <Field label={s.firstName} name="first_name" errors={errors} value={form.first_name} onInput={input("first_name")} />
      <Field label={s.lastName} name="last_name" errors={errors} value={form.last_name} onInput={input("last_name")} />
      <Select label={s.preferredLanguage} name="preferred_language" errors={errors} value={form.preferred_language}
        options={[["en", "English"], ["nl", "Nederlands"], ["ar", "العربية"]]}
        onChange={(next) => setForm({ ...form, preferred_language: next })} />
      <button type="submit">{s.save}</button>
      {status ? <Status>{status}</Status> : null}
    </form>
  );
}

function PassportForm({ me, onChange }: { me: Me; onChange: (me: Me) => void }) {
  const s = useStrings();
  const profile = (me.talent_profile ?? {}) as Partial<TalentProfile>;
  const [form, setForm] = useState<Record<string, string>>(() => {
    const start: Record<string, string> = {
      dutch_level: (profile.dutch_level as string) ?? "",
      education_level: (profile.education_level as string) ?? "",
    };
    for (const [name] of PASSPORT_TEXTS) start[name] = (profile[name] as string) ?? "";
    return start;
  });
  const [sectors, setSectors] = useState<string[]>(profile.sectors ?? []);
  const [allSectors, setAllSectors] = useState<Sector[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState("");
  useEffect(() => {
    helix.api
      .GET("/api/v1/sectors/", { params: { query: { page_size: 100 } as never } })
      .then((answer) => {
        const data = unwrap(answer) as unknown as { results?: Sector[] } | Sector[];
        setAllSectors(Array.isArray(data) ? data : (data.results ?? []));
      })
      .catch(() => setAllSectors([]));
  }, [helix.language]);

  async function submit(event: Event) {
    event.preventDefault();
    setErrors({});
    setStatus(s.saving);
    try {
      await helix.accounts.ensureCsrfToken();
      const talent_profile = { ...form, sectors } as unknown as ApiComponents["schemas"]["TalentProfileRequest"];
      onChange(unwrap(await helix.api.PATCH("/api/v1/me/", { body: { talent_profile } })));
      setStatus(s.saved);
    } catch (error) {
      setStatus("");
      // The server names the passport's fields under talent_profile.
      const found = errorsOf(error);
      const inner: Errors = {};
      for (const [name, messages] of Object.entries(found)) inner[name.replace(/^talent_profile\./, "")] = messages;
      setErrors(inner);
    }
  }
  const labels = s as unknown as Record<string, string>;
  const known = [...PASSPORT_TEXTS.map(([name]) => name), "dutch_level", "education_level", "sectors"];
  return (
    <form onSubmit={submit} noValidate aria-labelledby="passport-title">
      <h2 id="passport-title">{s.passportTitle}</h2>
      <p>{s.passportIntro}</p>
      <FormAlert messages={Object.entries(errors).filter(([n]) => !known.includes(n)).flatMap(([, m]) => m)} />
      <Select label={s.dutchLevel} name="dutch_level" errors={errors} value={form.dutch_level ?? ""}
        options={[["", s.notSet], ...CEFR.map((level): [string, string] => [level, level])]}
        onChange={(next) => setForm({ ...form, dutch_level: next })} />
      <Select label={s.educationLevel} name="education_level" errors={errors} value={form.education_level ?? ""}
        options={[["", s.notSet], ...EDUCATION.map((level): [string, string] => [level, s.education[level] ?? level])]}
        onChange={(next) => setForm({ ...form, education_level: next })} />
      {PASSPORT_TEXTS.map(([name, label]) =>
        name === "education_field" ? (
          <Field key={name} label={labels[label] ?? label} name={name} errors={errors} value={form[name] ?? ""}
            onInput={(e) => setForm({ ...form, [name]: (e.currentTarget as HTMLInputElement).value })} />
        ) : (
          <TextArea key={name} label={labels[label] ?? label} name={name} errors={errors} value={form[name] ?? ""}
            onInput={(next) => setForm({ ...form, [name]: next })} />
        ),
      )}
      {allSectors.length ? (
        <fieldset class="account-sectors">
          <legend>{s.sectors}</legend>
          {allSectors.map((sector) => (
            <label key={sector.slug} class="account-choice">
              <input type="checkbox" name="sectors" value={sector.slug} checked={sectors.includes(sector.slug)}
                onChange={(e) =>
                  setSectors((e.currentTarget as HTMLInputElement).checked
                    ? [...sectors, sector.slug]
                    : sectors.filter((slug) => slug !== sector.slug))} />{" "}
              {sector.name}
            </label>
          ))}
          <FieldError messages={errors.sectors ?? []} />
        </fieldset>
      ) : null}
      <button type="submit">{s.save}</button>
      {status ? <Status>{status}</Status> : null}
    </form>
  );
}

type UploadProps = {
  kind: "cv" | "photo";
  title: string;
  hint: string;
  accept: string;
  current?: string;
  onChange: (me: Me) => void;
};

/** One file, PUT as multipart; the server's refusal is shown next to the field. */
function UploadForm({ kind, title, hint, accept, current, onChange }: UploadProps) {
  const s = useStrings();
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [status, setStatus] = useState("");
  const id = `upload-${kind}`;
  async function submit(event: Event) {
    event.preventDefault();
    setErrors([]);
    setStatus("");
    if (!file) return;
    const body = new FormData();
    body.append("file", file);
    try {
      await helix.accounts.ensureCsrfToken();
      const path = kind === "cv" ? "/api/v1/me/cv/" : "/api/v1/me/photo/";
      onChange(unwrap(await helix.api.PUT(path, { body: body as never })) as Me);
      setStatus(s.uploaded);
    } catch (error) {
      const found = errorsOf(error);
      setErrors(found.file ?? Object.values(found).flat());
    }
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {current ? <p>{current}</p> : null}
      <div class="account-field">
        <label for={id}>{title}</label>
        <p id={`${id}-hint`} class="account-hint">{hint}</p>
        <input id={id} name="file" type="file" accept={accept}
          aria-invalid={errors.length ? true : undefined}
          aria-describedby={`${id}-hint${errors.length ? ` ${id}-error` : ""}`}
          onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)} />
        <FieldError id={`${id}-error`} messages={errors} />
      </div>
      <button type="submit">{s.upload}</button>
      {status ? <Status>{status}</Status> : null}
    </form>
  );
}

function Consents() {
  const s = useStrings();
  const [consents, setConsents] = useState<Consent[]>([]);
  const [error, setError] = useState("");
  const load = async () => setConsents(unwrap(await helix.api.GET("/api/v1/me/consents/")).consents);
  useEffect(() => {
    load().catch(() => setError(s.somethingWrong));
  }, [helix.language]);
  async function toggle(consent: Consent) {
    setError("");
    try {
      await helix.accounts.ensureCsrfToken();
      if (consent.granted) {
        await helix.api.DELETE("/api/v1/me/consents/{purpose}/", { params: { path: { purpose: consent.purpose } } });
      } else {
        await helix.api.POST("/api/v1/me/consents/", { body: { purpose: consent.purpose } });
      }
      await load();
    } catch (failure) {
      setError(failure instanceof HelixError ? failure.message : s.somethingWrong);
    }
  }
  return (
    <section aria-labelledby="consents-title">
      <h2 id="consents-title">{s.consentsTitle}</h2>
      <FormAlert messages={error ? [error] : []} />
      <ul class="account-consents">
        {consents.map((consent) => (
          <li key={consent.purpose}>
            <span>{consent.label}</span>{" "}
            <strong>{consent.granted ? s.given : s.notGiven}</strong>{" "}
            {consent.purpose !== "terms" ? (
              <button type="button" onClick={() => toggle(consent)} aria-label={`${consent.granted ? s.withdraw : s.give}: ${consent.label}`}>
                {consent.granted ? s.withdraw : s.give}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ExportData() {
  const s = useStrings();
  const [error, setError] = useState("");
  async function download() {
    setError("");
    try {
      const answer = await helix.api.GET("/api/v1/me/export/", { parseAs: "blob" });
      const blob = unwrap(answer) as unknown as Blob;
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = "helix-export.json";
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (failure) {
      setError(failure instanceof HelixError ? failure.message : s.somethingWrong);
    }
  }
  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">{s.exportTitle}</h2>
      <p>{s.exportText}</p>
      <FormAlert messages={error ? [error] : []} />
      <button type="button" onClick={download}>{s.exportButton}</button>
    </section>
  );
}

function DeleteAccount({ email }: { email: string }) {
  const s = useStrings();
  const [typed, setTyped] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState(false);
  async function submit(event: Event) {
    event.preventDefault();
    if (typed.trim().toLowerCase() !== email.toLowerCase()) {
      setErrors({ confirm: [s.deleteMismatch] });
      return;
    }
    try {
      await helix.accounts.ensureCsrfToken();
      await helix.api.DELETE("/api/v1/me/");
      setDone(true);
      signedOut();
    } catch (error) {
      setErrors(errorsOf(error));
    }
  }
  if (done) return <Status>{s.deleted}</Status>;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="delete-title" class="account-danger">
      <h2 id="delete-title">{s.deleteTitle}</h2>
      <p id="delete-text">{s.deleteText}</p>
      <FormAlert messages={errors[""] ?? []} />
      <Field label={s.deleteConfirm} name="confirm" type="email" errors={errors} value={typed} autoComplete="off"
        onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)} />
      <button type="submit">{s.deleteButton}</button>
    </form>
  );
}
