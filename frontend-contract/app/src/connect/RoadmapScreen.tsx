/**
 * My roadmap and outcomes (/me/roadmap, plugin journey): the nine steps in one roadmap call,
 * each with where I stand (a select), its checklist (a tick is one PUT or DELETE, the counts are
 * kept here) and my mentor's notes; then my outcomes (one list call) and a form to record one.
 */
import { useState } from "preact/hooks";
import type { ApiComponents } from "@helix/client";
import { errorsOf, Field, FormAlert, otherErrors, Select, type Errors } from "../account/form";
import { helix } from "../api";
import { formatDate } from "../i18n";
import { ConfirmButton } from "./Confirm";
import { percentDone, STEP_STATUSES, withStatus, withTick, type Roadmap, type StepStatus } from "./roadmap";
import { ErrorNote, PAGE_SIZE, Screen, useLoad } from "./shared";
import { fill, useConnectStrings, type ConnectStrings } from "./strings";

type Step = Roadmap["steps"][number];
type Outcome = ApiComponents["schemas"]["JourneyOutcome"];
type OutcomeKind = ApiComponents["schemas"]["JourneyOutcomeKindEnum"];
const KINDS: OutcomeKind[] = ["job", "internship", "study", "volunteering", "start_up"];
const CONTRACTS = ["", "permanent", "fixed_term", "interim", "self_employed", "training_contract", "other"] as const;
const LEVELS = ["", "below", "at", "above"] as const;

function StepCard({ step, onChange }: { step: Step; onChange: (change: (roadmap: Roadmap) => Roadmap) => void }) {
  const s = useConnectStrings();
  const [error, setError] = useState<unknown>(null);
  const run = async (call: () => Promise<unknown>) => {
    setError(null);
    try {
      await call();
    } catch (caught) {
      setError(caught);
    }
  };
  const id = `connect-step-${step.step}`;
  return (
    <li class="connect-card">
      <h3 id={id}>
        {fill(s.stepTitle, { n: step.step, title: step.title })}{" "}
        <span class="connect-tag">{s[`step_${step.status}`]}</span>
      </h3>
      <div class="account-field">
        <label for={`${id}-status`}>{s.whereIStand}</label>
        <select
          id={`${id}-status`}
          value={step.status}
          onChange={(event) => {
            const status = event.currentTarget.value as StepStatus;
            run(async () => {
              const { data } = await helix.api.PUT("/api/v1/journey/roadmap/steps/{step}/", {
                params: { path: { step: step.step } },
                body: { status },
              });
              onChange((roadmap) => withStatus(roadmap, step.step, data?.status ?? status, data?.updated_at ?? null));
            });
          }}
        >
          {STEP_STATUSES.map((status) => (
            <option key={status} value={status}>
              {s[`step_${status}`]}
            </option>
          ))}
        </select>
      </div>
      {step.items.length ? (
        <fieldset class="connect-choices">
          <legend>{fill(s.checklist, { done: step.items_ticked, total: step.items_total })}</legend>
          {step.items.map((item) => (
            <div key={item.id}>
              <label class="connect-check">
                <input
                  type="checkbox"
                  checked={item.ticked}
                  onChange={(event) => {
                    const ticked = event.currentTarget.checked;
                    run(async () => {
                      const options = { params: { path: { item_id: item.id } } };
                      if (ticked) await helix.api.PUT("/api/v1/journey/roadmap/items/{item_id}/", options);
                      else await helix.api.DELETE("/api/v1/journey/roadmap/items/{item_id}/", options);
                      onChange((roadmap) => withTick(roadmap, item.id, ticked));
                    });
                  }}
                />
                {item.text}
              </label>
              {item.details ? <p class="connect-meta">{item.details}</p> : null}
            </div>
          ))}
        </fieldset>
      ) : null}
      <ErrorNote error={error} />
      {step.notes.length ? (
        <div>
          <h4>{s.mentorNotes}</h4>
          <ul class="connect-list">
            {step.notes.map((note) => (
              <li key={note.id}>
                <p class="connect-meta">
                  {note.author.name ?? "—"} · <time dateTime={note.created_at}>{formatDate(note.created_at)}</time>
                </p>
                <p class="connect-body" dir="auto">{note.body}</p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </li>
  );
}

function Steps() {
  const s = useConnectStrings();
  const roadmap = useLoad(() => helix.api.GET("/api/v1/journey/roadmap/").then(({ data }) => data!), []);
  if (roadmap.error) return <ErrorNote error={roadmap.error} />;
  if (!roadmap.data) return <p role="status">{s.loading}</p>;
  const { progress, steps } = roadmap.data;
  const percent = percentDone(progress);
  return (
    <section aria-labelledby="connect-roadmap">
      <h2 id="connect-roadmap">{s.roadmapSteps}</h2>
      <div class="connect-panel">
        <label for="connect-progress">{fill(s.progressSteps, { done: progress.done, total: progress.step_count - progress.not_relevant })}</label>{" "}
        <progress id="connect-progress" max={100} value={percent}>
          {percent}%
        </progress>
        <p class="connect-meta">
          {fill(s.progressItems, { done: progress.items_ticked, total: progress.items_total })} ·{" "}
          {fill(s.progressWorking, { n: progress.working_on_it })}
        </p>
      </div>
      {!steps.length ? <p>{s.noSteps}</p> : null}
      <ol class="connect-list">
        {steps.map((step) => (
          <StepCard key={step.step} step={step} onChange={(change) => roadmap.set(change(roadmap.data!))} />
        ))}
      </ol>
    </section>
  );
}

const EMPTY = { kind: "job" as OutcomeKind, date: "", contract: "" as (typeof CONTRACTS)[number], level: "" as (typeof LEVELS)[number] };

function OutcomeForm({ onAdded }: { onAdded: (outcome: Outcome) => void }) {
  const s = useConnectStrings();
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState("");
  const set = (key: keyof typeof EMPTY) => (value: string) => setForm({ ...form, [key]: value });
  return (
    <form
      class="connect-form connect-panel"
      noValidate
      aria-labelledby="connect-outcome-new"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setErrors({});
        setSaid("");
        try {
          const { data } = await helix.api.POST("/api/v1/journey/outcomes/", { body: form });
          if (data) onAdded(data);
          setForm(EMPTY);
          setSaid(s.outcomeSaved);
        } catch (caught) {
          setErrors(errorsOf(caught));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h3 id="connect-outcome-new">{s.recordOutcome}</h3>
      <FormAlert messages={otherErrors(errors, ["kind", "date", "contract", "level"])} />
      <Select
        label={s.outcomeKind}
        name="kind"
        errors={errors}
        value={form.kind}
        options={KINDS.map((kind) => [kind, s[`outcome_${kind}`]])}
        onChange={set("kind")}
      />
      <Field label={s.outcomeDate} name="date" type="date" errors={errors} value={form.date} onInput={(event) => set("date")(event.currentTarget.value)} />
      <Select
        label={s.contract}
        name="contract"
        errors={errors}
        value={form.contract}
        options={CONTRACTS.map((contract) => [contract, contract ? s[`contract_${contract}`] : s.notSaid])}
        onChange={set("contract")}
      />
      <Select
        label={s.level}
        name="level"
        errors={errors}
        value={form.level}
        options={LEVELS.map((level) => [level, level ? s[`level_${level}`] : s.notSaid])}
        onChange={set("level")}
      />
      <button type="submit" disabled={busy}>
        {s.saveOutcome}
      </button>
      <p role="status" class="connect-status">
        {said}
      </p>
    </form>
  );
}

function Outcomes() {
  const s = useConnectStrings();
  const list = useLoad(
    () => helix.api.GET("/api/v1/journey/outcomes/", { params: { query: { page_size: PAGE_SIZE } } }).then(({ data }) => data!.results),
    [],
  );
  const items = list.data ?? [];
  return (
    <section aria-labelledby="connect-outcomes">
      <h2 id="connect-outcomes">{s.outcomes}</h2>
      <p>{s.outcomesIntro}</p>
      <ErrorNote error={list.error} />
      {!list.data ? (
        <p role="status">{s.loading}</p>
      ) : items.length ? (
        <ul class="connect-list">
          {items.map((outcome) => (
            <li key={outcome.id} class="connect-card">
              <h3>
                {s[`outcome_${outcome.kind}`]} · <time dateTime={outcome.date}>{outcome.date}</time>
              </h3>
              <p class="connect-meta">
                {[
                  outcome.contract ? s[`contract_${outcome.contract}` as keyof ConnectStrings] : "",
                  outcome.level ? s[`level_${outcome.level}` as keyof ConnectStrings] : "",
                  outcome.recorded_by_talent ? "" : s.recordedForYou,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
              {outcome.recorded_by_talent ? (
                <ConfirmButton
                  label={s.removeOutcome}
                  question={s.removeOutcomeQuestion}
                  yes={s.removeYes}
                  onConfirm={async () => {
                    await helix.api.DELETE("/api/v1/journey/outcomes/{id}/", { params: { path: { id: outcome.id } } });
                    list.set(items.filter((item) => item.id !== outcome.id));
                  }}
                />
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{s.noOutcomes}</p>
      )}
      <OutcomeForm onAdded={(outcome) => list.set([outcome, ...items])} />
    </section>
  );
}

export function RoadmapScreen() {
  const s = useConnectStrings();
  return (
    <Screen title={s.roadmapTitle} path="/me/roadmap" feature="journey" roles={["talent"]}>
      {() => (
        <>
          <Steps />
          <Outcomes />
        </>
      )}
    </Screen>
  );
}
