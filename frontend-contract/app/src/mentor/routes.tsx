/**
 * The mentor's screens, rendered by app.tsx inside the router (through ../connect/routes), and the
 * mentor's home shown at /me/home. Screens are lazy chunks, so the first page does not carry them.
 */
import type { ComponentType } from "preact";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const mentorRoutes: { path: string; component: ComponentType<any> }[] = [];

/** What /me/home shows a signed-in mentor; null: the shared home. */
export const MentorHome: ComponentType | null = null;
