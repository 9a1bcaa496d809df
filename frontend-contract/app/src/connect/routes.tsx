/**
 * The daily screens of "my space", rendered by app.tsx inside the router: the talent's home
 * (/me/home, which shows each role its own home), posts and the saved ones, asking for a mentor
 * or coach, meetings and messages, connections (mentors, organisations, employers, the CV
 * published), the roadmap and outcomes, the networking plan and the notification settings; then the mentor's, employer's and organisation's screens. Each screen is its own lazy
 * chunk, so the first page of the app does not carry them.
 */
import type { ComponentType } from "preact";
import { lazy } from "preact-iso";
import { employerRoutes } from "../employer/routes";
import { mentorRoutes } from "../mentor/routes";
import { organisationRoutes } from "../organisation/routes";
import "./connect.css";

const screens = () => import("./screens");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const talentRoutes: { path: string; component: ComponentType<any> }[] = [
  { path: "/me/home", component: lazy(() => screens().then((m) => m.HomeScreen)) },
  { path: "/me/posts", component: lazy(() => screens().then((m) => m.PostsScreen)) },
  { path: "/me/posts/saved", component: lazy(() => screens().then((m) => m.SavedScreen)) },
  { path: "/me/mentor", component: lazy(() => screens().then((m) => m.MentorScreen)) },
  { path: "/me/meetings", component: lazy(() => screens().then((m) => m.MeetingsScreen)) },
  { path: "/me/messages", component: lazy(() => screens().then((m) => m.MessagesScreen)) },
  { path: "/me/messages/:id", component: lazy(() => screens().then((m) => m.ThreadScreen)) },
  { path: "/me/connections", component: lazy(() => screens().then((m) => m.ConnectionsScreen)) },
  { path: "/me/roadmap", component: lazy(() => screens().then((m) => m.RoadmapScreen)) },
  { path: "/me/networking", component: lazy(() => screens().then((m) => m.NetworkingScreen)) },
  { path: "/me/settings", component: lazy(() => screens().then((m) => m.SettingsScreen)) },
];

/** Every role's screens: the talent's, the mentor's, the employer's, the organisation's. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const connectRoutes: { path: string; component: ComponentType<any> }[] = [
  ...talentRoutes,
  ...mentorRoutes,
  ...employerRoutes,
  ...organisationRoutes,
];
