/**
 * A button that asks before it acts: the question appears in place with "yes" (focused) and
 * "cancel" (back to the button), and the server's refusal is shown right under it.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { ErrorNote } from "./shared";
import { useConnectStrings } from "./strings";

type Props = {
  label: string;
  question: string;
  yes: string;
  onConfirm: () => Promise<unknown>;
  /** Said (role=status) once it worked. */
  done?: string;
};

export function ConfirmButton({ label, question, yes, onConfirm, done }: Props) {
  const s = useConnectStrings();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [said, setSaid] = useState("");
  const yesRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) yesRef.current?.focus();
    else if (wasAsking.current) openRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  return (
    <div class="connect-confirm">
      {asking ? (
        <div role="group" aria-label={question} class="connect-question">
          <p>{question}</p>
          <div class="connect-actions">
            <button
              ref={yesRef}
              type="button"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                setError(null);
                try {
                  await onConfirm();
                  setSaid(done ?? "");
                  setAsking(false);
                } catch (caught) {
                  setError(caught);
                } finally {
                  setBusy(false);
                }
              }}
            >
              {yes}
            </button>
            <button type="button" onClick={() => setAsking(false)}>
              {s.cancel}
            </button>
          </div>
        </div>
      ) : (
        <button ref={openRef} type="button" onClick={() => (setSaid(""), setAsking(true))}>
          {label}
        </button>
      )}
      <ErrorNote error={error} />
      <p role="status" class="connect-status">
        {said}
      </p>
    </div>
  );
}
