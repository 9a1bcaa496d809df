/**
 * The app: router and layout. Information pages live at the API's own addresses,
 * `/{lang}/{slug}/{slug}/` (the page's `meta.html_path`), so a page's URL, its API lookup
 * (`/api/v1/pages/find/?html_path=`) and its translations' links are all the same string.
 * Account screens come from ./account/routes.
 */
import { ErrorBoundary, LocationProvider, Route, Router, useLocation } from "preact-iso";
import { useEffect, useRef } from "preact/hooks";
import { accountRoutes } from "./account/routes";
import { connectRoutes } from "./connect/routes";
import { Footer } from "./components/Footer";
import { Header } from "./components/Header";
import { t, useLang } from "./i18n";
import { NotFound } from "./views/NotFound";
import { PageView } from "./views/PageView";
import { SearchView } from "./views/SearchView";

/** `/` goes to the home page in the visitor's language. */
function LanguageHome() {
  const language = useLang();
  const { route } = useLocation();
  useEffect(() => route(`/${language}/`, true), [language]);
  return null;
}

/** After a change of screen (not the first one), keyboard and screen-reader users land in <main>. */
function FocusOnNavigate() {
  const { path } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById("main")?.focus({ preventScroll: false });
  }, [path]);
  return null;
}

export function App() {
  return (
    <LocationProvider>
      <FocusOnNavigate />
      <a class="skip-link" href="#main">
        {t("skip_to_content")}
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <ErrorBoundary>
          <Router>
            <Route path="/" component={LanguageHome} />
            {accountRoutes.map((route) => (
              <Route key={route.path} path={route.path} component={route.component} />
            ))}
            {connectRoutes.map((route) => <Route key={route.path} path={route.path} component={route.component} />)}
            <Route path="/:lang/search" component={SearchView} />
            <Route path="/:lang/*" component={PageView} />
            <Route path="/:lang" component={PageView} />
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </main>
      <Footer />
    </LocationProvider>
  );
}
