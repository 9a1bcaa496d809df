/**
 * Helpers for the allauth headless flows Helix uses (docs/frontend.md, "Authentication"),
 * typed on frontend-contract/allauth-openapi.yaml.
 *
 * Each helper resolves with allauth's JSON answer for the statuses that are states of a flow
 * (for example 401 with `verify_email` pending after a signup) and throws AllauthError for
 * the others (400 with `errors`, 403, 409, 410, 429). Every `meta.session_token` an app gets
 * replaces the stored one; a 410 Gone or a logout drops it.
 */
import type { Client } from "openapi-fetch";
import type { Session } from "./client";
import type { components, paths } from "./generated/allauth";

type Schemas = components["schemas"];
type Responses = components["responses"];
type Json<R extends keyof Responses> = Responses[R] extends { content: { "application/json": infer B } } ? B : never;
type JsonBody<P extends keyof paths, M extends "post" | "put" | "delete"> =
  NonNullable<paths[P][M]> extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;

/** Signed in: `data.user`, and for apps `meta.session_token`. */
export type Authenticated = Schemas["AuthenticatedResponse"];
/** Not (yet) signed in: `data.flows` says what is possible and what is pending. */
export type Unauthenticated = Schemas["AuthenticationResponse"];
/** Where a flow stands after a step. */
export type AuthState = Authenticated | Unauthenticated;
/** A flow of allauth: login, signup, verify_email, mfa_authenticate, reauthenticate, ... */
export type FlowId = Schemas["Flow"]["id"];
/** One error of a 400 answer: `{code, message, param?}`. */
export type AllauthFieldError = NonNullable<Schemas["ErrorResponse"]["errors"]>[number];

/** What signup takes: e-mail, password, role, accept_terms and Helix's optional fields. */
export type SignupInput = JsonBody<"/_allauth/{client}/v1/auth/signup", "post">;
/** The roles one can sign up with. */
export type SignupRole = SignupInput["role"];
/** What login takes: `{email, password}`. */
export type LoginInput = JsonBody<"/_allauth/{client}/v1/auth/login", "post">;

/** The TOTP state: active (with the authenticator) or not, with a secret and an otpauth:// URL to set it up. */
export type TotpState =
  | { active: true; authenticator: Schemas["TOTPAuthenticator"] }
  | { active: false; secret: string; totpUrl: string };

/** An answer of the accounts API that is not a state of the flow. */
export class AllauthError extends Error {
  override readonly name = "AllauthError";
  readonly status: number;
  /** allauth's errors (400): each with a `code`, a `message` and the `param` it is about. */
  readonly errors: AllauthFieldError[];
  /** With 401 (for example `reauthenticate` needed before activating TOTP): the flows. */
  readonly flows: Schemas["Flow"][];
  readonly body: unknown;

  constructor(status: number, body: unknown) {
    const parsed = (typeof body === "object" && body !== null ? body : {}) as {
      errors?: AllauthFieldError[];
      data?: { flows?: Schemas["Flow"][] };
    };
    const errors = Array.isArray(parsed.errors) ? parsed.errors : [];
    super(errors.map((error) => error.message).join(" ") || `HTTP ${status}`);
    this.status = status;
    this.errors = errors;
    this.flows = parsed.data?.flows ?? [];
    this.body = body;
  }

  /** Whether an error of this answer has that code (e.g. "email_password_mismatch", "incorrect_code"). */
  hasCode(code: string): boolean {
    return this.errors.some((error) => error.code === code);
  }

  /** The messages about one input (`"email"`, `"password"`, `"role"`, ...), to show next to it. */
  messagesFor(param: string): string[] {
    return this.errors.filter((error) => error.param === param).map((error) => error.message);
  }
}

/** The pending flow of a state (`verify_email`, `mfa_authenticate`, ...), if one waits for the user. */
export function pendingFlow(state: AuthState | { data?: { flows?: Schemas["Flow"][] } }): FlowId | undefined {
  const flows = (state.data as { flows?: Schemas["Flow"][] } | undefined)?.flows ?? [];
  return flows.find((flow) => flow.is_pending)?.id;
}

/** Whether a state is signed in. */
export function isAuthenticated(state: AuthState): state is Authenticated {
  return state.status === 200 && state.meta.is_authenticated === true;
}

/**
 * The key of a link from Helix's e-mails (`/account/verify-email/{key}`,
 * `/account/password/reset/key/{key}`): the last path segment, percent-decoded.
 */
export function keyFromLink(link: string): string {
  const path = new URL(link, "http://localhost").pathname.replace(/\/+$/, "");
  return decodeURIComponent(path.slice(path.lastIndexOf("/") + 1));
}

export interface Accounts {
  /** Browsers: make sure the `csrftoken` cookie exists (a GET of the config sets it). */
  ensureCsrfToken(): Promise<void>;
  config(): Promise<Json<"Configuration">>;
  /** Signed in (200) or not (401), with the flows. */
  session(): Promise<AuthState>;
  /** Sign up with a role; answers 401 with `verify_email` pending (verification is mandatory). */
  signup(input: SignupInput): Promise<AuthState>;
  /** Check a verification key without using it (the e-mail address and user). */
  emailVerificationInfo(key: string): Promise<Json<"EmailVerificationInfo">>;
  /** Verify the address; answers 401: Helix does not log in on verification. */
  verifyEmail(key: string): Promise<AuthState>;
  resendEmailVerification(): Promise<Json<"StatusOK">>;
  login(input: LoginInput): Promise<AuthState>;
  /** The second factor of a login (`mfa_authenticate` pending): a TOTP code or a recovery code. */
  authenticate2fa(code: string): Promise<AuthState>;
  /** Confirm the password again before changing factors. */
  reauthenticate(password: string): Promise<AuthState>;
  /** Confirm with a second-factor code instead of the password. */
  reauthenticate2fa(code: string): Promise<AuthState>;
  authenticators(): Promise<Json<"Authenticators">>;
  totp(): Promise<TotpState>;
  /** Activate TOTP with a code from the authenticator app (re-authenticate first). */
  activateTotp(code: string): Promise<Json<"TOTPAuthenticator">>;
  deactivateTotp(): Promise<Json<"StatusOK">>;
  recoveryCodes(): Promise<Json<"RecoveryCodes">>;
  /** A new set of recovery codes (re-authenticate first). */
  regenerateRecoveryCodes(): Promise<Json<"RecoveryCodes">>;
  /** Answers 200 whether or not the address exists. */
  requestPasswordReset(email: string): Promise<Json<"StatusOK">>;
  passwordResetInfo(key: string): Promise<Json<"PasswordResetInfo">>;
  /** Set the new password; answers 401: the person logs in with it. */
  resetPassword(key: string, password: string): Promise<AuthState>;
  changePassword(currentPassword: string, newPassword: string): Promise<Json<"StatusOK">>;
  /** End the session (answers 401) and drop an app's token. */
  logout(): Promise<AuthState>;
}

type Answer = { data?: unknown; error?: unknown; response: Response };

export function createAccounts(
  allauth: Client<paths>,
  session: Session,
  csrfToken: () => string | null | undefined,
): Accounts {
  const client = session.client;
  const path = { path: { client } } as const;

  /** Keep the token, then return the body for an accepted status or throw. */
  async function settle<T>(pending: Promise<Answer>, accepted: number[]): Promise<T> {
    const { data, error, response } = await pending;
    const body = data ?? error;
    const token = (body as { meta?: { session_token?: unknown } } | undefined)?.meta?.session_token;
    if (typeof token === "string" && token) session.setToken(token);
    if (response.status === 410) session.setToken(null);
    if (accepted.includes(response.status)) return body as T;
    throw new AllauthError(response.status, body);
  }

  const AUTH = [200, 401];

  return {
    async ensureCsrfToken() {
      if (client === "browser" && !csrfToken()) {
        await settle(allauth.GET("/_allauth/{client}/v1/config", { params: path }), [200]);
      }
    },
    config: () => settle(allauth.GET("/_allauth/{client}/v1/config", { params: path }), [200]),
    session: () => settle(allauth.GET("/_allauth/{client}/v1/auth/session", { params: path }), AUTH),
    signup: (input) =>
      settle(allauth.POST("/_allauth/{client}/v1/auth/signup", { params: path, body: input }), AUTH),
    emailVerificationInfo: (key) =>
      settle(
        allauth.GET("/_allauth/{client}/v1/auth/email/verify", {
          params: { ...path, header: { "X-Email-Verification-Key": key } },
        }),
        [200],
      ),
    verifyEmail: (key) =>
      settle(allauth.POST("/_allauth/{client}/v1/auth/email/verify", { params: path, body: { key } }), AUTH),
    resendEmailVerification: () =>
      settle(allauth.POST("/_allauth/{client}/v1/auth/email/verify/resend", { params: path }), [200]),
    login: (input) =>
      settle(allauth.POST("/_allauth/{client}/v1/auth/login", { params: path, body: input }), AUTH),
    authenticate2fa: (code) =>
      settle(allauth.POST("/_allauth/{client}/v1/auth/2fa/authenticate", { params: path, body: { code } }), AUTH),
    reauthenticate: (password) =>
      settle(allauth.POST("/_allauth/{client}/v1/auth/reauthenticate", { params: path, body: { password } }), AUTH),
    reauthenticate2fa: (code) =>
      settle(allauth.POST("/_allauth/{client}/v1/auth/2fa/reauthenticate", { params: path, body: { code } }), AUTH),
    authenticators: () =>
      settle(allauth.GET("/_allauth/{client}/v1/account/authenticators", { params: path }), [200]),
    async totp() {
      const body = await settle<Json<"TOTPAuthenticator"> | Json<"TOTPAuthenticatorNotFound">>(
        allauth.GET("/_allauth/{client}/v1/account/authenticators/totp", { params: path }),
        [200, 404],
      );
      if (body.status === 404) return { active: false, secret: body.meta.secret, totpUrl: body.meta.totp_url };
      return { active: true, authenticator: body.data };
    },
    activateTotp: (code) =>
      settle(allauth.POST("/_allauth/{client}/v1/account/authenticators/totp", { params: path, body: { code } }), [200]),
    deactivateTotp: () =>
      settle(allauth.DELETE("/_allauth/{client}/v1/account/authenticators/totp", { params: path }), [200]),
    recoveryCodes: () =>
      settle(allauth.GET("/_allauth/{client}/v1/account/authenticators/recovery-codes", { params: path }), [200]),
    regenerateRecoveryCodes: () =>
      settle(allauth.POST("/_allauth/{client}/v1/account/authenticators/recovery-codes", { params: path }), [200]),
    requestPasswordReset: (email) =>
      settle(allauth.POST("/_allauth/{client}/v1/auth/password/request", { params: path, body: { email } }), [200]),
    passwordResetInfo: (key) =>
      settle(
        allauth.GET("/_allauth/{client}/v1/auth/password/reset", {
          params: { ...path, header: { "X-Password-Reset-Key": key } },
        }),
        [200],
      ),
    resetPassword: (key, password) =>
      settle(
        allauth.POST("/_allauth/{client}/v1/auth/password/reset", { params: path, body: { key, password } }),
        AUTH,
      ),
    changePassword: (currentPassword, newPassword) =>
      settle(
        allauth.POST("/_allauth/{client}/v1/account/password/change", {
          params: path,
          body: { current_password: currentPassword, new_password: newPassword },
        }),
        [200],
      ),
    async logout() {
      const state = await settle<AuthState>(
        allauth.DELETE("/_allauth/{client}/v1/auth/session", { params: path }),
        [200, 401, 410],
      );
      session.setToken(null);
      return state;
    },
  };
}
