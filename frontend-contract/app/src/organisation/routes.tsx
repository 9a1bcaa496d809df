/**
 * The organisation's screens, rendered by app.tsx inside the router (through ../connect/routes), and the
 * organisation's home shown at /me/home. Screens are lazy chunks, so the first page does not carry them.
 */
import type { ComponentType } from "preact";
import { lazy } from "preact-iso";

const screens = () => import("./screens");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const organisationRoutes: { path: string; component: ComponentType<any> }[] = [
  { path: "/me/organisation-posts", component: lazy(() => screens().then((m) => m.OrganisationPostsScreen)) },
  { path: "/me/organisation-projects", component: lazy(() => screens().then((m) => m.OrganisationProjectsScreen)) },
];

/** What /me/home shows a signed-in organisation (and an admin): profile, posts, projects with waiting requests, the back office. */
export const OrganisationHome: ComponentType | null = lazy(() => screens().then((m) => m.OrganisationHome));
