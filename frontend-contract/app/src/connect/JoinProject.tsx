/**
 * Joining a project as a member (`POST /api/v1/projects/{slug}/join/`), shared by every screen
 * that lists projects. An open project: one "Join" button. A project that takes requests: "Ask
 * to join" opens a short form with an optional motivation. The server's refusal shows next to
 * the button or the field, in the person's language; once it worked, a status line says whether
 * the person is a member or their request waits, and `onJoined` gets the membership's status.
 *
 * Show it only to people who hold the capability (`canJoinProjects`): the server refuses the others.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiComponents } from "@helix/client";
import { errorsOf, FieldError, FormAlert, otherErrors, type Errors } from "../account/form";
import { helix } from "../api";
import { useJoinStrings } from "./joinStrings";
import { allowed, ErrorNote, type Me } from "./shared";
import { fill } from "./strings";

type Project = ApiComponents["schemas"]["Project"];
export type MembershipStatus = NonNullable<Project["my_membership"]>;

/** The capability the server checks; `/api/v1/me/` lists it in `capabilities` when held. */
export const JOIN_PROJECT = "organisations.join_project";

/** Whether this person may join projects, and has not joined (or asked to join) this one yet. */
export function canJoinProjects(me: Me, plugins: Set<string>, project?: Pick<Project, "my_membership">): boolean {
  if (!allowed({ capability: JOIN_PROJECT }, plugins, me)) return false;
  return !project || !["active", "requested"].includes(project.my_membership ?? "");
}

type Props = {
  project: Pick<Project, "slug" | "name" | "join_policy">;
  onJoined?: (status: MembershipStatus) => void;
};

export function JoinProject({ project, onJoined }: Props) {
  const s = useJoinStrings();
  const [open, setOpen] = useState(false);
  const [motivation, setMotivation] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState("");
  const field = useRef<HTMLTextAreaElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) field.current?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  const id = `join-${project.slug}`;
  const fieldErrors = errors.motivation ?? [];

  async function join(body: { motivation: string }) {
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      const { data } = await helix.api.POST("/api/v1/projects/{slug}/join/", {
        params: { path: { slug: project.slug } },
        body,
      });
      const status = (data?.status ?? "requested") as MembershipStatus;
      setSaid(fill(status === "active" ? s.joined : s.requested, { project: project.name }));
      setOpen(false);
      wasOpen.current = false; // the button is gone: nothing to give the focus back to
      onJoined?.(status);
    } catch (caught) {
      setErrors(errorsOf(caught));
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const done = !!said;
  return (
    <div class="connect-join">
      {done ? null : project.join_policy === "open" ? (
        <>
          <div class="connect-actions">
            <button type="button" disabled={busy} onClick={() => join({ motivation: "" })}>
              {s.join}
              <span class="visually-hidden">: {project.name}</span>
            </button>
          </div>
          <ErrorNote error={error} />
        </>
      ) : open ? (
        <form
          class="connect-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void join({ motivation });
          }}
        >
          <FormAlert messages={otherErrors(errors, ["motivation"])} />
          <div class="account-field">
            <label for={`${id}-motivation`}>{s.motivation}</label>
            <p id={`${id}-hint`} class="account-hint">
              {s.motivationHint}
            </p>
            <textarea
              ref={field}
              id={`${id}-motivation`}
              name="motivation"
              rows={3}
              value={motivation}
              aria-invalid={fieldErrors.length ? true : undefined}
              aria-describedby={fieldErrors.length ? `${id}-hint ${id}-error` : `${id}-hint`}
              onInput={(event) => setMotivation((event.currentTarget as HTMLTextAreaElement).value)}
            />
            <FieldError id={`${id}-error`} messages={fieldErrors} />
          </div>
          <div class="connect-actions">
            <button type="submit" disabled={busy}>
              {s.sendRequest}
              <span class="visually-hidden">: {project.name}</span>
            </button>
            <button type="button" onClick={() => (setErrors({}), setOpen(false))}>
              {s.cancel}
            </button>
          </div>
        </form>
      ) : (
        <div class="connect-actions">
          <button ref={opener} type="button" onClick={() => (setError(null), setOpen(true))}>
            {s.askToJoin}
            <span class="visually-hidden">: {project.name}</span>
          </button>
        </div>
      )}
      <p role="status" class="connect-status">
        {said}
      </p>
    </div>
  );
}
