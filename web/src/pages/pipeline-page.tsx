/** One pipeline. */
export function PipelinePage({ id }: { id: string }) {
  return <h1>Pipeline {id}</h1>;
}
