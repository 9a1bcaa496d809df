/** The mentor's (and coach's) links in the "my space" menu (see NavLink in ../connect/shared). */
import { labelOf, type NavLink } from "../connect/shared";
import { MENTOR_STRINGS } from "./strings";

const label = (key: keyof typeof MENTOR_STRINGS.en) => labelOf(MENTOR_STRINGS, key);

export const mentorLinks: NavLink[] = [
  { path: "/me/mentees", label: label("navMentees"), feature: "mentoring", roles: ["mentor"] },
  { path: "/me/mentor-meetings", label: label("navMeetings"), feature: "mentoring", roles: ["mentor"] },
  { path: "/me/mentor-posts", label: label("navPosts"), feature: "posts", roles: ["mentor"] },
  { path: "/me/messages", label: label("navMessages"), feature: "messaging", roles: ["mentor"] },
  { path: "/me/mentor-profile", label: label("navProfile"), feature: "mentoring", roles: ["mentor"] },
];
