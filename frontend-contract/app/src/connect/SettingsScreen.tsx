/**
 * Notification settings (/me/settings): e-mails about unread messages (messaging plugin, one
 * settings call) and the digest of new posts (posts plugin, one digest call), which needs the
 * newsletter consent: the screen says so and offers to give it.
 */
import { useState } from "preact/hooks";
import type { ApiComponents } from "@helix/client";
import { errorsOf, FormAlert, otherErrors, type Errors } from "../account/form";
import { helix } from "../api";
import { ErrorNote, Screen, useLoad } from "./shared";
import { useConnectStrings } from "./strings";

type Frequency = ApiComponents["schemas"]["FrequencyEnum"];
const FREQUENCIES: Frequency[] = ["daily", "weekly", "off"];

function MessageMails() {
  const s = useConnectStrings();
  const loaded = useLoad(() => helix.api.GET("/api/v1/threads/settings/").then(({ data }) => data!), []);
  const [errors, setErrors] = useState<Errors>({});
  const [said, setSaid] = useState("");
  if (loaded.error) return <ErrorNote error={loaded.error} />;
  if (!loaded.data) return <p role="status">{s.loading}</p>;
  const settings = loaded.data;
  return (
    <form
      class="connect-form connect-panel"
      aria-labelledby="connect-mails"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setErrors({});
        setSaid("");
        try {
          const { data } = await helix.api.PUT("/api/v1/threads/settings/", { body: settings });
          if (data) loaded.set(data);
          setSaid(s.settingsSaved);
        } catch (caught) {
          setErrors(errorsOf(caught));
        }
      }}
    >
      <h2 id="connect-mails">{s.messageMails}</h2>
      <FormAlert messages={otherErrors(errors, [])} />
      <label class="connect-check">
        <input
          type="checkbox"
          name="email_notifications"
          checked={settings.email_notifications}
          onChange={(event) => loaded.set({ ...settings, email_notifications: event.currentTarget.checked })}
        />
        {s.mailUnread}
      </label>
      <label class="connect-check">
        <input
          type="checkbox"
          name="include_text_in_email"
          checked={settings.include_text_in_email}
          disabled={!settings.email_notifications}
          onChange={(event) => loaded.set({ ...settings, include_text_in_email: event.currentTarget.checked })}
        />
        {s.mailWithText}
      </label>
      <p class="connect-meta">{s.mailWithTextHint}</p>
      <button type="submit">{s.saveMessageMails}</button>
      <p role="status" class="connect-status">
        {said}
      </p>
    </form>
  );
}

function DigestForm() {
  const s = useConnectStrings();
  const loaded = useLoad(() => helix.api.GET("/api/v1/posts/digest/").then(({ data }) => data!), []);
  const [errors, setErrors] = useState<Errors>({});
  const [consentError, setConsentError] = useState<unknown>(null);
  const [said, setSaid] = useState("");
  if (loaded.error) return <ErrorNote error={loaded.error} />;
  if (!loaded.data) return <p role="status">{s.loading}</p>;
  const digest = loaded.data;
  return (
    <form
      class="connect-form connect-panel"
      aria-labelledby="connect-digest"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setErrors({});
        setSaid("");
        try {
          const { data } = await helix.api.PUT("/api/v1/posts/digest/", { body: { frequency: digest.frequency } });
          if (data) loaded.set(data);
          setSaid(s.settingsSaved);
        } catch (caught) {
          setErrors(errorsOf(caught));
        }
      }}
    >
      <h2 id="connect-digest">{s.digest}</h2>
      {!digest.consent ? (
        <div class="connect-note">
          <p>{s.digestNeedsConsent}</p>
          <button
            type="button"
            onClick={async () => {
              setConsentError(null);
              try {
                await helix.api.POST("/api/v1/me/consents/", { body: { purpose: "newsletter" } });
                loaded.reload();
              } catch (caught) {
                setConsentError(caught);
              }
            }}
          >
            {s.giveNewsletterConsent}
          </button>
          <ErrorNote error={consentError} />
        </div>
      ) : null}
      <FormAlert messages={otherErrors(errors, ["frequency"])} />
      <fieldset class="connect-choices" aria-invalid={errors.frequency ? true : undefined}>
        <legend>{s.digestHowOften}</legend>
        {FREQUENCIES.map((frequency) => (
          <label key={frequency} class="connect-check">
            <input
              type="radio"
              name="frequency"
              value={frequency}
              checked={digest.frequency === frequency}
              onChange={() => loaded.set({ ...digest, frequency })}
            />
            {s[`digest_${frequency}`]}
          </label>
        ))}
        {errors.frequency ? <p class="account-error">{errors.frequency.join(" ")}</p> : null}
      </fieldset>
      <button type="submit">{s.saveDigest}</button>
      <p role="status" class="connect-status">
        {said}
      </p>
    </form>
  );
}

export function SettingsScreen() {
  const s = useConnectStrings();
  return (
    <Screen title={s.settingsTitle} path="/me/settings" roles={["talent"]}>
      {(plugins) => (
        <>
          {plugins.has("messaging") ? <MessageMails /> : null}
          {plugins.has("posts") ? <DigestForm /> : null}
          {!plugins.has("messaging") && !plugins.has("posts") ? <p>{s.noSettings}</p> : null}
        </>
      )}
    </Screen>
  );
}
