/**
 * The company profile (/me/company): what /api/v1/me/ holds of the company (name, website,
 * description, size, sectors: the talent pool follows the sectors) and what the talent pool
 * profile holds (places, offers, blind listings), each saved on its own with the server's
 * refusals next to the fields.
 */
import { useState } from "preact/hooks";
import type { ApiComponents } from "@helix/client";
import { errorsOf, Field, FieldError, FormAlert, otherErrors, Select, TextArea, type Errors } from "../account/form";
import { helix } from "../api";
import { ErrorNote, forgetMe, Screen, useLoad } from "../connect/shared";
import { useConnectStrings } from "../connect/strings";
import { useLang } from "../i18n";
import { placesFromText } from "./pool";
import { useEmployerStrings } from "./strings";
import "../organisation/organisation.css";

type Company = ApiComponents["schemas"]["EmployerProfile"];
type PoolProfile = ApiComponents["schemas"]["EmployerPoolProfile"];
const SIZES = ["1-9", "10-49", "50-249", "250+"] as const;
const OFFERS = ["jobs", "internships", "language_on_the_job"] as const;
const P = "employer_profile";

function Saved({ text }: { text: string }) {
  return (
    <p role="status" class="connect-status">
      {text}
    </p>
  );
}

function CompanyForm({ company }: { company: Company }) {
  const s = useEmployerStrings();
  const language = useLang();
  const sectors = useLoad(() => helix.api.GET("/api/v1/sectors/").then(({ data }) => data ?? []), [language]);
  const [draft, setDraft] = useState({
    company: company.company ?? "",
    website: company.website ?? "",
    description: company.description ?? "",
    size: (company.size as string) ?? "",
    sectors: company.sectors ?? [],
  });
  const [errors, setErrors] = useState<Errors>({});
  const [said, setSaid] = useState("");
  const [busy, setBusy] = useState(false);
  const sectorErrors = errors[`${P}.sectors`] ?? [];
  return (
    <form
      class="connect-form"
      noValidate
      aria-labelledby="employer-company"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setErrors({});
        setSaid("");
        try {
          await helix.api.PATCH("/api/v1/me/", {
            body: { employer_profile: { ...draft, size: draft.size as Company["size"] } },
          });
          forgetMe();
          setSaid(s.saved);
        } catch (caught) {
          setErrors(errorsOf(caught));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 id="employer-company">{s.companyTitle}</h2>
      <p>{s.companyIntro}</p>
      <FormAlert messages={otherErrors(errors, ["company", "website", "description", "size", "sectors"].map((name) => `${P}.${name}`))} />
      <Field label={s.companyName} name={`${P}.company`} value={draft.company} errors={errors} onInput={(e) => setDraft({ ...draft, company: (e.currentTarget as HTMLInputElement).value })} />
      <Field label={s.website} name={`${P}.website`} type="url" value={draft.website} errors={errors} onInput={(e) => setDraft({ ...draft, website: (e.currentTarget as HTMLInputElement).value })} />
      <TextArea label={s.description} name={`${P}.description`} value={draft.description} errors={errors} onInput={(value) => setDraft({ ...draft, description: value })} />
      <Select
        label={s.size}
        name={`${P}.size`}
        value={draft.size}
        errors={errors}
        options={[["", s.noSize], ...SIZES.map((size) => [size, size] as [string, string])]}
        onChange={(value) => setDraft({ ...draft, size: value })}
      />
      <fieldset class="connect-choices" aria-invalid={sectorErrors.length ? true : undefined} aria-describedby={sectorErrors.length ? "employer-sectors-error" : undefined}>
        <legend>{s.yourSectors}</legend>
        <ErrorNote error={sectors.error} />
        {(sectors.data ?? []).map((sector) => (
          <div class="connect-check" key={sector.slug}>
            <input
              id={`employer-sector-${sector.slug}`}
              type="checkbox"
              checked={draft.sectors.includes(sector.slug)}
              onChange={(event) => {
                const on = (event.currentTarget as HTMLInputElement).checked;
                setDraft({ ...draft, sectors: on ? [...draft.sectors, sector.slug] : draft.sectors.filter((slug) => slug !== sector.slug) });
              }}
            />
            <label for={`employer-sector-${sector.slug}`}>{sector.name}</label>
          </div>
        ))}
        <FieldError id="employer-sectors-error" messages={sectorErrors} />
      </fieldset>
      <button type="submit" disabled={busy}>
        {s.save}
      </button>
      <Saved text={said} />
    </form>
  );
}

function PoolProfileForm({ profile }: { profile: PoolProfile }) {
  const s = useEmployerStrings();
  const [places, setPlaces] = useState(profile.places.join(", "));
  const [offers, setOffers] = useState<string[]>(profile.offers);
  const [blind, setBlind] = useState(profile.blind_listings);
  const [errors, setErrors] = useState<Errors>({});
  const [said, setSaid] = useState("");
  const [busy, setBusy] = useState(false);
  const offerErrors = errors.offers ?? [];
  return (
    <form
      class="connect-form"
      noValidate
      aria-labelledby="employer-offer"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setErrors({});
        setSaid("");
        try {
          const { data } = await helix.api.PUT("/api/v1/talent-pool/profile/", {
            body: { places: placesFromText(places), offers: offers as PoolProfile["offers"], blind_listings: blind },
          });
          setPlaces(data!.places.join(", "));
          setSaid(s.saved);
        } catch (caught) {
          setErrors(errorsOf(caught));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 id="employer-offer">{s.offerTitle}</h2>
      <FormAlert messages={otherErrors(errors, ["places", "offers", "blind_listings"])} />
      <Field label={s.places} name="places" hint={s.placesHint} value={places} errors={errors} onInput={(e) => setPlaces((e.currentTarget as HTMLInputElement).value)} />
      <fieldset class="connect-choices" aria-invalid={offerErrors.length ? true : undefined} aria-describedby={offerErrors.length ? "employer-offers-error" : undefined}>
        <legend>{s.offers}</legend>
        {OFFERS.map((offer) => (
          <div class="connect-check" key={offer}>
            <input
              id={`employer-offer-${offer}`}
              type="checkbox"
              checked={offers.includes(offer)}
              onChange={(event) => {
                const on = (event.currentTarget as HTMLInputElement).checked;
                setOffers(on ? [...offers, offer] : offers.filter((item) => item !== offer));
              }}
            />
            <label for={`employer-offer-${offer}`}>{s[`offer_${offer}`]}</label>
          </div>
        ))}
        <FieldError id="employer-offers-error" messages={offerErrors} />
      </fieldset>
      <div class="connect-check">
        <input id="employer-blind" type="checkbox" checked={blind} aria-describedby="employer-blind-hint" onChange={(event) => setBlind((event.currentTarget as HTMLInputElement).checked)} />
        <label for="employer-blind">{s.blindListings}</label>
      </div>
      <p id="employer-blind-hint" class="account-hint">
        {s.blindHint}
      </p>
      <FieldError messages={errors.blind_listings ?? []} />
      <button type="submit" disabled={busy}>
        {s.save}
      </button>
      <Saved text={said} />
    </form>
  );
}

function Company({ pool }: { pool: boolean }) {
  const c = useConnectStrings();
  const data = useLoad(async () => {
    const [me, profile] = await Promise.all([
      helix.api.GET("/api/v1/me/").then(({ data }) => data!),
      pool ? helix.api.GET("/api/v1/talent-pool/profile/").then(({ data }) => data!) : Promise.resolve(null),
    ]);
    return { company: me.employer_profile ?? ({} as Company), profile };
  }, [pool]);
  if (data.error) return <ErrorNote error={data.error} />;
  if (!data.data) return <p role="status">{c.loading}</p>;
  return (
    <div class="employer-company">
      <CompanyForm company={data.data.company} />
      {data.data.profile ? <PoolProfileForm profile={data.data.profile} /> : null}
    </div>
  );
}

export function CompanyScreen() {
  const s = useEmployerStrings();
  return (
    <Screen title={s.companyTitle} path="/me/company" roles={["employer"]}>
      {(plugins) => <Company pool={plugins.has("employers")} />}
    </Screen>
  );
}
