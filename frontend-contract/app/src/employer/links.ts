/** The employer's links in the "my space" menu (see NavLink in ../connect/shared). */
import { labelOf, type NavLink } from "../connect/shared";
import { EMPLOYER_STRINGS } from "./strings";

const label = (key: keyof typeof EMPLOYER_STRINGS.en) => labelOf(EMPLOYER_STRINGS, key);

export const employerLinks: NavLink[] = [
  { path: "/me/talent-pool", label: label("navPool"), feature: "employers", roles: ["employer"] },
  { path: "/me/vacancies", label: label("navVacancies"), feature: "posts", roles: ["employer"] },
  { path: "/me/messages", label: label("navMessages"), feature: "messaging", roles: ["employer"] },
  { path: "/me/company", label: label("navCompany"), roles: ["employer"] },
];
