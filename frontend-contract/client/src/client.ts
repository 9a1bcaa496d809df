/**
 * createHelixClient: one object for /api/v1 (typed on openapi.yaml) and the accounts API
 * (typed on allauth-openapi.yaml), sending the language, the project and the credentials
 * the way docs/frontend.md describes for apps and browsers.
 */
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { createAccounts, type Accounts } from "./accounts";
import { HelixError, toHelixError } from "./errors";
import type { paths as AllauthPaths } from "./generated/allauth";
import type { components, paths as ApiPaths } from "./generated/api";

/** A language Helix speaks. */
export type Language = components["schemas"]["LanguageEnum"];

/**
 * How the session travels: `app` sends `X-Session-Token` and no cookies; `browser` sends the
 * session cookie and, on writes, the `csrftoken` cookie's value as `X-CSRFToken`.
 */
export type ClientKind = "app" | "browser";

export interface HelixClientOptions {
  /** The site's origin, e.g. `https://helix.example.org` (or `""` in a browser on the same origin). */
  baseUrl: string;
  /** Sent as `Accept-Language`: the language of messages, labels and reference data. */
  language: Language;
  /** `app` or `browser`; `app` when a `sessionToken` is given, else `browser`. */
  client?: ClientKind;
  /** An app's stored session token, if it has one. */
  sessionToken?: string | null;
  /** Called whenever the app's session token changes (a new one, or `null` when it ended): persist it. */
  onSessionToken?: (token: string | null) => void;
  /** The project slug, sent as `X-Helix-Project` (without it: the default project). */
  project?: string;
  /** The fetch to use (default: `globalThis.fetch`); tests pass a fake one. */
  fetch?: (request: Request) => Promise<Response>;
  /** Browsers: where the CSRF token comes from (default: the `csrftoken` cookie of `document.cookie`). */
  csrfToken?: () => string | null | undefined;
}

/** The session: an app's token, or nothing to hold for a browser (the cookie does it). */
export interface Session {
  readonly client: ClientKind;
  /** The app's current session token (`null` when none, always `null` for browsers). */
  readonly token: string | null;
  /** Replace the token (as every allauth answer with `meta.session_token` does), or drop it with `null`. */
  setToken(token: string | null): void;
}

export interface HelixClient {
  /** The typed client of /api/v1: `await helix.api.GET("/api/v1/me/")`. Error answers throw HelixError. */
  readonly api: Client<ApiPaths>;
  /** The typed client of the accounts API, for what the `accounts` helpers do not cover. */
  readonly allauth: Client<AllauthPaths>;
  /** The allauth headless flows: signup, verification, login, second factor, reset, logout. */
  readonly accounts: Accounts;
  readonly session: Session;
  /** The language sent from now on. */
  language: Language;
  /** The project sent from now on (`undefined`: the default project). */
  project: string | undefined;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

/** The value of the `csrftoken` cookie, in a browser. */
export function csrfTokenFromCookie(cookie?: string): string | null {
  const source = cookie ?? (globalThis as { document?: { cookie?: string } }).document?.cookie ?? "";
  for (const part of source.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === "csrftoken") return decodeURIComponent(rest.join("="));
  }
  return null;
}

/** Create the client. Nothing is requested until a method is called. */
export function createHelixClient(options: HelixClientOptions): HelixClient {
  const kind: ClientKind = options.client ?? (options.sessionToken != null ? "app" : "browser");
  const csrfToken = options.csrfToken ?? (() => csrfTokenFromCookie());
  let token: string | null = kind === "app" ? (options.sessionToken ?? null) : null;

  const session: Session = {
    client: kind,
    get token() {
      return token;
    },
    setToken(next) {
      if (kind !== "app" || next === token) return;
      token = next;
      options.onSessionToken?.(next);
    },
  };

  const state = { language: options.language, project: options.project };

  const credentials: Middleware = {
    onRequest({ request }) {
      request.headers.set("Accept-Language", state.language);
      if (state.project) request.headers.set("X-Helix-Project", state.project);
      if (kind === "app") {
        if (token) request.headers.set("X-Session-Token", token);
      } else if (!SAFE_METHODS.has(request.method)) {
        const csrf = csrfToken();
        if (csrf) request.headers.set("X-CSRFToken", csrf);
      }
      return request;
    },
  };

  const throwErrors: Middleware = {
    async onResponse({ response }) {
      // 304 (a conditional GET of the pages API) is not an error.
      if (response.status >= 400) throw await toHelixError(response);
      return undefined;
    },
    onError({ error }) {
      if (error instanceof HelixError) return error;
      return new HelixError({
        status: 0,
        code: "unexpected_response",
        message: error instanceof Error ? error.message : String(error),
      });
    },
  };

  const shared = {
    baseUrl: options.baseUrl.replace(/\/$/, ""),
    // Apps send no cookies: a session cookie would make /api/v1 ask for CSRF on writes.
    credentials: kind === "browser" ? ("include" as const) : ("omit" as const),
    // Looked up at call time, so a test or a polyfill can replace globalThis.fetch later.
    fetch: options.fetch ?? ((request: Request) => globalThis.fetch(request)),
  };
  const api = createClient<ApiPaths>(shared);
  api.use(credentials, throwErrors);
  const allauth = createClient<AllauthPaths>(shared);
  allauth.use(credentials);

  return {
    api,
    allauth,
    accounts: createAccounts(allauth, session, csrfToken),
    session,
    get language() {
      return state.language;
    },
    set language(language: Language) {
      state.language = language;
    },
    get project() {
      return state.project;
    },
    set project(project: string | undefined) {
      state.project = project;
    },
  };
}

/**
 * The data of an openapi-fetch answer. The Helix client throws HelixError for error answers,
 * so this only narrows the type: `const me = unwrap(await helix.api.GET("/api/v1/me/"))`.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.response.status >= 400) {
    throw new HelixError({
      status: result.response.status,
      code: "unexpected_response",
      message: `HTTP ${result.response.status}`,
    });
  }
  return result.data as T;
}
