import { usePageReady } from '../components/page-ready.js';

/** Lineage search. */
export function LineagePage() {
  usePageReady('lineage', true);
  return <h1>Lineage search</h1>;
}
