import { usePageReady } from '../components/page-ready.js';

/** One run. */
export function RunPage({ id }: { id: string }) {
  usePageReady('run', true);
  return <h1>Run {id}</h1>;
}
