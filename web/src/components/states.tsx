import { ApiError } from '../api/client.js';
import { signInUrl } from '../api/session.js';

/** What a page shows while its data loads. */
export function Loading({ what }: { what: string }) {
  return (
    <p aria-busy="true" role="status">
      Loading {what}…
    </p>
  );
}

/** What a page shows when its data could not be read: the problem in words, and what to do about it. */
export function ErrorState({ error }: { error: unknown }) {
  const e = error instanceof ApiError ? error : undefined;
  const hint =
    e?.status === 401 ? (
      <a href={signInUrl()}>Sign in again</a>
    ) : e?.status === 403 ? (
      'Your role does not allow this.'
    ) : e?.status === 404 ? (
      'It may have been deleted, or the link is wrong.'
    ) : (
      'Try again in a moment.'
    );
  return (
    <article role="alert" className="error-state">
      <strong>{e ? `${e.code}: ` : ''}</strong>
      {error instanceof Error ? error.message : String(error)} <span>{hint}</span>
    </article>
  );
}

/** What a list shows when it has nothing in it. */
export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="empty-state">{children}</p>;
}
