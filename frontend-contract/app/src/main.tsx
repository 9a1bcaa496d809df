/** Entry point: mount the app, set <html lang dir>, keep the offline copy, register the service worker. */
import { render } from "preact";
import { App } from "./app";
import { applyDocumentLanguage, lang } from "./i18n";
import { startOfflineSync } from "./offline/run";
import "./styles.css";

applyDocumentLanguage(lang.value);
render(<App />, document.getElementById("app")!);
startOfflineSync();

if (import.meta.env.PROD && "serviceWorker" in navigator) {
  // The service worker keeps the app itself for offline use (src/sw.ts).
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
    // No offline app shell (e.g. an insecure origin); the app still works online.
  });
}
