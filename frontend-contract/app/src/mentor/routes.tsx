/**
 * The mentor's (and coach's) screens, rendered by app.tsx inside the router (through
 * ../connect/routes), and the mentor's home shown at /me/home. Screens are lazy chunks, so the
 * first page does not carry them; messages are the shared threads screen (/me/messages).
 */
import type { ComponentType } from "preact";
import { lazy } from "preact-iso";

const screens = () => import("./screens");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const mentorRoutes: { path: string; component: ComponentType<any> }[] = [
  { path: "/me/mentor-profile", component: lazy(() => screens().then((m) => m.ProfileScreen)) },
  { path: "/me/mentees", component: lazy(() => screens().then((m) => m.MenteesScreen)) },
  { path: "/me/mentees/:id", component: lazy(() => screens().then((m) => m.MenteeScreen)) },
  { path: "/me/mentor-meetings", component: lazy(() => screens().then((m) => m.MentorMeetingsScreen)) },
  { path: "/me/mentor-posts", component: lazy(() => screens().then((m) => m.MentorPostsScreen)) },
];

/** What /me/home shows a signed-in mentor: requests waiting, mentees, meetings, reports due, unread messages. */
export const MentorHome: ComponentType | null = lazy(() => screens().then((m) => m.MentorHome));
