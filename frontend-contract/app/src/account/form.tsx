/**
 * Form pieces of the account screens: every input has a label, its hint and its errors are
 * linked with aria-describedby, errors are announced, and each screen puts focus on its heading.
 */
import type { ComponentChildren, JSX } from "preact";
import { useEffect, useId, useRef } from "preact/hooks";
import { AllauthError, HelixError, type FieldErrors } from "@helix/client";

/** Messages per field, from either API's error. */
export type Errors = Record<string, string[]>;

/** The field messages of an accounts-API error (allauth's `param`), or of a Helix API error (`fields`). */
export function errorsOf(error: unknown, prefix = ""): Errors {
  const found: Errors = {};
  if (error instanceof AllauthError) {
    for (const item of error.errors) {
      const key = item.param ?? "";
      (found[key] ??= []).push(item.message);
    }
  } else if (error instanceof HelixError) {
    flatten(error.fields, prefix, found);
    if (!Object.keys(found).length) found[""] = [error.message];
  }
  return found;
}

function flatten(fields: FieldErrors, prefix: string, into: Errors): void {
  for (const [name, value] of Object.entries(fields ?? {})) {
    const key = prefix ? `${prefix}.${name}` : name;
    if (Array.isArray(value)) (into[key] ??= []).push(...value.map(String));
    else if (value && typeof value === "object") flatten(value as FieldErrors, key, into);
  }
}

/** The messages not about one of `known` fields: shown above the form. */
export function otherErrors(errors: Errors, known: string[]): string[] {
  return Object.entries(errors)
    .filter(([name]) => !known.includes(name))
    .flatMap(([, messages]) => messages);
}

/** Focus the screen's heading when it appears (route changes), so screen readers start there. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

export function Heading({ children }: { children: ComponentChildren }) {
  const ref = useFocusOnMount<HTMLHeadingElement>();
  return (
    <h1 ref={ref} tabIndex={-1} class="account-heading">
      {children}
    </h1>
  );
}

type FieldProps = {
  label: string;
  name: string;
  errors?: Errors;
  hint?: string;
  required?: boolean;
  children?: never;
} & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "name" | "label" | "required">;

/** A labelled input with its hint and its errors, linked by aria-describedby. */
export function Field({ label, name, errors, hint, required, ...input }: FieldProps) {
  const id = useId();
  const messages = errors?.[name] ?? [];
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = messages.length ? `${id}-error` : undefined;
  return (
    <div class="account-field">
      <label for={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p id={hintId} class="account-hint">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        required={required}
        aria-invalid={messages.length ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        {...input}
      />
      <FieldError id={errorId} messages={messages} />
    </div>
  );
}

type AreaProps = { label: string; name: string; errors?: Errors; value: string; onInput: (value: string) => void };

export function TextArea({ label, name, errors, value, onInput }: AreaProps) {
  const id = useId();
  const messages = errors?.[name] ?? [];
  const errorId = messages.length ? `${id}-error` : undefined;
  return (
    <div class="account-field">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        rows={3}
        value={value}
        aria-invalid={messages.length ? true : undefined}
        aria-describedby={errorId}
        onInput={(event) => onInput((event.currentTarget as HTMLTextAreaElement).value)}
      />
      <FieldError id={errorId} messages={messages} />
    </div>
  );
}

type SelectProps = {
  label: string;
  name: string;
  errors?: Errors;
  value: string;
  options: [string, string][];
  onChange: (value: string) => void;
};

export function Select({ label, name, errors, value, options, onChange }: SelectProps) {
  const id = useId();
  const messages = errors?.[name] ?? [];
  const errorId = messages.length ? `${id}-error` : undefined;
  return (
    <div class="account-field">
      <label for={id}>{label}</label>
      <select
        id={id}
        name={name}
        value={value}
        aria-invalid={messages.length ? true : undefined}
        aria-describedby={errorId}
        onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value)}
      >
        {options.map(([code, text]) => (
          <option key={code} value={code}>
            {text}
          </option>
        ))}
      </select>
      <FieldError id={errorId} messages={messages} />
    </div>
  );
}

export function FieldError({ id, messages }: { id?: string; messages: string[] }) {
  if (!messages.length) return null;
  return (
    <p id={id} class="account-error">
      {messages.join(" ")}
    </p>
  );
}

/** Messages about the whole form, announced and focused so keyboard users land on them. */
export function FormAlert({ messages }: { messages: string[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const text = messages.join(" ");
  useEffect(() => {
    if (text) ref.current?.focus();
  }, [text]);
  if (!messages.length) return null;
  return (
    <div ref={ref} role="alert" tabIndex={-1} class="account-alert">
      {messages.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}

/** A polite announcement (saved, sent). */
export function Status({ children }: { children?: ComponentChildren }) {
  return (
    <p role="status" class="account-status">
      {children}
    </p>
  );
}
