/**
 * What the talent's screens share: which plugins are on (one /api/v1/plugins/ call per page
 * load), who is signed in, the screens' frame (heading focused on arrival, the "my space" menu
 * with only the enabled features) and a loader that runs one call per list.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { HelixError } from "@helix/client";
import { Heading } from "../account/form";
import { useAccount } from "../account/session";
import { helix } from "../api";
import { useLang } from "../i18n";
import { useConnectStrings } from "./strings";

/** The plugins a screen belongs to. */
export type Feature = "posts" | "mentoring" | "messaging";

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

const LINKS: { path: string; key: "home" | "posts" | "saved" | "mentor" | "meetings" | "messages"; feature?: Feature }[] = [
  { path: "/me/home", key: "home" },
  { path: "/me/posts", key: "posts", feature: "posts" },
  { path: "/me/posts/saved", key: "saved", feature: "posts" },
  { path: "/me/mentor", key: "mentor", feature: "mentoring" },
  { path: "/me/meetings", key: "meetings", feature: "mentoring" },
  { path: "/me/messages", key: "messages", feature: "messaging" },
];

function ConnectNav({ current, plugins }: { current: string; plugins: Set<string> }) {
  const s = useConnectStrings();
  return (
    <nav class="connect-nav" aria-label={s.navLabel}>
      <ul>
        {LINKS.filter((link) => !link.feature || plugins.has(link.feature)).map((link) => (
          <li key={link.path}>
            <a href={link.path} aria-current={link.path === current ? "page" : undefined}>
              {s[link.key]}
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
  children: (plugins: Set<string>) => ComponentChildren;
};

/** A talent screen: shown to a signed-in user once the plugins are known. */
export function Screen({ title, path, feature, children }: ScreenProps) {
  const s = useConnectStrings();
  const language = useLang();
  const account = useAccount();
  const plugins = usePlugins();
  let body: ComponentChildren;
  if (!account.checked || (account.signedIn && !plugins)) body = <p role="status">{s.loading}</p>;
  else if (!account.signedIn)
    body = (
      <p>
        {s.signInFirst} <a href="/account/login">{s.login}</a>
      </p>
    );
  else if (feature && !plugins!.has(feature)) body = <p>{s.featureOff}</p>;
  else body = children(plugins!);
  return (
    <div class="connect" lang={language}>
      <Heading>{title}</Heading>
      {account.signedIn && plugins ? <ConnectNav current={path} plugins={plugins} /> : null}
      {body}
    </div>
  );
}

/** Every page of a paginated list's first page (one call). */
export const PAGE_SIZE = 20;
