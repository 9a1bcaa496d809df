/**
 * Writing a post, as pure logic: the form's draft and the body the posts API takes from it
 * (times from the browser's local date-time fields as ISO instants, blank optional fields left out).
 */
import type { ApiComponents } from "@helix/client";
import type { Lang } from "../i18n";

export type Post = ApiComponents["schemas"]["Post"];
export type PostRequest = ApiComponents["schemas"]["PostRequest"];
export type PostType = PostRequest["type"];
export const POST_TYPES: PostType[] = ["event", "vacancy", "study", "project", "tool"];
export const DUTCH_LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"] as const;

export type PostDraft = {
  type: PostType;
  locale: Lang;
  title: string;
  summary: string;
  link: string;
  starts_at: string;
  ends_at: string;
  city: string;
  online: boolean;
  sectors: string[];
  dutch_level: string;
};

export function emptyDraft(type: PostType, locale: Lang): PostDraft {
  return { type, locale, title: "", summary: "", link: "", starts_at: "", ends_at: "", city: "", online: false, sectors: [], dutch_level: "" };
}

/** An ISO instant as a `<input type="datetime-local">` value in the browser's time zone ("" when none). */
export function isoToLocal(value: string | null | undefined): string {
  if (!value) return "";
  const when = new Date(value);
  if (Number.isNaN(when.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}T${pad(when.getHours())}:${pad(when.getMinutes())}`;
}

/** The form's draft of an existing post, to change it. */
export function draftFrom(post: Post, fallback: Lang): PostDraft {
  return {
    type: post.type,
    locale: (post.locale ?? fallback) as Lang,
    title: post.title,
    summary: post.summary,
    link: post.link,
    starts_at: isoToLocal(post.starts_at),
    ends_at: isoToLocal(post.ends_at),
    city: post.city ?? "",
    online: !!post.online,
    sectors: [...(post.sectors ?? [])],
    dutch_level: post.dutch_level ?? "",
  };
}

/** A `<input type="datetime-local">` value ("2026-03-01T18:30", the browser's time zone) as an ISO instant; null when blank or invalid. */
export function localToIso(value: string): string | null {
  if (!value.trim()) return null;
  const when = new Date(value);
  return Number.isNaN(when.getTime()) ? null : when.toISOString();
}

/** The create call's body: required fields as typed (the server says what is missing), the rest only when filled. */
export function postBody(draft: PostDraft): PostRequest {
  const body: PostRequest = {
    type: draft.type,
    locale: draft.locale,
    title: draft.title.trim(),
    summary: draft.summary.trim(),
    link: draft.link.trim(),
  };
  const starts = localToIso(draft.starts_at);
  const ends = localToIso(draft.ends_at);
  if (starts) body.starts_at = starts;
  if (ends) body.ends_at = ends;
  if (draft.city.trim()) body.city = draft.city.trim();
  if (draft.online) body.online = true;
  if (draft.sectors.length) body.sectors = [...draft.sectors];
  if (draft.dutch_level) body.dutch_level = draft.dutch_level as PostRequest["dutch_level"];
  return body;
}

/** The change call's body: every field, a cleared one sent empty, so that clearing it takes effect. */
export function postUpdateBody(draft: PostDraft): PostRequest {
  return {
    ...postBody(draft),
    starts_at: localToIso(draft.starts_at),
    ends_at: localToIso(draft.ends_at),
    city: draft.city.trim(),
    online: draft.online,
    sectors: [...draft.sectors],
    dutch_level: draft.dutch_level as PostRequest["dutch_level"],
  };
}

/** Which fields the form shows for a type: when and where for events, an end date for the rest. */
export function fieldsFor(type: PostType): { starts: boolean; ends: boolean; place: boolean } {
  if (type === "event") return { starts: true, ends: true, place: true };
  if (type === "vacancy") return { starts: false, ends: true, place: true };
  return { starts: type === "study" || type === "project", ends: true, place: type !== "tool" };
}

/**
 * A list's posts with the saves made on this screen since it was asked for. A search sent before a
 * save and answered after it would otherwise show the post unsaved again, although it is saved.
 */
export function withSaves<T extends { id: string; is_saved?: boolean }>(posts: T[], saves: Record<string, boolean>): T[] {
  return posts.map((post) =>
    post.id in saves && saves[post.id] !== post.is_saved ? { ...post, is_saved: saves[post.id] } : post,
  );
}
