/** The footer: what Helix is, and the offline line (offline, or saved for offline, with the last update). */
import { formatDate, t, useLang } from "../i18n";
import { lastUpdated, online, syncedAt } from "../offline/status";

export function OfflineLine() {
  const language = useLang();
  void syncedAt.value; // re-render after a sync
  const when = lastUpdated(language);
  const date = when ? formatDate(when, language) : "—";
  if (!online.value) {
    return (
      <p class="offline-line offline" role="status" data-testid="offline-line">
        {t("offline_line", { date })}
      </p>
    );
  }
  if (!when) return null;
  return (
    <p class="offline-line" data-testid="updated-line">
      {t("updated_line", { date })}
    </p>
  );
}

export function Footer() {
  useLang();
  return (
    <footer class="site-footer">
      <OfflineLine />
      <p>{t("footer_text")}</p>
    </footer>
  );
}
