/**
 * Reading information pages through the client: a page by its address, a page's children
 * (menus), search, and the page on screen (for the language switch).
 */
import { HelixError, type Page, unwrap } from "@helix/client";
import { signal } from "@preact/signals";
import { helix } from "../api";
import type { Lang } from "../i18n";

/** The page on screen, so that the header's language switch can offer its translations. */
export const currentPage = signal<Page | null>(null);

/** The page at a frontend address such as `/ar/roadmap/orientation/` (falls back to the source language). */
export async function pageAt(htmlPath: string): Promise<Page> {
  const path = htmlPath.endsWith("/") ? htmlPath : `${htmlPath}/`;
  return unwrap(
    await helix.api.GET("/api/v1/pages/find/", { params: { query: { html_path: path, fallback: true } } }),
  );
}

/** A page's children in the editors' order, with the fields a list or a menu needs. */
export async function childrenOf(id: number, language: Lang, fields = ""): Promise<Page[]> {
  const query = { child_of: id, locale: language, page_size: 50, ...(fields ? { fields } : {}) };
  return unwrap(await helix.api.GET("/api/v1/pages/", { params: { query } })).results;
}

/** Pages whose words match, in one language. */
export async function searchPages(words: string, language: Lang): Promise<Page[]> {
  const query = { search: words, locale: language, page_size: 30 };
  return unwrap(await helix.api.GET("/api/v1/pages/", { params: { query } })).results;
}

/** Whether an error means "this page is not there" rather than "something broke". */
export function isNotFound(error: unknown): boolean {
  return error instanceof HelixError && error.status === 404;
}
