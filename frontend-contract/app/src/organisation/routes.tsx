/**
 * The organisation's screens, rendered by app.tsx inside the router (through ../connect/routes), and the
 * organisation's home shown at /me/home. Screens are lazy chunks, so the first page does not carry them.
 */
import type { ComponentType } from "preact";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const organisationRoutes: { path: string; component: ComponentType<any> }[] = [];

/** What /me/home shows a signed-in organisation; null: the shared home. */
export const OrganisationHome: ComponentType | null = null;
