/** The organisation's links in the "my space" menu (see NavLink in ../connect/shared). */
import type { NavLink } from "../connect/shared";
import { ORGANISATION_STRINGS, type OrganisationStrings } from "./strings";

function label(key: keyof OrganisationStrings): NavLink["label"] {
  return { en: ORGANISATION_STRINGS.en[key], nl: ORGANISATION_STRINGS.nl[key], ar: ORGANISATION_STRINGS.ar[key] };
}

export const organisationLinks: NavLink[] = [
  { path: "/me/organisation-posts", label: label("navPosts"), feature: "posts", roles: ["organisation", "admin"] },
  { path: "/me/organisation-projects", label: label("navProjects"), roles: ["organisation", "admin"] },
];
