/**
 * My networking plan (/me/networking, plugin networking). The plan comes in one call with
 * everything in it: the 7 steps of the guide (where I am with each), my map (interests,
 * strengths, kinds of contacts: a structured list, edited one entry per line), my goals, the
 * milestones of my action plan on a timeline, my contacts with the date to follow up, and my
 * mentor's comments. Each change is one call; the answer updates the plan kept here.
 */
import { useState } from "preact/hooks";
import type { ApiComponents } from "@helix/client";
import { errorsOf, FieldError, FormAlert, otherErrors, type Errors } from "../account/form";
import { helix } from "../api";
import { formatDate } from "../i18n";
import { ConfirmButton } from "./Confirm";
import { ItemForm } from "./ItemForm";
import { byDate, followUpDue, splitLines } from "./networking";
import { ErrorNote, Screen, useLoad } from "./shared";
import { fill, useConnectStrings, type ConnectStrings } from "./strings";

type Plan = ApiComponents["schemas"]["NetworkingPlan"];
type PlanStatus = ApiComponents["schemas"]["PlanStepStatusEnum"];
type MapKey = "interests" | "strengths" | "contact_kinds";
const MAP_KEYS: MapKey[] = ["interests", "strengths", "contact_kinds"];
const PLAN_STATUSES: PlanStatus[] = ["not_started", "in_progress", "done"];

type Change = (plan: Plan) => Plan;

function GuideSteps({ plan, change }: { plan: Plan; change: (c: Change) => void }) {
  const s = useConnectStrings();
  const [error, setError] = useState<unknown>(null);
  const steps = byDate(plan.steps, (step) => String(step.step).padStart(2, "0"));
  return (
    <section aria-labelledby="connect-guide">
      <h2 id="connect-guide">{s.guideSteps}</h2>
      <p class="connect-meta">
        {fill(s.guideProgress, { done: plan.progress.done, total: plan.progress.step_count, busy: plan.progress.in_progress })}
      </p>
      <ol class="connect-list connect-steps">
        {steps.map((step) => (
          <li key={step.step}>
            <label for={`connect-guide-${step.step}`}>{s[`guide_${step.step}` as keyof ConnectStrings] ?? step.step}</label>{" "}
            <select
              id={`connect-guide-${step.step}`}
              value={step.status}
              onChange={async (event) => {
                const status = event.currentTarget.value as PlanStatus;
                setError(null);
                try {
                  const { data } = await helix.api.PUT("/api/v1/networking/plan/steps/{step}/", {
                    params: { path: { step: step.step } },
                    body: { status },
                  });
                  change((p) => {
                    const before = p.steps.find((x) => x.step === step.step)?.status ?? "not_started";
                    const progress = { ...p.progress, [before]: p.progress[before] - 1 };
                    progress[status] += 1;
                    return { ...p, progress, steps: p.steps.map((x) => (x.step === step.step ? (data ?? { ...x, status }) : x)) };
                  });
                } catch (caught) {
                  setError(caught);
                }
              }}
            >
              {PLAN_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {s[`plan_${status}`]}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ol>
      <ErrorNote error={error} />
    </section>
  );
}

function MindMap({ plan, change }: { plan: Plan; change: (c: Change) => void }) {
  const s = useConnectStrings();
  const [editing, setEditing] = useState(false);
  const [texts, setTexts] = useState<Record<MapKey, string>>({ interests: "", strengths: "", contact_kinds: "" });
  const [errors, setErrors] = useState<Errors>({});
  const empty = MAP_KEYS.every((key) => !plan[key].length);
  return (
    <section aria-labelledby="connect-map">
      <h2 id="connect-map">{s.myMap}</h2>
      {!editing ? (
        <>
          {empty ? (
            <p>{s.mapEmpty}</p>
          ) : (
            <ul class="connect-map">
              {MAP_KEYS.map((key) => (
                <li key={key}>
                  <strong>{s[`map_${key}`]}</strong>
                  {plan[key].length ? (
                    <ul>
                      {plan[key].map((entry) => (
                        <li key={entry} dir="auto">
                          {entry}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p class="connect-meta">—</p>
                  )}
                </li>
              ))}
            </ul>
          )}
          <button
            type="button"
            onClick={() => {
              setTexts({ interests: plan.interests.join("\n"), strengths: plan.strengths.join("\n"), contact_kinds: plan.contact_kinds.join("\n") });
              setErrors({});
              setEditing(true);
            }}
          >
            {s.editMap}
          </button>
        </>
      ) : (
        <form
          class="connect-form connect-panel"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            setErrors({});
            try {
              const body = { interests: splitLines(texts.interests), strengths: splitLines(texts.strengths), contact_kinds: splitLines(texts.contact_kinds) };
              const { data } = await helix.api.PUT("/api/v1/networking/plan/", { body });
              if (data) change(() => data);
              setEditing(false);
            } catch (caught) {
              setErrors(errorsOf(caught));
            }
          }}
        >
          <p class="connect-meta" id="connect-map-hint">
            {s.onePerLine}
          </p>
          <FormAlert messages={otherErrors(errors, MAP_KEYS)} />
          {MAP_KEYS.map((key) => {
            const messages = Object.entries(errors)
              .filter(([name]) => name === key || name.startsWith(`${key}.`))
              .flatMap(([, m]) => m);
            return (
              <div class="account-field" key={key}>
                <label for={`connect-map-${key}`}>{s[`map_${key}`]}</label>
                <textarea
                  id={`connect-map-${key}`}
                  rows={4}
                  value={texts[key]}
                  aria-describedby={messages.length ? `connect-map-hint connect-map-${key}-error` : "connect-map-hint"}
                  aria-invalid={messages.length ? true : undefined}
                  onInput={(event) => setTexts({ ...texts, [key]: event.currentTarget.value })}
                />
                <FieldError id={`connect-map-${key}-error`} messages={messages} />
              </div>
            );
          })}
          <div class="connect-actions">
            <button type="submit">{s.saveMap}</button>
            <button type="button" onClick={() => setEditing(false)}>
              {s.cancel}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function Goals({ plan, change }: { plan: Plan; change: (c: Change) => void }) {
  const s = useConnectStrings();
  const [error, setError] = useState<unknown>(null);
  const goals = byDate(plan.goals, (goal) => goal.target_date);
  return (
    <section aria-labelledby="connect-goals">
      <h2 id="connect-goals">{s.goals}</h2>
      {!goals.length ? <p>{s.noGoals}</p> : null}
      <ul class="connect-list">
        {goals.map((goal) => (
          <li key={goal.id} class="connect-card">
            <label class="connect-check">
              <input
                type="checkbox"
                checked={!!goal.done}
                onChange={async (event) => {
                  const done = event.currentTarget.checked;
                  setError(null);
                  try {
                    const { data } = await helix.api.PATCH("/api/v1/networking/plan/goals/{id}/", { params: { path: { id: goal.id } }, body: { done } });
                    change((p) => ({ ...p, goals: p.goals.map((g) => (g.id === goal.id ? (data ?? { ...g, done }) : g)) }));
                  } catch (caught) {
                    setError(caught);
                  }
                }}
              />
              <strong dir="auto">{goal.description}</strong>
            </label>
            <p class="connect-meta">
              {s[`term_${goal.term}`]} · {fill(s.target, { target: goal.measurable_target })} · {fill(s.byDate, { date: goal.target_date })}
            </p>
            <ConfirmButton
              label={fill(s.removeItem, { name: goal.description })}
              question={s.removeGoalQuestion}
              yes={s.removeYes}
              onConfirm={async () => {
                await helix.api.DELETE("/api/v1/networking/plan/goals/{id}/", { params: { path: { id: goal.id } } });
                change((p) => ({ ...p, goals: p.goals.filter((g) => g.id !== goal.id) }));
              }}
            />
          </li>
        ))}
      </ul>
      <ErrorNote error={error} />
      <ItemForm
        title={s.addGoal}
        submit={s.addGoal}
        done={s.added}
        fields={[
          { name: "description", label: s.goalDescription, type: "textarea" },
          { name: "term", label: s.goalTerm, type: "select", options: [["short", s.term_short], ["long", s.term_long]] },
          { name: "measurable_target", label: s.goalTarget },
          { name: "target_date", label: s.goalDate, type: "date" },
        ]}
        onSubmit={async (values) => {
          const { data } = await helix.api.POST("/api/v1/networking/plan/goals/", {
            body: {
              description: values.description!,
              term: values.term as "short" | "long",
              measurable_target: values.measurable_target!,
              target_date: values.target_date!,
            },
          });
          if (data) change((p) => ({ ...p, goals: [...p.goals, data] }));
        }}
      />
    </section>
  );
}

function Milestones({ plan, change }: { plan: Plan; change: (c: Change) => void }) {
  const s = useConnectStrings();
  const [error, setError] = useState<unknown>(null);
  const milestones = byDate(plan.milestones, (m) => m.due_date);
  const goalName = new Map(plan.goals.map((goal) => [goal.id, goal.description]));
  return (
    <section aria-labelledby="connect-milestones">
      <h2 id="connect-milestones">{s.milestones}</h2>
      {!milestones.length ? <p>{s.noMilestones}</p> : null}
      <ol class="connect-list connect-timeline">
        {milestones.map((milestone) => (
          <li key={milestone.id} class="connect-card">
            <label class="connect-check">
              <input
                type="checkbox"
                checked={!!milestone.done_at}
                onChange={async (event) => {
                  const done = event.currentTarget.checked;
                  setError(null);
                  try {
                    const { data } = await helix.api.PATCH("/api/v1/networking/plan/milestones/{id}/", {
                      params: { path: { id: milestone.id } },
                      body: { done },
                    });
                    if (data) change((p) => ({ ...p, milestones: p.milestones.map((m) => (m.id === milestone.id ? data : m)) }));
                  } catch (caught) {
                    setError(caught);
                  }
                }}
              />
              <strong dir="auto">{milestone.title}</strong>
            </label>
            <p class="connect-meta">
              {fill(s.byDate, { date: milestone.due_date })}
              {milestone.goal && goalName.get(milestone.goal) ? ` · ${fill(s.forGoal, { goal: goalName.get(milestone.goal)! })}` : ""}
            </p>
          </li>
        ))}
      </ol>
      <ErrorNote error={error} />
      <ItemForm
        title={s.addMilestone}
        submit={s.addMilestone}
        done={s.added}
        fields={[
          { name: "title", label: s.milestoneTitle },
          { name: "due_date", label: s.milestoneDate, type: "date" },
          { name: "goal", label: s.milestoneGoal, type: "select", options: [["", s.noGoal], ...plan.goals.map((g): [string, string] => [g.id, g.description])] },
        ]}
        onSubmit={async (values) => {
          const { data } = await helix.api.POST("/api/v1/networking/plan/milestones/", {
            body: { title: values.title!, due_date: values.due_date!, goal: values.goal || null },
          });
          if (data) change((p) => ({ ...p, milestones: [...p.milestones, data] }));
        }}
      />
    </section>
  );
}

function Contacts({ plan, change }: { plan: Plan; change: (c: Change) => void }) {
  const s = useConnectStrings();
  const today = new Date().toISOString().slice(0, 10);
  const contacts = byDate(plan.contacts, (c) => c.next_follow_up);
  return (
    <section aria-labelledby="connect-contacts">
      <h2 id="connect-contacts">{s.contacts}</h2>
      {!contacts.length ? <p>{s.noContacts}</p> : null}
      <ul class="connect-list">
        {contacts.map((contact) => (
          <li key={contact.id} class="connect-card">
            <h3>
              {contact.name}
              {contact.organisation ? ` · ${contact.organisation}` : ""} <span class="connect-tag">{s[`tie_${contact.tie}`]}</span>
            </h3>
            {contact.how_met ? <p class="connect-meta">{fill(s.howMetIs, { how: contact.how_met })}</p> : null}
            {contact.next_follow_up ? (
              <p class={followUpDue(contact.next_follow_up, today) ? "connect-due" : "connect-meta"}>
                {fill(s.followUpOn, { date: contact.next_follow_up })}
                {followUpDue(contact.next_follow_up, today) ? ` · ${s.followUpDue}` : ""}
              </p>
            ) : null}
            {contact.notes ? <p class="connect-body" dir="auto">{contact.notes}</p> : null}
            <ConfirmButton
              label={fill(s.removeItem, { name: contact.name })}
              question={s.removeContactQuestion}
              yes={s.removeYes}
              onConfirm={async () => {
                await helix.api.DELETE("/api/v1/networking/plan/contacts/{id}/", { params: { path: { id: contact.id } } });
                change((p) => ({ ...p, contacts: p.contacts.filter((c) => c.id !== contact.id) }));
              }}
            />
          </li>
        ))}
      </ul>
      <ItemForm
        title={s.addContact}
        submit={s.addContact}
        done={s.added}
        fields={[
          { name: "name", label: s.contactName },
          { name: "organisation", label: s.contactOrganisation },
          { name: "tie", label: s.contactTie, type: "select", options: [["weak", s.tie_weak], ["strong", s.tie_strong]] },
          { name: "how_met", label: s.howMet },
          { name: "next_follow_up", label: s.nextFollowUp, type: "date" },
          { name: "notes", label: s.contactNotes, type: "textarea" },
        ]}
        onSubmit={async (values) => {
          const { data } = await helix.api.POST("/api/v1/networking/plan/contacts/", {
            body: {
              name: values.name!,
              organisation: values.organisation,
              tie: values.tie as "weak" | "strong",
              how_met: values.how_met,
              notes: values.notes,
              next_follow_up: values.next_follow_up || null,
            },
          });
          if (data) change((p) => ({ ...p, contacts: [...p.contacts, data] }));
        }}
      />
    </section>
  );
}

function Comments({ plan }: { plan: Plan }) {
  const s = useConnectStrings();
  return (
    <section aria-labelledby="connect-comments">
      <h2 id="connect-comments">{s.mentorComments}</h2>
      {plan.comments.length ? (
        <ul class="connect-list">
          {plan.comments.map((comment) => (
            <li key={comment.id} class="connect-card">
              <p class="connect-meta">
                {comment.author?.name ?? "—"} · <time dateTime={comment.created_at}>{formatDate(comment.created_at)}</time>
              </p>
              <p class="connect-body" dir="auto">{comment.body}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{s.noComments}</p>
      )}
    </section>
  );
}

function PlanView() {
  const s = useConnectStrings();
  const plan = useLoad(() => helix.api.GET("/api/v1/networking/plan/").then(({ data }) => data!), []);
  if (plan.error) return <ErrorNote error={plan.error} />;
  if (!plan.data) return <p role="status">{s.loading}</p>;
  const change = (c: Change) => plan.set(c(plan.data!));
  return (
    <>
      <GuideSteps plan={plan.data} change={change} />
      <MindMap plan={plan.data} change={change} />
      <Goals plan={plan.data} change={change} />
      <Milestones plan={plan.data} change={change} />
      <Contacts plan={plan.data} change={change} />
      <Comments plan={plan.data} />
    </>
  );
}

export function NetworkingScreen() {
  const s = useConnectStrings();
  return (
    <Screen title={s.networkingTitle} path="/me/networking" feature="networking" roles={["talent"]}>
      {() => <PlanView />}
    </Screen>
  );
}
