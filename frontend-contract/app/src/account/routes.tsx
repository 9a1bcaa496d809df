/**
 * The account screens (sign up, verify e-mail, log in, second factor, password reset, my data)
 * and the editors' preview, rendered by app.tsx inside the router. The links in Helix's e-mails
 * point to /account/verify-email/{key} and /account/password/reset/key/{key}
 * (cms/settings.py HEADLESS_FRONTEND_URLS); Wagtail's Preview to /preview?content_type=&token=.
 */
import type { ComponentType } from "preact";
import { PreviewScreen } from "../preview/PreviewScreen";
import {
  LoginScreen,
  PasswordResetKeyScreen,
  PasswordResetRequestScreen,
  SignupScreen,
  VerifyEmailScreen,
} from "./AuthScreens";
import { MeScreen } from "./MeScreen";
import { SecurityScreen } from "./SecurityScreen";
import "./account.css";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const accountRoutes: { path: string; component: ComponentType<any> }[] = [
  { path: "/account", component: MeScreen },
  { path: "/account/signup", component: SignupScreen },
  { path: "/account/login", component: LoginScreen },
  { path: "/account/verify-email/:key", component: VerifyEmailScreen },
  { path: "/account/password/reset", component: PasswordResetRequestScreen },
  { path: "/account/password/reset/key/:key", component: PasswordResetKeyScreen },
  { path: "/account/security", component: SecurityScreen },
  { path: "/preview", component: PreviewScreen },
];
