import { usePageReady } from '../components/page-ready.js';

/** One pipeline. */
export function PipelinePage({ id }: { id: string }) {
  usePageReady('pipeline', true);
  return <h1>Pipeline {id}</h1>;
}
