/**
 * My networking plan (/me/networking, plugin networking). The plan comes in one call with
 * everything in it: the 7 steps of the guide (where I am with each), my map (interests,
 * strengths, kinds of contacts, and my contacts: a structured list, or drawn as an SVG mind map
 * around me (./mindMap.ts); edited one entry per line), my goals, the milestones of my action
 * plan on a timeline, my contacts with the date to follow up, and my mentor's comments. Goals,
 * milestones and contacts are added, changed (the same form, prefilled; PATCH) and removed.
 * Each change is one call; the answer updates the plan kept here.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiComponents } from "@helix/client";
import { errorsOf, FieldError, FormAlert, otherErrors, type Errors } from "../account/form";
import { helix } from "../api";
import { formatDate, useLang } from "../i18n";
import { ConfirmButton } from "./Confirm";
import { ItemForm, type FieldSpec } from "./ItemForm";
import { mindMapLayout, type MapBranchInput } from "./mindMap";
import { byDate, contactBody, followUpDue, goalBody, milestoneBody, prefilled, splitLines } from "./networking";
import { ErrorNote, Screen, useLoad } from "./shared";
import { fill, useConnectStrings, type ConnectStrings } from "./strings";

type Schemas = ApiComponents["schemas"];
type Plan = Schemas["NetworkingPlan"];
type Goal = Plan["goals"][number];
type Milestone = Plan["milestones"][number];
type Contact = Plan["contacts"][number];
type PlanStatus = Schemas["PlanStepStatusEnum"];
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

type MapView = "list" | "drawing";

/** The map's branches (the three lists and the contacts by name), for the list and the drawing alike. */
function mapBranches(plan: Plan, s: ConnectStrings): MapBranchInput[] {
  return [
    ...MAP_KEYS.map((key) => ({ key, label: s[`map_${key}`], leaves: plan[key].map((entry) => ({ label: entry })) })),
    { key: "contacts", label: s.contacts, leaves: plan.contacts.map((contact) => ({ label: contact.name, kind: contact.tie })) },
  ];
}

/** The drawn map: an SVG picture (role img, named); its entries are in the list view too. */
function MapDrawing({ plan }: { plan: Plan }) {
  const s = useConnectStrings();
  const rtl = useLang() === "ar";
  const name = plan.talent.name || s.mapMe;
  const map = mindMapLayout(name, mapBranches(plan, s), { rtl });
  return (
    <figure class="connect-mindmap">
      <svg
        viewBox={`0 0 ${map.width} ${map.height}`}
        role="img"
        aria-labelledby="connect-map-drawing-title"
        direction={rtl ? "rtl" : "ltr"}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id="connect-map-drawing-title">{fill(s.mapDrawingName, { name })}</title>
        {map.branches.map((branch) => (
          <g key={branch.key} class={`connect-mindmap-branch connect-mindmap-${branch.key}`}>
            <path class="connect-mindmap-edge" d={branch.edge} />
            {branch.leaves.map((leaf, index) => (
              <path key={index} class={`connect-mindmap-edge connect-mindmap-edge-${leaf.kind ?? "entry"}`} d={leaf.edge} />
            ))}
            <rect class="connect-mindmap-box" x={branch.box.x} y={branch.box.y} width={branch.box.width} height={branch.box.height} rx={6} />
            <text class="connect-mindmap-label" x={branch.x} y={branch.y} text-anchor="middle" dominant-baseline="central">
              {branch.label}
            </text>
            {branch.leaves.map((leaf, index) => (
              <text key={index} class={`connect-mindmap-leaf connect-mindmap-leaf-${leaf.kind ?? "entry"}`} x={leaf.x} y={leaf.y} text-anchor={leaf.anchor} dominant-baseline="central">
                {leaf.label !== leaf.full ? <title>{leaf.full}</title> : null}
                {leaf.label}
              </text>
            ))}
          </g>
        ))}
        <circle class="connect-mindmap-centre" cx={map.centre.x} cy={map.centre.y} r={map.centre.r} />
        <text class="connect-mindmap-me" x={map.centre.x} y={map.centre.y} text-anchor="middle" dominant-baseline="central">
          {map.centre.label}
        </text>
      </svg>
      <figcaption class="connect-meta">{s.mapLegend}</figcaption>
    </figure>
  );
}

function MapList({ plan }: { plan: Plan }) {
  const s = useConnectStrings();
  return (
    <ul class="connect-map">
      {mapBranches(plan, s).map((branch) => (
        <li key={branch.key}>
          <strong>{branch.label}</strong>
          {branch.leaves.length ? (
            <ul>
              {branch.leaves.map((leaf, index) => (
                <li key={index} dir="auto">
                  {leaf.label}
                  {leaf.kind === "strong" || leaf.kind === "weak" ? ` (${s[`tie_${leaf.kind}`]})` : ""}
                </li>
              ))}
            </ul>
          ) : (
            <p class="connect-meta">—</p>
          )}
        </li>
      ))}
    </ul>
  );
}

function MindMap({ plan, change }: { plan: Plan; change: (c: Change) => void }) {
  const s = useConnectStrings();
  const [editing, setEditing] = useState(false);
  const [view, setView] = useState<MapView>("list");
  const [texts, setTexts] = useState<Record<MapKey, string>>({ interests: "", strengths: "", contact_kinds: "" });
  const [errors, setErrors] = useState<Errors>({});
  const empty = MAP_KEYS.every((key) => !plan[key].length) && !plan.contacts.length;
  return (
    <section aria-labelledby="connect-map">
      <h2 id="connect-map">{s.myMap}</h2>
      {!editing ? (
        <>
          {empty ? (
            <p>{s.mapEmpty}</p>
          ) : (
            <>
              <div class="connect-actions" role="group" aria-label={s.mapView}>
                {(["list", "drawing"] as MapView[]).map((option) => (
                  <button key={option} type="button" aria-pressed={view === option} onClick={() => setView(option)}>
                    {option === "list" ? s.mapAsList : s.mapAsDrawing}
                  </button>
                ))}
              </div>
              {view === "drawing" ? <MapDrawing plan={plan} /> : <MapList plan={plan} />}
            </>
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

/** A card's "Change" button and, once pressed, the add form prefilled; focus goes back to the button on closing. */
function useEditing() {
  const [editing, setEditing] = useState(false);
  const [said, setSaid] = useState("");
  const button = useRef<HTMLButtonElement>(null);
  const back = useRef(false);
  useEffect(() => {
    if (!editing && back.current) {
      back.current = false;
      button.current?.focus();
    }
  }, [editing]);
  return {
    editing,
    said,
    button,
    open: () => {
      setSaid("");
      setEditing(true);
    },
    close: (message = "") => {
      back.current = true;
      setSaid(message);
      setEditing(false);
    },
  };
}

function EditButton({ edit, name }: { edit: ReturnType<typeof useEditing>; name: string }) {
  const s = useConnectStrings();
  return (
    <>
      <button type="button" ref={edit.button} onClick={edit.open}>
        {s.editItem}
        <span class="visually-hidden">: {name}</span>
      </button>
      <span role="status" class="connect-status">
        {edit.said}
      </span>
    </>
  );
}

/** The plan's lists of items with a card, one item's API path being /api/v1/networking/plan/<list>/{id}/; what changing one sends. */
type ListKey = "goals" | "milestones" | "contacts";
type ItemOf<K extends ListKey> = Plan[K][number];
type ItemChange = {
  goals: Schemas["PatchedPlanGoalRequest"];
  milestones: Schemas["PatchedPlanMilestoneRequest"];
  contacts: Schemas["PatchedPlanContactRequest"];
};

/** One item's API path (typed as any list's: the answer is the caller's item, cast once in EditableItemCard). */
function itemPath(list: ListKey) {
  return `/api/v1/networking/plan/${list}/{id}/` as `/api/v1/networking/plan/${ListKey}/{id}/`;
}

/** The plan with the item `id` of one of its lists replaced by what `by` makes of it or, without `by`, removed. */
function withItem<K extends ListKey>(plan: Plan, list: K, id: string, by?: (item: ItemOf<K>) => ItemOf<K>): Plan {
  const items = plan[list] as ItemOf<K>[];
  return { ...plan, [list]: by ? items.map((x) => (x.id === id ? by(x) : x)) : items.filter((x) => x.id !== id) };
}

type CardProps<K extends ListKey> = {
  list: K;
  item: ItemOf<K>;
  /** The item's name: in the change form's title (`editTitle`, filled) and the buttons' accessible names. */
  name: string;
  editTitle: string;
  fields: FieldSpec[];
  body: (values: Record<string, string>) => ItemChange[K];
  change: (c: Change) => void;
  /**
   * A "done" checkbox labelled with the name, when the item can be ticked off; the server's refusal
   * goes to `onError`. Without an answer the plan keeps the item, unless `assumed` says what it is then.
   */
  done?: { checked: boolean; onError: (error: unknown) => void; assumed?: (item: ItemOf<K>, done: boolean) => ItemOf<K> };
  /** A remove button (asking this first), when the item can be removed. */
  removeQuestion?: string;
  /** What the card shows of the item (under the checkbox, if any). */
  children: ComponentChildren;
};

/** A goal's, milestone's or contact's card: what it shows, "Change" (the add form prefilled, in place), and as the item allows "done" and remove. */
function EditableItemCard<K extends ListKey>({ list, item, name, editTitle, fields, body, change, done, removeQuestion, children }: CardProps<K>) {
  const s = useConnectStrings();
  const edit = useEditing();
  if (edit.editing)
    return (
      <li class="connect-card">
        <ItemForm
          title={fill(editTitle, { name })}
          submit={s.saveChanges}
          done={s.savedDone}
          cancel={s.cancel}
          onCancel={() => edit.close()}
          fields={prefilled(fields, item)}
          onSubmit={async (values) => {
            const { data } = await helix.api.PATCH(itemPath(list), { params: { path: { id: item.id } }, body: body(values) });
            if (data) change((p) => withItem(p, list, item.id, () => data as ItemOf<K>));
            edit.close(s.savedDone);
          }}
        />
      </li>
    );
  return (
    <li class="connect-card">
      {done ? (
        <label class="connect-check">
          <input
            type="checkbox"
            checked={done.checked}
            onChange={async (event) => {
              const ticked = event.currentTarget.checked;
              done.onError(null);
              try {
                const { data } = await helix.api.PATCH(itemPath(list), { params: { path: { id: item.id } }, body: { done: ticked } });
                const assumed = done.assumed;
                if (data) change((p) => withItem(p, list, item.id, () => data as ItemOf<K>));
                else if (assumed) change((p) => withItem(p, list, item.id, (x) => assumed(x, ticked)));
              } catch (caught) {
                done.onError(caught);
              }
            }}
          />
          <strong dir="auto">{name}</strong>
        </label>
      ) : null}
      {children}
      <div class="connect-actions">
        <EditButton edit={edit} name={name} />
        {removeQuestion ? (
          <ConfirmButton
            label={fill(s.removeItem, { name })}
            question={removeQuestion}
            yes={s.removeYes}
            onConfirm={async () => {
              await helix.api.DELETE(itemPath(list), { params: { path: { id: item.id } } });
              change((p) => withItem(p, list, item.id));
            }}
          />
        ) : null}
      </div>
    </li>
  );
}

function goalFields(s: ConnectStrings): FieldSpec[] {
  return [
    { name: "description", label: s.goalDescription, type: "textarea" },
    { name: "term", label: s.goalTerm, type: "select", options: [["short", s.term_short], ["long", s.term_long]] },
    { name: "measurable_target", label: s.goalTarget },
    { name: "target_date", label: s.goalDate, type: "date" },
  ];
}

function GoalCard({ goal, change, onError }: { goal: Goal; change: (c: Change) => void; onError: (error: unknown) => void }) {
  const s = useConnectStrings();
  return (
    <EditableItemCard
      list="goals"
      item={goal}
      name={goal.description}
      editTitle={s.editGoal}
      fields={goalFields(s)}
      body={goalBody}
      change={change}
      done={{ checked: !!goal.done, onError, assumed: (g, done) => ({ ...g, done }) }}
      removeQuestion={s.removeGoalQuestion}
    >
      <p class="connect-meta">
        {s[`term_${goal.term}`]} · {fill(s.target, { target: goal.measurable_target })} · {fill(s.byDate, { date: goal.target_date })}
      </p>
    </EditableItemCard>
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
          <GoalCard key={goal.id} goal={goal} change={change} onError={setError} />
        ))}
      </ul>
      <ErrorNote error={error} />
      <ItemForm
        title={s.addGoal}
        submit={s.addGoal}
        done={s.added}
        fields={goalFields(s)}
        onSubmit={async (values) => {
          const { data } = await helix.api.POST("/api/v1/networking/plan/goals/", { body: goalBody(values) });
          if (data) change((p) => ({ ...p, goals: [...p.goals, data] }));
        }}
      />
    </section>
  );
}

function milestoneFields(s: ConnectStrings, plan: Plan): FieldSpec[] {
  return [
    { name: "title", label: s.milestoneTitle },
    { name: "due_date", label: s.milestoneDate, type: "date" },
    { name: "goal", label: s.milestoneGoal, type: "select", options: [["", s.noGoal], ...plan.goals.map((g): [string, string] => [g.id, g.description])] },
  ];
}

function MilestoneCard({ milestone, plan, change, onError }: { milestone: Milestone; plan: Plan; change: (c: Change) => void; onError: (error: unknown) => void }) {
  const s = useConnectStrings();
  const goalName = plan.goals.find((goal) => goal.id === milestone.goal)?.description;
  return (
    <EditableItemCard
      list="milestones"
      item={milestone}
      name={milestone.title}
      editTitle={s.editMilestone}
      fields={milestoneFields(s, plan)}
      body={milestoneBody}
      change={change}
      done={{ checked: !!milestone.done_at, onError }}
    >
      <p class="connect-meta">
        {fill(s.byDate, { date: milestone.due_date })}
        {goalName ? ` · ${fill(s.forGoal, { goal: goalName })}` : ""}
      </p>
    </EditableItemCard>
  );
}

function Milestones({ plan, change }: { plan: Plan; change: (c: Change) => void }) {
  const s = useConnectStrings();
  const [error, setError] = useState<unknown>(null);
  const milestones = byDate(plan.milestones, (m) => m.due_date);
  return (
    <section aria-labelledby="connect-milestones">
      <h2 id="connect-milestones">{s.milestones}</h2>
      {!milestones.length ? <p>{s.noMilestones}</p> : null}
      <ol class="connect-list connect-timeline">
        {milestones.map((milestone) => (
          <MilestoneCard key={milestone.id} milestone={milestone} plan={plan} change={change} onError={setError} />
        ))}
      </ol>
      <ErrorNote error={error} />
      <ItemForm
        title={s.addMilestone}
        submit={s.addMilestone}
        done={s.added}
        fields={milestoneFields(s, plan)}
        onSubmit={async (values) => {
          const { data } = await helix.api.POST("/api/v1/networking/plan/milestones/", { body: milestoneBody(values) });
          if (data) change((p) => ({ ...p, milestones: [...p.milestones, data] }));
        }}
      />
    </section>
  );
}

function contactFields(s: ConnectStrings): FieldSpec[] {
  return [
    { name: "name", label: s.contactName },
    { name: "organisation", label: s.contactOrganisation },
    { name: "tie", label: s.contactTie, type: "select", options: [["weak", s.tie_weak], ["strong", s.tie_strong]] },
    { name: "how_met", label: s.howMet },
    { name: "next_follow_up", label: s.nextFollowUp, type: "date" },
    { name: "notes", label: s.contactNotes, type: "textarea" },
  ];
}

function ContactCard({ contact, change, today }: { contact: Contact; change: (c: Change) => void; today: string }) {
  const s = useConnectStrings();
  const due = followUpDue(contact.next_follow_up, today);
  return (
    <EditableItemCard
      list="contacts"
      item={contact}
      name={contact.name}
      editTitle={s.editContact}
      fields={contactFields(s)}
      body={contactBody}
      change={change}
      removeQuestion={s.removeContactQuestion}
    >
      <h3>
        <bdi>{contact.name}</bdi>
        {contact.organisation ? <> · <bdi>{contact.organisation}</bdi></> : ""} <span class="connect-tag">{s[`tie_${contact.tie}`]}</span>
      </h3>
      {contact.how_met ? <p class="connect-meta">{fill(s.howMetIs, { how: contact.how_met })}</p> : null}
      {contact.next_follow_up ? (
        <p class={due ? "connect-due" : "connect-meta"}>
          {fill(s.followUpOn, { date: contact.next_follow_up })}
          {due ? ` · ${s.followUpDue}` : ""}
        </p>
      ) : null}
      {contact.notes ? <p class="connect-body" dir="auto">{contact.notes}</p> : null}
    </EditableItemCard>
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
          <ContactCard key={contact.id} contact={contact} change={change} today={today} />
        ))}
      </ul>
      <ItemForm
        title={s.addContact}
        submit={s.addContact}
        done={s.added}
        fields={contactFields(s)}
        onSubmit={async (values) => {
          const { data } = await helix.api.POST("/api/v1/networking/plan/contacts/", { body: contactBody(values) });
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
