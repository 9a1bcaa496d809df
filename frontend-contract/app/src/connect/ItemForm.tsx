/**
 * A small "add one" form built from a list of fields: every control labelled, the server's
 * message under the field it is about (others above the form), emptied once saved. The same form
 * changes an existing item: its fields' `initial` values prefill it, `onCancel` adds a cancel
 * button, focus starts in the first field and the caller closes it once saved.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { errorsOf, Field, FormAlert, otherErrors, Select, TextArea, type Errors } from "../account/form";

export type FieldSpec = {
  name: string;
  label: string;
  type?: "text" | "date" | "select" | "textarea";
  options?: [string, string][];
  initial?: string;
};

type Props = {
  title: string;
  submit: string;
  done: string;
  fields: FieldSpec[];
  onSubmit: (values: Record<string, string>) => Promise<unknown>;
  /** Changing an item: the cancel button's text and what it does. */
  cancel?: string;
  onCancel?: () => void;
};

function initialValues(fields: FieldSpec[]): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [field.name, field.initial ?? (field.options?.[0]?.[0] ?? "")]));
}

export function ItemForm({ title, submit, done, fields, onSubmit, cancel, onCancel }: Props) {
  const [values, setValues] = useState(() => initialValues(fields));
  const form = useRef<HTMLFormElement>(null);
  const editing = !!onCancel;
  useEffect(() => {
    if (editing) form.current?.querySelector<HTMLElement>("input, select, textarea")?.focus();
  }, [editing]);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState("");
  const set = (name: string) => (value: string) => setValues({ ...values, [name]: value });
  return (
    <form
      ref={form}
      class="connect-form connect-panel"
      noValidate
      aria-label={title}
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setErrors({});
        setSaid("");
        try {
          await onSubmit(values);
          if (editing) return;
          setValues(initialValues(fields));
          setSaid(done);
        } catch (caught) {
          setErrors(errorsOf(caught));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h3>{title}</h3>
      <FormAlert messages={otherErrors(errors, fields.map((field) => field.name))} />
      {fields.map((field) =>
        field.type === "select" ? (
          <Select key={field.name} label={field.label} name={field.name} errors={errors} value={values[field.name] ?? ""} options={field.options ?? []} onChange={set(field.name)} />
        ) : field.type === "textarea" ? (
          <TextArea key={field.name} label={field.label} name={field.name} errors={errors} value={values[field.name] ?? ""} onInput={set(field.name)} />
        ) : (
          <Field
            key={field.name}
            label={field.label}
            name={field.name}
            type={field.type ?? "text"}
            errors={errors}
            value={values[field.name] ?? ""}
            onInput={(event) => set(field.name)(event.currentTarget.value)}
          />
        ),
      )}
      <div class="connect-actions">
        <button type="submit" disabled={busy}>
          {submit}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            {cancel}
          </button>
        ) : null}
      </div>
      <p role="status" class="connect-status">
        {said}
      </p>
    </form>
  );
}
