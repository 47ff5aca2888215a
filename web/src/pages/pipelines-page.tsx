import { usePageReady } from '../components/page-ready.js';

/** Pipelines. */
export function PipelinesPage() {
  usePageReady('pipelines', true);
  return <h1>Pipelines</h1>;
}
