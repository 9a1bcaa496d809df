import { describe, expect, it } from "vitest";
import { createHelixClient, csrfTokenFromCookie, HelixError, unwrap } from "../src";
import { fakeFetch, rejection } from "./fake-fetch";

const BASE = "https://helix.test";

describe("headers", () => {
  it("an app sends Accept-Language and X-Session-Token, and no cookies", async () => {
    const { fetch, sent } = fakeFetch({ status: 200, body: { email: "amal@example.org" } });
    const helix = createHelixClient({ baseUrl: BASE, language: "ar", sessionToken: "tok-1", fetch });
    expect(helix.session.client).toBe("app");
    await helix.api.GET("/api/v1/me/");
    expect(sent[0]!.url).toBe(`${BASE}/api/v1/me/`);
    expect(sent[0]!.headers.get("Accept-Language")).toBe("ar");
    expect(sent[0]!.headers.get("X-Session-Token")).toBe("tok-1");
    expect(sent[0]!.headers.get("X-CSRFToken")).toBeNull();
    expect(sent[0]!.credentials).toBe("omit");
  });

  it("an app without a token yet sends none", async () => {
    const { fetch, sent } = fakeFetch({ status: 200, body: [] });
    const helix = createHelixClient({ baseUrl: BASE, language: "nl", client: "app", fetch });
    await helix.api.GET("/api/v1/sectors/");
    expect(sent[0]!.headers.has("X-Session-Token")).toBe(false);
  });

  it("a browser sends cookies, and the CSRF token on writes only", async () => {
    const { fetch, sent } = fakeFetch({ status: 200, body: {} }, { status: 201, body: {} });
    const helix = createHelixClient({ baseUrl: BASE, language: "en", fetch, csrfToken: () => "csrf-1" });
    expect(helix.session.client).toBe("browser");
    await helix.api.GET("/api/v1/me/");
    await helix.api.POST("/api/v1/me/consents/", { body: { purpose: "newsletter" } });
    expect(sent.map((s) => s.credentials)).toEqual(["include", "include"]);
    expect(sent[0]!.headers.get("X-CSRFToken")).toBeNull();
    expect(sent[1]!.headers.get("X-CSRFToken")).toBe("csrf-1");
    expect(sent[1]!.headers.has("X-Session-Token")).toBe(false);
    expect(sent[1]!.body).toEqual({ purpose: "newsletter" });
  });

  it("the language and the project can change between calls", async () => {
    const { fetch, sent } = fakeFetch({ status: 200, body: {} }, { status: 200, body: {} });
    const helix = createHelixClient({ baseUrl: BASE, language: "en", project: "welkom", fetch });
    await helix.api.GET("/api/v1/plugins/");
    helix.language = "nl";
    helix.project = undefined;
    await helix.api.GET("/api/v1/plugins/");
    expect(sent[0]!.headers.get("X-Helix-Project")).toBe("welkom");
    expect(sent[1]!.headers.get("Accept-Language")).toBe("nl");
    expect(sent[1]!.headers.has("X-Helix-Project")).toBe(false);
  });

  it("reads the csrftoken cookie", () => {
    expect(csrfTokenFromCookie("sessionid=x; csrftoken=abc%3D; other=1")).toBe("abc=");
    expect(csrfTokenFromCookie("sessionid=x")).toBeNull();
  });
});

describe("errors", () => {
  it("an error answer throws HelixError with its stable code, message and fields", async () => {
    const { fetch } = fakeFetch({
      status: 400,
      body: {
        error: {
          code: "validation_error",
          message: "Some fields are not valid.",
          fields: { first_name: ["Too long."], talent_profile: { sectors: ["Unknown sector: nope."] } },
        },
      },
    });
    const helix = createHelixClient({ baseUrl: BASE, language: "en", fetch, csrfToken: () => "c" });
    const error = await rejection<HelixError>(helix.api.PATCH("/api/v1/me/", { body: { first_name: "x".repeat(200) } }));
    expect(error).toBeInstanceOf(HelixError);
    expect(error.status).toBe(400);
    expect(error.code).toBe("validation_error");
    expect(error.message).toBe("Some fields are not valid.");
    expect(error.fields).toEqual({ first_name: ["Too long."], talent_profile: { sectors: ["Unknown sector: nope."] } });
    expect(HelixError.is(error, "validation_error")).toBe(true);
    expect(HelixError.is(error, "not_found")).toBe(false);
  });

  it("carries retry_after and available_locales", async () => {
    const { fetch } = fakeFetch(
      { status: 429, body: { error: { code: "throttled", message: "Slow down.", fields: {}, retry_after: 12 } } },
      {
        status: 404,
        body: {
          error: { code: "translation_missing", message: "Not in Arabic.", fields: {}, available_locales: ["en", "nl"] },
        },
      },
    );
    const helix = createHelixClient({ baseUrl: BASE, language: "ar", fetch });
    const throttled = await rejection<HelixError>(helix.api.GET("/api/v1/sectors/"));
    expect([throttled.code, throttled.retryAfter]).toEqual(["throttled", 12]);
    const missing = await rejection<HelixError>(helix.api.GET("/api/v1/pages/{id}/", { params: { path: { id: 3 } } }));
    expect([missing.code, missing.status, missing.availableLocales]).toEqual(["translation_missing", 404, ["en", "nl"]]);
  });

  it("a code the client does not know, and an HTML 500 page, still give a HelixError", async () => {
    const { fetch } = fakeFetch(
      { status: 409, body: { error: { code: "buddy_busy", message: "Busy.", fields: {} } } },
      { status: 500, text: "<h1>Server Error (500)</h1>" },
    );
    const helix = createHelixClient({ baseUrl: BASE, language: "en", fetch });
    const unknown = await rejection<HelixError>(helix.api.GET("/api/v1/me/"));
    expect([unknown.code, unknown.body?.code, unknown.message]).toEqual(["unknown_code", "buddy_busy", "Busy."]);
    const html = await rejection<HelixError>(helix.api.GET("/api/v1/me/"));
    expect([html.code, html.status]).toEqual(["unexpected_response", 500]);
  });

  it("no answer at all gives a HelixError with status 0", async () => {
    const helix = createHelixClient({
      baseUrl: BASE,
      language: "en",
      fetch: () => Promise.reject(new TypeError("Failed to fetch")),
    });
    const error = await rejection<HelixError>(helix.api.GET("/api/v1/me/"));
    expect([error.code, error.status, error.message]).toEqual(["unexpected_response", 0, "Failed to fetch"]);
  });

  it("a 304 of a conditional GET is no error, and unwrap gives the data", async () => {
    const { fetch } = fakeFetch({ status: 304 }, { status: 200, body: [{ slug: "care", name: "Care" }] });
    const helix = createHelixClient({ baseUrl: BASE, language: "en", fetch });
    const notModified = await helix.api.GET("/api/v1/pages/{id}/", {
      params: { path: { id: 3 } },
      headers: { "If-None-Match": '"abc"' },
    });
    expect(notModified.response.status).toBe(304);
    const sectors = unwrap(await helix.api.GET("/api/v1/sectors/"));
    expect(sectors[0]?.slug).toBe("care");
  });
});
