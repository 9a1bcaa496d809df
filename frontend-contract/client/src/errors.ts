/**
 * The one error shape of /api/v1 (`{"error": {"code", "message", "fields"}}`) as a type, its
 * stable codes as a string-literal union, and HelixError, which the client throws for every
 * error answer.
 */
import type { components } from "./generated/api";

/**
 * Every stable `code` of /api/v1, from api/errors.py, cms/errors.py and the raising code
 * (see docs/frontend.md, "Errors", and each plugin's "Errors of the ... API").
 * test/errors.test.ts checks this list against src/generated/error-codes.json, which
 * `npm run codes` reads from the Python sources.
 */
export const HELIX_ERROR_CODES = [
  // every endpoint (api/errors.py, api/parsers.py, DRF)
  "validation_error",
  "invalid_parameter",
  "parse_error",
  "request_too_large",
  "not_authenticated",
  "authentication_failed",
  "permission_denied",
  "not_found",
  "method_not_allowed",
  "not_acceptable",
  "unsupported_media_type",
  "throttled",
  // accounts, roles and capabilities
  "account_not_approved",
  "approval_not_needed",
  "role_not_allowed",
  "mfa_required",
  "needs_second_factor",
  "capability_missing",
  "capability_refused",
  "capability_locked",
  "unknown_capability",
  "unknown_role",
  "own_account",
  "account_erased",
  "confirmation_mismatch",
  // uploads
  "unsupported_file_type",
  "file_too_large",
  "damaged_file",
  "file_unsafe",
  // projects, plugins and state
  "invalid_state",
  "already_member",
  "plugin_required",
  "plugin_requirement_off",
  // information pages and the FAQ
  "translation_missing",
  "answer_required",
  "token_required", // the editor's preview without its token (expired_token, invalid_token below)
  // posts
  "not_a_talent",
  "already_suggested",
  "reason_required",
  "consent_required",
  "post_not_available",
  "newsletter_incomplete",
  "login_required",
  "expired_token",
  "invalid_token",
  // mentoring and messaging
  "capacity_reached",
  "already_matched",
  "not_in_your_projects",
  "wrong_role",
  "invalid_kind",
  "not_accepting_mentees",
  "organisation_not_approved",
  "request_open",
  "not_in_match",
  "match_required",
  "match_not_active",
  "not_a_group",
  "not_connected",
  "blocked",
  "you_blocked",
  "thread_closed",
  "wrong_message",
  "no_sender",
  "feedback_given",
  "starts_in_past",
  "ends_before_start",
  // networking
  "unknown_step",
  "date_in_past",
  "date_out_of_range",
  "goal_not_in_plan",
  "mentor_only",
  "empty_text",
  "too_many_entries",
  "invalid_status",
  // employers
  "contact_first",
  "contact_accepted",
  "not_declined",
] as const;

/** A stable error code of /api/v1. */
export type HelixErrorCode = (typeof HELIX_ERROR_CODES)[number];

/**
 * Codes the client gives when the answer is not one of Helix's error answers:
 * - `unexpected_response`: not JSON in the error shape (a 500 page, a proxy's 502, a CSRF HTML page);
 * - `unknown_code`: the error shape with a code this client does not know (a partner's plugin, or
 *   a newer server); the server's code is in `body.code`.
 */
export type ClientErrorCode = "unexpected_response" | "unknown_code";

/** The inside of an error answer, as the contract describes it (components.schemas.ErrorDetail). */
export type ErrorDetail = components["schemas"]["ErrorDetail"];

/** An error answer of /api/v1, with its code narrowed to the stable codes. */
export type ErrorBody = { error: Omit<ErrorDetail, "code"> & { code: HelixErrorCode } };

/** Nested per-field messages of a `validation_error` (and the upload codes, under `file`). */
export type FieldErrors = { [field: string]: string[] | FieldErrors };

const KNOWN: ReadonlySet<string> = new Set(HELIX_ERROR_CODES);

/** Whether `code` is one of Helix's stable error codes. */
export function isHelixErrorCode(code: unknown): code is HelixErrorCode {
  return typeof code === "string" && KNOWN.has(code);
}

/** An error answer of the Helix API. Write logic against `code`; show `message`. */
export class HelixError extends Error {
  override readonly name = "HelixError";
  /** The HTTP status (0 when no answer came). */
  readonly status: number;
  readonly code: HelixErrorCode | ClientErrorCode;
  /** Each invalid field's messages; `{}` when the error is not about fields. */
  readonly fields: FieldErrors;
  /** With `throttled`: seconds to wait. */
  readonly retryAfter?: number;
  /** With `translation_missing`: the languages the page exists in. */
  readonly availableLocales?: string[];
  /** The parsed error detail as the server sent it, when it sent one. */
  readonly body?: ErrorDetail;

  constructor(init: {
    status: number;
    code: HelixErrorCode | ClientErrorCode;
    message: string;
    fields?: FieldErrors;
    body?: ErrorDetail;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
    this.body = init.body;
    this.retryAfter = init.body?.retry_after;
    this.availableLocales = init.body?.available_locales;
  }

  /** Whether this is the error with that code: `if (HelixError.is(e, "translation_missing"))`. */
  static is<C extends HelixErrorCode | ClientErrorCode>(
    error: unknown,
    code?: C,
  ): error is HelixError & { code: C } {
    return error instanceof HelixError && (code === undefined || error.code === code);
  }
}

function isErrorDetail(value: unknown): value is ErrorDetail {
  if (typeof value !== "object" || value === null) return false;
  const detail = value as Record<string, unknown>;
  return typeof detail.code === "string" && typeof detail.message === "string";
}

/** The HelixError for an answer that is not 2xx. Reads the body, so pass a response you own. */
export async function toHelixError(response: Response): Promise<HelixError> {
  const text = await response.text().catch(() => "");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const detail = (parsed as { error?: unknown } | undefined)?.error;
  if (!isErrorDetail(detail)) {
    return new HelixError({
      status: response.status,
      code: "unexpected_response",
      message: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`,
    });
  }
  return new HelixError({
    status: response.status,
    code: isHelixErrorCode(detail.code) ? detail.code : "unknown_code",
    message: detail.message,
    fields: (detail.fields ?? {}) as FieldErrors,
    body: detail,
  });
}
