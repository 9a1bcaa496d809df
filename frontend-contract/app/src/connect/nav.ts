/**
 * The "my space" menu: the links of every area, in the order shown. Each link says which plugin,
 * roles and capability it needs (see `allowed` in ./shared); an area adds its own links in its
 * `links.ts` (talent links here, then mentor, employer, organisation).
 */
import { employerLinks } from "../employer/links";
import { mentorLinks } from "../mentor/links";
import { organisationLinks } from "../organisation/links";
import { labelOf, type NavLink } from "./shared";
import { CONNECT_STRINGS, type ConnectStrings } from "./strings";

/** A label in the three languages from the talent area's strings. */
const label = (key: keyof ConnectStrings) => labelOf(CONNECT_STRINGS, key);

/** The home of every role. */
const homeLinks: NavLink[] = [{ path: "/me/home", label: label("home") }];

/** The talent's screens. */
export const talentLinks: NavLink[] = [
  { path: "/me/posts", label: label("posts"), feature: "posts", roles: ["talent"] },
  { path: "/me/posts/saved", label: label("saved"), feature: "posts", roles: ["talent"] },
  { path: "/me/mentor", label: label("mentor"), feature: "mentoring", capability: "mentoring.request_mentor" },
  { path: "/me/meetings", label: label("meetings"), feature: "mentoring", roles: ["talent"] },
  { path: "/me/messages", label: label("messages"), feature: "messaging", roles: ["talent"] },
  { path: "/me/connections", label: label("connections"), roles: ["talent"] },
  { path: "/me/roadmap", label: label("roadmap"), feature: "journey", roles: ["talent"], capability: "journey.track_progress" },
  { path: "/me/networking", label: label("networking"), feature: "networking", roles: ["talent"] },
  { path: "/me/settings", label: label("settings"), roles: ["talent"] },
];

export const NAV_LINKS: NavLink[] = [...homeLinks, ...talentLinks, ...mentorLinks, ...employerLinks, ...organisationLinks];
