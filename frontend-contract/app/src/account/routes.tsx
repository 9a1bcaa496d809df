/**
 * The account screens (sign up, verify e-mail, log in, second factor, password reset),
 * rendered by app.tsx inside the router. The links in Helix's e-mails point to
 * /account/verify-email/{key} and /account/password/reset/key/{key}
 * (cms/settings.py HEADLESS_FRONTEND_URLS).
 */
export const accountRoutes: { path: string; component: any }[] = [];
