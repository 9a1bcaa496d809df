/** @helix/client: the typed client of Helix's frontend contract (see docs/frontend.md). */
export { createHelixClient, csrfTokenFromCookie, unwrap } from "./client";
export type { ClientKind, HelixClient, HelixClientOptions, Language, Session } from "./client";
export { HELIX_ERROR_CODES, HelixError, isHelixErrorCode, toHelixError } from "./errors";
export type { ClientErrorCode, ErrorBody, ErrorDetail, FieldErrors, HelixErrorCode } from "./errors";
export { AllauthError, isAuthenticated, keyFromLink, pendingFlow } from "./accounts";
export type {
  Accounts,
  AllauthFieldError,
  AuthState,
  Authenticated,
  FlowId,
  LoginInput,
  SignupInput,
  SignupRole,
  TotpState,
  Unauthenticated,
} from "./accounts";
export { isBlock } from "./blocks";
export type { BlockOf, BlockType, BodyBlock, Page, PageBlock, RelatedStepBlock } from "./blocks";
export type { components as ApiComponents, paths as ApiPaths } from "./generated/api";
export type { components as AllauthComponents, paths as AllauthPaths } from "./generated/allauth";
