/**
 * The employer's screens, rendered by app.tsx inside the router (through ../connect/routes), and the
 * employer's home shown at /me/home. Screens are lazy chunks, so the first page does not carry them;
 * messages are the shared threads screen (/me/messages).
 */
import type { ComponentType } from "preact";
import { lazy } from "preact-iso";

const screens = () => import("./screens");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const employerRoutes: { path: string; component: ComponentType<any> }[] = [
  { path: "/me/talent-pool", component: lazy(() => screens().then((m) => m.PoolScreen)) },
  { path: "/me/talent-pool/:id", component: lazy(() => screens().then((m) => m.TalentScreen)) },
  { path: "/me/company", component: lazy(() => screens().then((m) => m.CompanyScreen)) },
  { path: "/me/vacancies", component: lazy(() => screens().then((m) => m.VacanciesScreen)) },
];

/** What /me/home shows a signed-in employer: contact requests, new talents, unread messages, vacancies. */
export const EmployerHome: ComponentType | null = lazy(() => screens().then((m) => m.EmployerHome));
