/** The employer's links in the "my space" menu (see NavLink in ../connect/shared). */
import type { NavLink } from "../connect/shared";
import { EMPLOYER_STRINGS, type EmployerStrings } from "./strings";

function label(key: keyof EmployerStrings): NavLink["label"] {
  return { en: EMPLOYER_STRINGS.en[key], nl: EMPLOYER_STRINGS.nl[key], ar: EMPLOYER_STRINGS.ar[key] };
}

export const employerLinks: NavLink[] = [
  { path: "/me/talent-pool", label: label("navPool"), feature: "employers", roles: ["employer"] },
  { path: "/me/vacancies", label: label("navVacancies"), feature: "posts", roles: ["employer"] },
  { path: "/me/messages", label: label("navMessages"), feature: "messaging", roles: ["employer"] },
  { path: "/me/company", label: label("navCompany"), roles: ["employer"] },
];
