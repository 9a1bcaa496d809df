/**
 * The second factor: set up TOTP from a QR code drawn here (uqr, no network), confirm with the
 * password when allauth asks for it, and read or renew the recovery codes.
 */
import { useEffect, useState } from "preact/hooks";
import { encode } from "uqr";
import { AllauthError, type TotpState } from "@helix/client";
import { helix } from "../api";
import { type Errors, Field, FormAlert, Heading, Status, errorsOf, otherErrors } from "./form";
import { useAccount } from "./session";
import { useStrings } from "./strings";

/** A QR code as SVG squares: drawn locally, so the secret never leaves the page. */
export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, data } = encode(text, { border: 2 });
  const cells: string[] = [];
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) cells.push(`M${x} ${y}h1v1h-1z`);
    }),
  );
  return (
    <svg class="account-qr" role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} width="200" height="200"
      shape-rendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={cells.join("")} fill="#000" />
    </svg>
  );
}

export function SecurityScreen() {
  const s = useStrings();
  const account = useAccount();
  const [totp, setTotp] = useState<TotpState | null>(null);
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [needsPassword, setNeedsPassword] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState("");

  const load = () => helix.accounts.totp().then(setTotp).catch(() => setErrors({ "": [s.somethingWrong] }));
  useEffect(() => {
    if (account.signedIn) void load();
  }, [account.signedIn]);

  /** Run a change; when allauth wants the password again (401 reauthenticate), ask for it first. */
  async function guarded(change: () => Promise<void>) {
    setErrors({});
    setStatus("");
    try {
      await helix.accounts.ensureCsrfToken();
      if (needsPassword) {
        await helix.accounts.reauthenticate(password);
        setNeedsPassword(false);
        setPassword("");
      }
      await change();
    } catch (error) {
      if (error instanceof AllauthError && error.status === 401) {
        setNeedsPassword(true);
        setErrors({ "": [s.reauthText] });
      } else {
        setErrors(error instanceof AllauthError ? errorsOf(error) : { "": [s.somethingWrong] });
      }
    }
  }

  const activate = (event: Event) => {
    event.preventDefault();
    void guarded(async () => {
      await helix.accounts.activateTotp(code);
      setCode("");
      await load();
      const answer = await helix.accounts.recoveryCodes();
      setCodes(answer.data.unused_codes);
      setStatus(s.totpOn);
    });
  };
  const showCodes = () =>
    guarded(async () => setCodes((await helix.accounts.recoveryCodes()).data.unused_codes));
  const renewCodes = () =>
    guarded(async () => setCodes((await helix.accounts.regenerateRecoveryCodes()).data.unused_codes));
  const deactivate = () =>
    guarded(async () => {
      await helix.accounts.deactivateTotp();
      setCodes(null);
      await load();
    });

  if (account.checked && !account.signedIn) {
    return (
      <section class="account">
        <Heading>{s.security}</Heading>
        <p>{s.notSignedIn} <a href="/account/login">{s.login}</a></p>
      </section>
    );
  }
  return (
    <section class="account">
      <Heading>{s.security}</Heading>
      <h2>{s.totpTitle}</h2>
      <FormAlert messages={otherErrors(errors, ["code", "password"])} />
      {status ? <Status>{status}</Status> : null}
      {needsPassword ? (
        <Field label={s.password} name="password" type="password" errors={errors} required
          autoComplete="current-password" hint={s.reauthText} value={password}
          onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)} />
      ) : null}
      {totp === null ? <Status>{s.loading}</Status> : null}
      {totp && !totp.active ? (
        <form onSubmit={activate} noValidate>
          <p>{s.totpOff}</p>
          <QrCode text={totp.totpUrl} label={s.totpQr} />
          <p>
            {s.totpSecret} <code class="account-secret" dir="ltr">{totp.secret}</code>
          </p>
          <Field label={s.code} name="code" errors={errors} required autoComplete="one-time-code"
            inputMode="numeric" value={code} onInput={(e) => setCode((e.currentTarget as HTMLInputElement).value)} />
          <button type="submit">{s.totpActivate}</button>
        </form>
      ) : null}
      {totp && totp.active ? (
        <>
          <p>{s.totpOn}</p>
          <button type="button" onClick={deactivate}>{s.totpDeactivate}</button>
          <h2>{s.recoveryTitle}</h2>
          <p>{s.recoveryText}</p>
          <button type="button" onClick={showCodes}>{s.recoveryShow}</button>{" "}
          <button type="button" onClick={renewCodes}>{s.recoveryNew}</button>
        </>
      ) : null}
      {codes ? (
        <ul class="account-codes" dir="ltr" aria-label={s.recoveryTitle}>
          {codes.map((item) => <li key={item}><code>{item}</code></li>)}
        </ul>
      ) : null}
    </section>
  );
}
