/**
 * The talent's daily screens, rendered by app.tsx inside the router: home (/me/home), posts and
 * the saved ones, asking for a mentor or coach, meetings and messages. Each screen is its own lazy
 * chunk, so the first page of the app does not carry them.
 */
import type { ComponentType } from "preact";
import { lazy } from "preact-iso";
import "./connect.css";

const screens = () => import("./screens");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const connectRoutes: { path: string; component: ComponentType<any> }[] = [
  { path: "/me/home", component: lazy(() => screens().then((m) => m.HomeScreen)) },
  { path: "/me/posts", component: lazy(() => screens().then((m) => m.PostsScreen)) },
  { path: "/me/posts/saved", component: lazy(() => screens().then((m) => m.SavedScreen)) },
  { path: "/me/mentor", component: lazy(() => screens().then((m) => m.MentorScreen)) },
  { path: "/me/meetings", component: lazy(() => screens().then((m) => m.MeetingsScreen)) },
  { path: "/me/messages", component: lazy(() => screens().then((m) => m.MessagesScreen)) },
  { path: "/me/messages/:id", component: lazy(() => screens().then((m) => m.ThreadScreen)) },
];
