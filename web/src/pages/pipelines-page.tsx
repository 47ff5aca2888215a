/** Pipelines. */
export function PipelinesPage() {
  return <h1>Pipelines</h1>;
}
