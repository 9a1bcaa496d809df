/**
 * Signing up (with a role), confirming the e-mail address from the link, logging in (with the
 * second factor when the account has one), resetting the password, logging out.
 */
import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { AllauthError, keyFromLink, pendingFlow, type SignupRole } from "@helix/client";
import { helix } from "../api";
import { type Errors, Field, FormAlert, Heading, Select, Status, errorsOf, otherErrors } from "./form";
import { signedOut, takeState } from "./session";
import { fill, useStrings } from "./strings";

const ROLES: SignupRole[] = ["talent", "mentor", "organisation", "employer"];
const LANGUAGES: [string, string][] = [
  ["en", "English"],
  ["nl", "Nederlands"],
  ["ar", "العربية"],
];

function value(event: Event): string {
  return (event.currentTarget as HTMLInputElement).value;
}

export function SignupScreen() {
  const s = useStrings();
  const [form, setForm] = useState({
    email: "",
    password: "",
    first_name: "",
    last_name: "",
    role: "talent" as SignupRole,
    organisation_name: "",
    company: "",
    preferred_language: helix.language as string,
    accept_terms: false,
  });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const set = (name: string, next: unknown) => setForm({ ...form, [name]: next });

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      await helix.accounts.ensureCsrfToken();
      const { organisation_name, company, ...rest } = form;
      const input = {
        ...rest,
        preferred_language: form.preferred_language as "en" | "nl" | "ar",
        ...(form.role === "organisation" ? { organisation_name } : {}),
        ...(form.role === "employer" && company ? { company } : {}),
      };
      const state = await helix.accounts.signup(input);
      if (pendingFlow(state) === "verify_email" || state.status === 401) setDone(true);
      else takeState(state);
    } catch (error) {
      setErrors(error instanceof AllauthError ? errorsOf(error) : { "": [s.somethingWrong] });
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <section class="account">
        <Heading>{s.signupDone}</Heading>
        <Status>{fill(s.signupDoneText, { email: form.email })}</Status>
        {form.role === "organisation" || form.role === "employer" ? <PendingExplained /> : null}
      </section>
    );
  }
  const known = ["email", "password", "first_name", "last_name", "role", "organisation_name", "company", "accept_terms", "preferred_language"];
  const roleLabels: Record<string, string> = {
    talent: s.roleTalent,
    mentor: s.roleMentor,
    organisation: s.roleOrganisation,
    employer: s.roleEmployer,
  };
  return (
    <section class="account">
      <Heading>{s.signup}</Heading>
      <form onSubmit={submit} noValidate>
        <FormAlert messages={otherErrors(errors, known)} />
        <fieldset class="account-roles">
          <legend>{s.role}</legend>
          {ROLES.map((role) => (
            <label key={role} class="account-choice">
              <input
                type="radio"
                name="role"
                value={role}
                checked={form.role === role}
                onChange={() => set("role", role)}
              />{" "}
              {roleLabels[role]}
            </label>
          ))}
        </fieldset>
        {errors.role ? <p class="account-error">{errors.role.join(" ")}</p> : null}
        {form.role === "organisation" ? (
          <Field label={s.organisationName} name="organisation_name" errors={errors} required
            value={form.organisation_name} onInput={(e) => set("organisation_name", value(e))} />
        ) : null}
        {form.role === "employer" ? (
          <Field label={s.company} name="company" errors={errors}
            value={form.company} onInput={(e) => set("company", value(e))} />
        ) : null}
        <Field label={s.firstName} name="first_name" errors={errors} autoComplete="given-name"
          value={form.first_name} onInput={(e) => set("first_name", value(e))} />
        <Field label={s.lastName} name="last_name" errors={errors} autoComplete="family-name"
          value={form.last_name} onInput={(e) => set("last_name", value(e))} />
        <Field label={s.email} name="email" type="email" errors={errors} required autoComplete="email"
          value={form.email} onInput={(e) => set("email", value(e))} />
        <Field label={s.password} name="password" type="password" errors={errors} required
          hint={s.passwordHint} autoComplete="new-password"
          value={form.password} onInput={(e) => set("password", value(e))} />
        <Select label={s.preferredLanguage} name="preferred_language" errors={errors}
          value={form.preferred_language} options={LANGUAGES} onChange={(next) => set("preferred_language", next)} />
        <div class="account-field">
          <label class="account-choice">
            <input type="checkbox" name="accept_terms" checked={form.accept_terms}
              aria-describedby={errors.accept_terms ? "accept-terms-error" : undefined}
              aria-invalid={errors.accept_terms ? true : undefined}
              onChange={(e) => set("accept_terms", (e.currentTarget as HTMLInputElement).checked)} />{" "}
            {s.acceptTerms}
          </label>
          {errors.accept_terms ? <p id="accept-terms-error" class="account-error">{errors.accept_terms.join(" ")}</p> : null}
        </div>
        <button type="submit" disabled={busy}>{s.signup}</button>
      </form>
      <p><a href="/account/login">{s.login}</a></p>
    </section>
  );
}

/** What a pending organisation or employer account may do, and what happens next. */
export function PendingExplained({ rejected = false }: { rejected?: boolean }) {
  const s = useStrings();
  return (
    <div class="account-notice" role="note">
      <h2>{s.pendingTitle}</h2>
      <p>{rejected ? s.rejectedText : s.pendingText}</p>
    </div>
  );
}

export function VerifyEmailScreen() {
  const s = useStrings();
  const [state, setState] = useState<"busy" | "done" | "failed">("busy");
  useEffect(() => {
    const key = keyFromLink(window.location.href);
    helix.accounts
      .ensureCsrfToken()
      .then(() => helix.accounts.verifyEmail(key))
      .then(() => setState("done"))
      .catch(() => setState("failed"));
  }, []);
  return (
    <section class="account">
      <Heading>{s.email}</Heading>
      {state === "busy" ? <Status>{s.verifying}</Status> : null}
      {state === "done" ? (
        <>
          <Status>{s.verified}</Status>
          <p><a href="/account/login">{s.login}</a></p>
        </>
      ) : null}
      {state === "failed" ? <FormAlert messages={[s.verifyFailed]} /> : null}
    </section>
  );
}

export function LoginScreen() {
  const s = useStrings();
  const location = useLocation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [step, setStep] = useState<"password" | "code">("password");
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      await helix.accounts.ensureCsrfToken();
      const state =
        step === "password" ? await helix.accounts.login({ email, password }) : await helix.accounts.authenticate2fa(code);
      const pending = pendingFlow(state);
      if (pending === "mfa_authenticate") {
        setStep("code");
      } else if (pending === "verify_email") {
        setErrors({ "": [s.verifyPending] });
      } else {
        takeState(state);
        if (state.status === 200) location.route("/account");
      }
    } catch (error) {
      if (error instanceof AllauthError && error.hasCode("email_password_mismatch")) {
        setErrors({ "": [s.wrongLogin] });
      } else {
        setErrors(error instanceof AllauthError ? errorsOf(error) : { "": [s.somethingWrong] });
      }
    } finally {
      setBusy(false);
    }
  }

  const known = step === "password" ? ["email", "password"] : ["code"];
  return (
    <section class="account">
      {step === "password" ? <Heading>{s.login}</Heading> : <Heading key="code">{s.codeTitle}</Heading>}
      <form onSubmit={submit} noValidate>
        <FormAlert messages={otherErrors(errors, known)} />
        {step === "password" ? (
          <>
            <Field label={s.email} name="email" type="email" errors={errors} required autoComplete="username"
              value={email} onInput={(e) => setEmail(value(e))} />
            <Field label={s.password} name="password" type="password" errors={errors} required
              autoComplete="current-password" value={password} onInput={(e) => setPassword(value(e))} />
          </>
        ) : (
          <Field label={s.code} name="code" errors={errors} required autoComplete="one-time-code"
            inputMode="numeric" value={code} onInput={(e) => setCode(value(e))} />
        )}
        <button type="submit" disabled={busy}>{step === "password" ? s.login : s.confirm}</button>
      </form>
      <p>
        <a href="/account/password/reset">{s.forgotPassword}</a>
        {" · "}
        <a href="/account/signup">{s.signup}</a>
      </p>
    </section>
  );
}

export function PasswordResetRequestScreen() {
  const s = useStrings();
  const [email, setEmail] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [sent, setSent] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setErrors({});
    try {
      await helix.accounts.ensureCsrfToken();
      await helix.accounts.requestPasswordReset(email);
      setSent(true);
    } catch (error) {
      setErrors(error instanceof AllauthError ? errorsOf(error) : { "": [s.somethingWrong] });
    }
  }
  return (
    <section class="account">
      <Heading>{s.resetTitle}</Heading>
      {sent ? (
        <Status>{s.resetSent}</Status>
      ) : (
        <form onSubmit={submit} noValidate>
          <FormAlert messages={otherErrors(errors, ["email"])} />
          <Field label={s.email} name="email" type="email" errors={errors} required autoComplete="email"
            value={email} onInput={(e) => setEmail(value(e))} />
          <button type="submit">{s.resetSend}</button>
        </form>
      )}
    </section>
  );
}

export function PasswordResetKeyScreen() {
  const s = useStrings();
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setErrors({});
    try {
      await helix.accounts.ensureCsrfToken();
      await helix.accounts.resetPassword(keyFromLink(window.location.href), password);
      setDone(true);
    } catch (error) {
      const found = error instanceof AllauthError ? errorsOf(error) : { "": [s.somethingWrong] };
      if (found.key) found[""] = [s.resetKeyInvalid];
      setErrors(found);
    }
  }
  return (
    <section class="account">
      <Heading>{s.resetKeyTitle}</Heading>
      {done ? (
        <>
          <Status>{s.resetDone}</Status>
          <p><a href="/account/login">{s.login}</a></p>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <FormAlert messages={otherErrors(errors, ["password"])} />
          <Field label={s.newPassword} name="password" type="password" errors={errors} required
            hint={s.passwordHint} autoComplete="new-password" value={password} onInput={(e) => setPassword(value(e))} />
          <button type="submit">{s.save}</button>
        </form>
      )}
    </section>
  );
}

export function LogoutButton() {
  const s = useStrings();
  const location = useLocation();
  async function logout() {
    await helix.accounts.ensureCsrfToken();
    await helix.accounts.logout().catch(() => undefined);
    signedOut();
    location.route("/account/login");
  }
  return (
    <button type="button" onClick={logout}>
      {s.logout}
    </button>
  );
}
