/**
 * What the screens of "my space" share, for every role: which plugins are on (one
 * /api/v1/plugins/ call per page load), who is signed in and what they may do (one /api/v1/me/
 * call per account), the screens' frame (heading focused on arrival, the "my space" menu with
 * only the links of the person's role, capabilities and enabled features) and a loader that runs
 * one call per list.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { HelixError, type ApiComponents } from "@helix/client";
import { Heading } from "../account/form";
import { useAccount } from "../account/session";
import { helix } from "../api";
import { useLang, type Lang } from "../i18n";
import { NAV_LINKS } from "./nav";
import { fill, useConnectStrings } from "./strings";

/** The plugins a screen belongs to. */
export type Feature = "posts" | "mentoring" | "messaging" | "networking" | "employers" | "journey";
export type Me = ApiComponents["schemas"]["Me"];
export type Role = Me["role"];

/**
 * A link of the "my space" menu. Shown when its plugin is on, the person has one of its roles
 * and holds its capability (`/api/v1/me/`'s `capabilities`: a hint for the interface; the server
 * decides). Each area (talent, mentor, employer, organisation) declares its own links.
 */
export type NavLink = {
  path: string;
  label: Record<Lang, string>;
  feature?: Feature;
  roles?: Role[];
  capability?: string;
};

/** A menu label in the three languages, from an area's strings (`{ en, nl, ar }`). */
export function labelOf<S extends Record<string, unknown>>(strings: Record<Lang, S>, key: keyof S): NavLink["label"] {
  return { en: String(strings.en[key]), nl: String(strings.nl[key]), ar: String(strings.ar[key]) };
}

let meCache: { email?: string; answer: Promise<Me> } | null = null;

/** The signed-in person's account (role, capabilities, profile), asked once per account. */
export function loadMe(email?: string): Promise<Me> {
  if (!meCache || meCache.email !== email) {
    const answer = helix.api.GET("/api/v1/me/").then(({ data }) => data!);
    answer.catch(() => {
      meCache = null;
    });
    meCache = { email, answer };
  }
  return meCache.answer;
}

/** Forget the cached account (after the profile changed). */
export function forgetMe(): void {
  meCache = null;
}

/** The signed-in person's account (null while it is asked or when nobody is signed in), or the
 * error that kept it from coming. */
export function useMeAnswer(): { me: Me | null; error: unknown } {
  const account = useAccount();
  const [answer, setAnswer] = useState<{ me: Me | null; error: unknown }>({ me: null, error: null });
  useEffect(() => {
    if (!account.signedIn) {
      setAnswer({ me: null, error: null });
      return;
    }
    let live = true;
    loadMe(account.email).then(
      (me) => live && setAnswer({ me, error: null }),
      (error) => live && setAnswer({ me: null, error }),
    );
    return () => {
      live = false;
    };
  }, [account.signedIn, account.email]);
  return answer;
}

/** The signed-in person's account, or null while it is asked or when nobody is signed in. */
export function useMe(): Me | null {
  return useMeAnswer().me;
}

/** Whether a link (or a screen) is for this person in these plugins. */
export function allowed(link: Omit<NavLink, "path" | "label">, plugins: Set<string>, me: Me): boolean {
  if (link.feature && !plugins.has(link.feature)) return false;
  if (link.roles && !link.roles.includes(me.role)) return false;
  return !link.capability || (me.capabilities ?? []).includes(link.capability);
}

let enabledPlugins: Promise<Set<string>> | null = null;

/** The ids of the plugins enabled in this project, asked once. */
export function loadPlugins(): Promise<Set<string>> {
  enabledPlugins ??= helix.api
    .GET("/api/v1/plugins/")
    .then(({ data }) => new Set((data?.plugins ?? []).filter((p) => p.enabled).map((p) => p.id)))
    .catch((error) => {
      enabledPlugins = null;
      throw error;
    });
  return enabledPlugins;
}

/** The enabled plugins, or null while they are being asked. */
export function usePlugins(): Set<string> | null {
  const [plugins, setPlugins] = useState<Set<string> | null>(null);
  useEffect(() => {
    loadPlugins().then(setPlugins, () => setPlugins(new Set()));
  }, []);
  return plugins;
}

/** A call's answer, its error, and a way to run it again. `deps` re-run it. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, round]);
  return { ...state, reload: () => setRound((n) => n + 1), set: (data: T) => setState({ data, loading: false }) };
}

/** The server's message for an error (already in the user's language). */
export function messageOf(error: unknown): string {
  if (error instanceof HelixError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" class="connect-error">
      {messageOf(error)}
    </p>
  );
}

function ConnectNav({ current, plugins, me }: { current: string; plugins: Set<string>; me: Me }) {
  const s = useConnectStrings();
  const language = useLang();
  return (
    <nav class="connect-nav" aria-label={s.navLabel}>
      <ul>
        {NAV_LINKS.filter((link) => allowed(link, plugins, me)).map((link) => (
          <li key={link.path}>
            <a href={link.path} aria-current={link.path === current ? "page" : undefined}>
              {link.label[language]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

type ScreenProps = {
  title: string;
  path: string;
  /** The plugin the screen needs; without it the screen says nothing is here. */
  feature?: Feature;
  /** The roles the screen is for; others are told it is not for them. */
  roles?: Role[];
  children: (plugins: Set<string>, me: Me) => ComponentChildren;
};

/** A talent screen: shown to a signed-in user once the plugins are known. */
export function Screen({ title, path, feature, roles, children }: ScreenProps) {
  const s = useConnectStrings();
  const language = useLang();
  const account = useAccount();
  const plugins = usePlugins();
  const { me, error } = useMeAnswer();
  let body: ComponentChildren;
  if (account.signedIn && error) body = <ErrorNote error={error} />;
  else if (!account.checked || (account.signedIn && (!plugins || !me))) body = <p role="status">{s.loading}</p>;
  else if (!account.signedIn)
    body = (
      <p>
        {s.signInFirst} <a href="/account/login">{s.login}</a>
      </p>
    );
  else if (feature && !plugins!.has(feature)) body = <p>{s.featureOff}</p>;
  else if (roles && !roles.includes(me!.role)) body = <p>{s.notForRole}</p>;
  else body = children(plugins!, me!);
  return (
    <div class="connect" lang={language}>
      <Heading>{title}</Heading>
      {account.signedIn && plugins && me ? <ConnectNav current={path} plugins={plugins} me={me} /> : null}
      {body}
    </div>
  );
}

/**
 * One post per translation group (`translation_key`): the one in `language` when there is one,
 * else the first met. For summaries, where a post written in three languages is one offer.
 */
export function oneTranslationEach<T extends { translation_key: string; locale?: string }>(posts: T[], language: string): T[] {
  const chosen = new Map<string, T>();
  for (const post of posts) {
    const held = chosen.get(post.translation_key);
    if (!held || (held.locale !== language && post.locale === language)) chosen.set(post.translation_key, post);
  }
  return [...chosen.values()];
}

/** Every page of a paginated list's first page (one call). */
export const PAGE_SIZE = 20;

/** The longest list a screen shows in full (ten calls of a hundred). */
export const LIST_LIMIT = 1000;

/**
 * Every item of a paginated list, a hundred per call (one call per hundred items, never one per
 * row), up to `limit`: for lists a person keeps whole on one screen (saved posts, conversations,
 * mentees, meetings), which would otherwise stop at the first hundred.
 */
export async function allPages<P extends { results: readonly unknown[]; next?: string | null }>(
  fetchPage: (page: number, pageSize: number) => Promise<P | undefined>,
  limit = LIST_LIMIT,
): Promise<P["results"][number][]> {
  const items: P["results"][number][] = [];
  for (let page = 1; items.length < limit; page++) {
    const data = await fetchPage(page, 100);
    if (!data) break;
    items.push(...data.results);
    if (!data.next) break;
  }
  return items.slice(0, limit);
}

/**
 * The heading over a list's results: "{n} found", or "more than {n}" when the API stopped counting
 * at its cap (`count_exact` false; the pages still lead on), with the number in the reader's digits.
 */
export function countLine(exact: string, more: string, page: { count: number; count_exact: boolean }, lang: Lang): string {
  return fill(page.count_exact ? exact : more, { n: page.count.toLocaleString(lang) });
}
