/**
 * Who is signed in, shared by the account screens: one allauth session check, refreshed after
 * login, logout and erasure. Everything goes through the app's one client (`helix`).
 */
import { useEffect, useState } from "preact/hooks";
import { isAuthenticated, type AuthState } from "@helix/client";
import { helix } from "../api";

export type Account = { signedIn: boolean; email?: string; checked: boolean };

let current: Account = { signedIn: false, checked: false };
const listeners = new Set<(account: Account) => void>();
let pending: Promise<void> | null = null;

function publish(next: Account) {
  current = next;
  for (const listener of listeners) listener(next);
}

/** Take the state an accounts answer gives (login, 2FA, logout). */
export function takeState(state: AuthState) {
  if (isAuthenticated(state)) {
    const user = state.data.user as { email?: string };
    publish({ signedIn: true, email: user.email, checked: true });
  } else {
    publish({ signedIn: false, checked: true });
  }
}

/** Ask the server again (after a page load or a change elsewhere). */
export function refreshAccount(): Promise<void> {
  pending ??= helix.accounts
    .session()
    .then(takeState)
    .catch(() => publish({ signedIn: false, checked: true }))
    .finally(() => {
      pending = null;
    });
  return pending;
}

export function signedOut() {
  publish({ signedIn: false, checked: true });
}

/** The signed-in state, checked once on first use. */
export function useAccount(): Account {
  const [account, setAccount] = useState(current);
  useEffect(() => {
    listeners.add(setAccount);
    if (!current.checked) void refreshAccount();
    else setAccount(current);
    return () => {
      listeners.delete(setAccount);
    };
  }, []);
  return account;
}
