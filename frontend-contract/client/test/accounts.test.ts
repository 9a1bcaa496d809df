import { describe, expect, it } from "vitest";
import { AllauthError, createHelixClient, isAuthenticated, keyFromLink, pendingFlow, type SignupInput } from "../src";
import { fakeFetch, rejection } from "./fake-fetch";

const BASE = "https://helix.test";
const USER = { id: 1, display: "Amal", email: "amal@example.org", has_usable_password: true };
const flows = (...pending: string[]) => ({
  flows: [{ id: "login" }, { id: "signup" }, ...pending.map((id) => ({ id, is_pending: true }))],
});

function app(...answers: Parameters<typeof fakeFetch>) {
  const { fetch, sent } = fakeFetch(...answers);
  const stored: Array<string | null> = [];
  const helix = createHelixClient({
    baseUrl: BASE,
    language: "nl",
    client: "app",
    fetch,
    onSessionToken: (token) => stored.push(token),
  });
  return { helix, sent, stored };
}

describe("the app's flows", () => {
  it("signs up with a role: 401 with verify_email pending, and keeps the first token", async () => {
    const { helix, sent, stored } = app({
      status: 401,
      body: { status: 401, data: flows("verify_email"), meta: { is_authenticated: false, session_token: "t1" } },
    });
    const input: SignupInput = {
      email: "amal@example.org",
      password: "a-long-passphrase-2026",
      role: "talent",
      accept_terms: true,
      preferred_language: "ar",
    };
    const state = await helix.accounts.signup(input);
    expect([sent[0]!.method, sent[0]!.url]).toEqual(["POST", `${BASE}/_allauth/app/v1/auth/signup`]);
    expect(sent[0]!.body).toEqual(input);
    expect(sent[0]!.headers.get("Accept-Language")).toBe("nl");
    expect(pendingFlow(state)).toBe("verify_email");
    expect(isAuthenticated(state)).toBe(false);
    expect(helix.session.token).toBe("t1");
    expect(stored).toEqual(["t1"]);
  });

  it("the role is typed on the contract", () => {
    const input: SignupInput = {
      email: "a@example.org",
      password: "x",
      // @ts-expect-error admin cannot be chosen at signup
      role: "admin",
      accept_terms: true,
    };
    expect(input.role).toBe("admin");
  });

  it("verifies by key: the GET sends the key as a header, the POST in the body", async () => {
    const { helix, sent } = app(
      { status: 200, body: { status: 200, data: { email: "amal@example.org", user: USER }, meta: { is_authenticating: false } } },
      { status: 401, body: { status: 401, data: flows(), meta: { is_authenticated: false } } },
    );
    const key = keyFromLink("http://127.0.0.1:8000/account/verify-email/MQ%3A1u2v3w%3Aabc/");
    expect(key).toBe("MQ:1u2v3w:abc");
    await helix.accounts.emailVerificationInfo(key);
    const state = await helix.accounts.verifyEmail(key);
    expect([sent[0]!.method, sent[0]!.url]).toEqual(["GET", `${BASE}/_allauth/app/v1/auth/email/verify`]);
    expect(sent[0]!.headers.get("X-Email-Verification-Key")).toBe(key);
    expect([sent[1]!.method, sent[1]!.body]).toEqual(["POST", { key }]);
    expect(state.status).toBe(401);
  });

  it("logs in with a second factor: the token after the code replaces the first and is sent", async () => {
    const { helix, sent, stored } = app(
      {
        status: 401,
        body: {
          status: 401,
          data: { flows: [{ id: "mfa_authenticate", is_pending: true, types: ["recovery_codes", "totp"] }] },
          meta: { is_authenticated: false, session_token: "t1" },
        },
      },
      {
        status: 200,
        body: {
          status: 200,
          data: { user: USER, methods: [] },
          meta: { is_authenticated: true, session_token: "t2" },
        },
      },
      { status: 200, body: { email: "amal@example.org" } },
    );
    const first = await helix.accounts.login({ email: "amal@example.org", password: "pw" });
    expect(pendingFlow(first)).toBe("mfa_authenticate");
    const second = await helix.accounts.authenticate2fa("123456");
    expect(isAuthenticated(second)).toBe(true);
    await helix.api.GET("/api/v1/me/");
    expect(sent.map((s) => s.url)).toEqual([
      `${BASE}/_allauth/app/v1/auth/login`,
      `${BASE}/_allauth/app/v1/auth/2fa/authenticate`,
      `${BASE}/api/v1/me/`,
    ]);
    expect(sent[0]!.body).toEqual({ email: "amal@example.org", password: "pw" });
    expect(sent[1]!.body).toEqual({ code: "123456" });
    expect(sent[1]!.headers.get("X-Session-Token")).toBe("t1");
    expect(sent[2]!.headers.get("X-Session-Token")).toBe("t2");
    expect(stored).toEqual(["t1", "t2"]);
  });

  it("a wrong password throws AllauthError with allauth's code", async () => {
    const { helix } = app({
      status: 400,
      body: { status: 400, errors: [{ code: "email_password_mismatch", message: "Wrong e-mail or password.", param: "password" }] },
    });
    const error = await rejection<AllauthError>(helix.accounts.login({ email: "a@example.org", password: "no" }));
    expect(error).toBeInstanceOf(AllauthError);
    expect([error.status, error.hasCode("email_password_mismatch")]).toEqual([400, true]);
    expect(error.messagesFor("password")).toEqual(["Wrong e-mail or password."]);
  });

  it("sets up TOTP: secret, re-authentication, activation, recovery codes", async () => {
    const { helix, sent } = app(
      { status: 404, body: { status: 404, meta: { secret: "J4ZK", totp_url: "otpauth://totp/Helix:amal?secret=J4ZK" } } },
      { status: 200, body: { status: 200, data: { user: USER, methods: [] }, meta: { is_authenticated: true } } },
      { status: 200, body: { status: 200, data: { type: "totp", created_at: 1, last_used_at: null } } },
      { status: 200, body: { status: 200, data: { type: "recovery_codes", total_code_count: 10, unused_code_count: 10, unused_codes: ["a"] } } },
      { status: 200, body: { status: 200, data: { type: "recovery_codes", total_code_count: 10, unused_code_count: 10, unused_codes: ["b"] } } },
    );
    const totp = await helix.accounts.totp();
    expect(totp).toEqual({ active: false, secret: "J4ZK", totpUrl: "otpauth://totp/Helix:amal?secret=J4ZK" });
    await helix.accounts.reauthenticate("pw");
    const active = await helix.accounts.activateTotp("654321");
    expect(active.data.type).toBe("totp");
    const codes = await helix.accounts.recoveryCodes();
    expect(codes.data.unused_codes).toEqual(["a"]);
    await helix.accounts.regenerateRecoveryCodes();
    expect(sent.map((s) => `${s.method} ${s.url.replace(BASE, "")}`)).toEqual([
      "GET /_allauth/app/v1/account/authenticators/totp",
      "POST /_allauth/app/v1/auth/reauthenticate",
      "POST /_allauth/app/v1/account/authenticators/totp",
      "GET /_allauth/app/v1/account/authenticators/recovery-codes",
      "POST /_allauth/app/v1/account/authenticators/recovery-codes",
    ]);
    expect(sent[1]!.body).toEqual({ password: "pw" });
    expect(sent[2]!.body).toEqual({ code: "654321" });
  });

  it("activating TOTP without re-authentication throws with the reauthenticate flow", async () => {
    const { helix } = app({
      status: 401,
      body: { status: 401, data: { flows: [{ id: "reauthenticate" }] }, meta: { is_authenticated: true } },
    });
    const error = await rejection<AllauthError>(helix.accounts.activateTotp("1"));
    expect([error.status, error.flows.map((f) => f.id)]).toEqual([401, ["reauthenticate"]]);
  });

  it("resets a password: request, check the key, set the new one", async () => {
    const { helix, sent } = app(
      { status: 200, body: { status: 200 } },
      { status: 200, body: { status: 200, data: { user: USER } } },
      { status: 401, body: { status: 401, data: flows(), meta: { is_authenticated: false } } },
    );
    await helix.accounts.requestPasswordReset("amal@example.org");
    const key = keyFromLink("https://site.test/account/password/reset/key/2j-c4y%3Aabc");
    await helix.accounts.passwordResetInfo(key);
    const state = await helix.accounts.resetPassword(key, "new-passphrase-2026");
    expect(sent[0]!.url).toBe(`${BASE}/_allauth/app/v1/auth/password/request`);
    expect(sent[0]!.body).toEqual({ email: "amal@example.org" });
    expect([sent[1]!.method, sent[1]!.headers.get("X-Password-Reset-Key")]).toEqual(["GET", "2j-c4y:abc"]);
    expect([sent[2]!.method, sent[2]!.url, sent[2]!.body]).toEqual([
      "POST",
      `${BASE}/_allauth/app/v1/auth/password/reset`,
      { key: "2j-c4y:abc", password: "new-passphrase-2026" },
    ]);
    expect(state.status).toBe(401);
  });

  it("logs out: DELETE the session and drop the token", async () => {
    const { fetch, sent } = fakeFetch({ status: 401, body: { status: 401, data: flows(), meta: { is_authenticated: false } } });
    const helix = createHelixClient({ baseUrl: BASE, language: "en", sessionToken: "t2", fetch });
    await helix.accounts.logout();
    expect([sent[0]!.method, sent[0]!.url, sent[0]!.headers.get("X-Session-Token")]).toEqual([
      "DELETE",
      `${BASE}/_allauth/app/v1/auth/session`,
      "t2",
    ]);
    expect(helix.session.token).toBeNull();
  });

  it("a 410 Gone drops the token", async () => {
    const { helix } = app({ status: 410, body: { status: 410, data: {}, meta: { is_authenticated: false } } });
    helix.session.setToken("old");
    await expect(helix.accounts.session()).rejects.toBeInstanceOf(AllauthError);
    expect(helix.session.token).toBeNull();
  });
});

describe("the browser's flows", () => {
  it("uses /_allauth/browser/v1, cookies and X-CSRFToken, and fetches the cookie when missing", async () => {
    let cookie: string | null = null;
    const { fetch, sent } = fakeFetch(
      { status: 200, body: { status: 200, data: {} } },
      { status: 200, body: { status: 200, data: { user: USER, methods: [] }, meta: { is_authenticated: true } } },
    );
    const helix = createHelixClient({ baseUrl: BASE, language: "en", fetch, csrfToken: () => cookie });
    await helix.accounts.ensureCsrfToken();
    cookie = "csrf-1"; // the GET of the config set the cookie
    await helix.accounts.ensureCsrfToken(); // nothing to do now
    await helix.accounts.login({ email: "amal@example.org", password: "pw" });
    expect(sent.map((s) => `${s.method} ${s.url.replace(BASE, "")}`)).toEqual([
      "GET /_allauth/browser/v1/config",
      "POST /_allauth/browser/v1/auth/login",
    ]);
    expect(sent[1]!.headers.get("X-CSRFToken")).toBe("csrf-1");
    expect(sent[1]!.credentials).toBe("include");
    expect(sent[1]!.headers.has("X-Session-Token")).toBe(false);
    expect(helix.session.token).toBeNull();
  });
});
