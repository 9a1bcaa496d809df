/**
 * The FAQ page's extras: the questions visitors asked with their published answers
 * (`GET /api/v1/faq/`), and a form to ask one (`POST /api/v1/faq/`, for signed-in people;
 * an answer appears after review).
 */
import { type ApiComponents, HelixError, unwrap } from "@helix/client";
import { useEffect, useState } from "preact/hooks";
import { helix } from "../api";
import { type Lang, t } from "../i18n";
import { RichText } from "./RichText";

type Question = ApiComponents["schemas"]["FaqQuestion"];

function AskForm({ language }: { language: Lang }) {
  const [question, setQuestion] = useState("");
  const [state, setState] = useState<{ kind: "idle" | "sent" | "signin" | "error"; message?: string }>({ kind: "idle" });
  const [busy, setBusy] = useState(false);
  const invalid = state.kind === "error";
  return (
    <form
      class="ask"
      aria-labelledby="ask-heading"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        try {
          await helix.accounts.ensureCsrfToken();
          unwrap(await helix.api.POST("/api/v1/faq/", { body: { question: question.trim(), locale: language } }));
          setQuestion("");
          setState({ kind: "sent" });
        } catch (error) {
          if (error instanceof HelixError && (error.status === 401 || error.status === 403)) setState({ kind: "signin" });
          else if (error instanceof HelixError) {
            const field = error.fields?.question;
            setState({ kind: "error", message: Array.isArray(field) ? field.join(" ") : error.message });
          } else setState({ kind: "error", message: String(error) });
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 id="ask-heading">{t("ask_question")}</h2>
      <label for="faq-question">{t("your_question")}</label>
      <textarea
        id="faq-question"
        required
        minLength={10}
        maxLength={1000}
        value={question}
        aria-invalid={invalid ? "true" : undefined}
        aria-describedby={invalid ? "faq-question-error" : undefined}
        onInput={(event) => setQuestion(event.currentTarget.value)}
      />
      {invalid && (
        <p id="faq-question-error" class="notice">
          {state.message}
        </p>
      )}
      <p>
        <button type="submit" disabled={busy}>
          {t("send")}
        </button>
      </p>
      <div role="status">
        {state.kind === "sent" && <p>{t("question_sent")}</p>}
        {state.kind === "signin" && (
          <p>
            {t("sign_in_to_ask")} <a href="/account/login">{t("sign_in")}</a>
          </p>
        )}
      </div>
    </form>
  );
}

export function FaqQuestions({ language }: { language: Lang }) {
  const [questions, setQuestions] = useState<Question[]>([]);
  useEffect(() => {
    let live = true;
    helix.api
      .GET("/api/v1/faq/", { params: { query: { locale: language, page_size: 50 } } })
      .then((answer) => live && setQuestions(unwrap(answer).results))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [language]);
  return (
    <>
      {questions.length > 0 && (
        <section class="block faq-questions" aria-labelledby="faq-heading">
          <h2 id="faq-heading">{t("faq_title")}</h2>
          {questions.map((item) => (
            <details key={item.id} class="question">
              <summary>{item.question}</summary>
              <RichText html={item.answer} />
            </details>
          ))}
        </section>
      )}
      <AskForm language={language} />
    </>
  );
}
