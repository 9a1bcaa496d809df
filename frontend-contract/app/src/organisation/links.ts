/** The organisation's links in the "my space" menu (see NavLink in ../connect/shared). */
import { labelOf, type NavLink } from "../connect/shared";
import { ORGANISATION_STRINGS } from "./strings";

const label = (key: keyof typeof ORGANISATION_STRINGS.en) => labelOf(ORGANISATION_STRINGS, key);

export const organisationLinks: NavLink[] = [
  { path: "/me/organisation-posts", label: label("navPosts"), feature: "posts", roles: ["organisation", "admin"] },
  { path: "/me/organisation-projects", label: label("navProjects"), roles: ["organisation", "admin"] },
];
