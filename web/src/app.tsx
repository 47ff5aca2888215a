import { Link, Route, Switch } from 'wouter';
import { signInUrl, signOutUrl, useSession } from './api/session.js';
import { LineagePage } from './pages/lineage-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { PipelinePage } from './pages/pipeline-page.js';
import { PipelinesPage } from './pages/pipelines-page.js';
import { RunPage } from './pages/run-page.js';
import { ErrorState, Loading } from './components/states.js';

/** The dashboard: a header with navigation and who is signed in, and the page the URL names. */
export function App() {
  const session = useSession();
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="container">
        <nav aria-label="Main">
          <ul>
            <li>
              <Link href="/" className="brand">
                <strong>mlcycle</strong>
              </Link>
            </li>
          </ul>
          <ul>
            <li>
              <Link href="/">Pipelines</Link>
            </li>
            <li>
              <Link href="/lineage">Lineage</Link>
            </li>
            <li>
              {session.data ? (
                <span>
                  <span data-testid="who">{session.data.name}</span> ({session.data.role ?? 'no role'}) · <a href={signOutUrl()}>Sign out</a>
                </span>
              ) : (
                <a href={signInUrl()}>Sign in</a>
              )}
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        {session.isPending ? (
          <Loading what="your session" />
        ) : session.isError ? (
          <ErrorState error={session.error} />
        ) : session.data === null ? (
          <section aria-labelledby="signin-title">
            <h1 id="signin-title">Sign in</h1>
            <p>The dashboard shows pipelines, runs and models to signed-in people with the viewer or operator role.</p>
            <a role="button" href={signInUrl()}>
              Sign in
            </a>
          </section>
        ) : (
          <Switch>
            <Route path="/" component={PipelinesPage} />
            <Route path="/pipelines/:id">{(p) => <PipelinePage id={p.id} />}</Route>
            <Route path="/runs/:id">{(p) => <RunPage id={p.id} />}</Route>
            <Route path="/lineage" component={LineagePage} />
            <Route component={NotFoundPage} />
          </Switch>
        )}
      </main>
    </>
  );
}
