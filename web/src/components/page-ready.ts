import { useEffect } from 'react';

/**
 * Mark the page as showing its answer (its data, or in words why there is none): `<html data-ready="<page>">` once
 * `ready` is true, cleared when the page goes. Browser tests and `bench:ui` wait for it, so "the page is shown" means
 * the same thing everywhere.
 */
export function usePageReady(page: string, ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    document.documentElement.dataset.ready = page;
    return () => {
      if (document.documentElement.dataset.ready === page) delete document.documentElement.dataset.ready;
    };
  }, [page, ready]);
}
