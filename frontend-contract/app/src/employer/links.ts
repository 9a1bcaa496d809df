/** The employer's links in the "my space" menu (see NavLink in ../connect/shared). */
import type { NavLink } from "../connect/shared";

export const employerLinks: NavLink[] = [];
