/// <reference lib="webworker" />
/**
 * The service worker: keeps the app itself (its HTML, scripts, styles, icons and manifest,
 * listed by vite-plugin-pwa at build time) so that the app opens with the network off, and
 * answers the app's own addresses (/en/..., /account/...) with index.html. The pages' API
 * answers are kept by the app's client (offline/store.ts) in a cache this worker leaves alone.
 * Helix's server routes are never answered from here.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

const SERVER_ROUTES = /^\/(api|_allauth|accounts|admin|documents|health|i18n|static|media)(\/|$)/;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL("/index.html"), { denylist: [SERVER_ROUTES] }));

self.addEventListener("install", () => void self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
